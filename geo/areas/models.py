"""Administrative geography and service areas, all stored in Belgian Lambert 72 (EPSG:31370).

Regions > provinces > arrondissements > municipalities > sub-municipalities (deelgemeenten) > statistical
sectors; wijken (neighbourhoods) and postal areas beside them. Service areas (werkingsgebieden) are
MultiPolygons stored once each and shared; a subdivided copy serves fast point-in-polygon.
"""

from __future__ import annotations

from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SRID = 31370


class DataSource(models.Model):
    """Where records come from, with the licence and the attribution its licence requires."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200, blank=True)
    licence = models.CharField(max_length=200, blank=True)
    attribution = models.TextField(help_text=_("Tekst die getoond moet worden waar deze gegevens verschijnen."))
    url = models.URLField(blank=True)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("gegevensbron")
        verbose_name_plural = _("gegevensbronnen")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AdminArea(models.Model):
    """Common fields of every administrative unit: NIS/REFNIS code, names, boundary."""

    code = models.CharField(max_length=16, unique=True)
    name_nl = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200, blank=True)
    geom = models.MultiPolygonField(srid=SRID, null=True, blank=True, spatial_index=False)
    source = models.ForeignKey(DataSource, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name_nl

    @property
    def name(self) -> str:
        return self.name_nl


def _geom_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [models.CheckConstraint(condition=Q(geom__isvalid=True), name=f"{prefix}_geom_valid")]


def _geom_indexes(prefix: str) -> list[models.Index]:
    return [
        GistIndex(fields=["geom"], name=f"{prefix}_geom_gist"),
        GinIndex(fields=["name_nl"], name=f"{prefix}_name_trgm", opclasses=["gin_trgm_ops"]),
    ]


class Region(AdminArea):
    class Meta(AdminArea.Meta):
        verbose_name = _("gewest")
        verbose_name_plural = _("gewesten")
        constraints = _geom_constraints("region")
        indexes = _geom_indexes("region")


class Province(AdminArea):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")

    class Meta(AdminArea.Meta):
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")
        constraints = _geom_constraints("province")
        indexes = _geom_indexes("province")


class Arrondissement(AdminArea):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="arrondissements", null=True, blank=True
    )

    class Meta(AdminArea.Meta):
        verbose_name = _("arrondissement")
        verbose_name_plural = _("arrondissementen")
        constraints = _geom_constraints("arrondissement")
        indexes = _geom_indexes("arrondissement")


class Municipality(AdminArea):
    """A municipality in the 2025 situation (after the mergers), NIS code as `code`."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities", null=True, blank=True
    )
    arrondissement = models.ForeignKey(
        Arrondissement, on_delete=models.PROTECT, related_name="municipalities", null=True, blank=True
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    population_note = models.CharField(max_length=300, blank=True)

    class Meta(AdminArea.Meta):
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = _geom_constraints("municipality")
        indexes = _geom_indexes("municipality")


class SubMunicipality(AdminArea):
    """Deelgemeente, e.g. 44021G Ledeberg; `name_nl` without the "(Gent)" suffix of the source."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="submunicipalities")

    class Meta(AdminArea.Meta):
        verbose_name = _("deelgemeente")
        verbose_name_plural = _("deelgemeenten")
        constraints = _geom_constraints("submunicipality")
        indexes = _geom_indexes("submunicipality")


class Neighbourhood(AdminArea):
    """Wijk built from statistical sectors (Gent: the city's own 25 wijken)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="neighbourhoods")

    class Meta(AdminArea.Meta):
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        constraints = _geom_constraints("neighbourhood")
        indexes = _geom_indexes("neighbourhood")


class StatisticalSector(AdminArea):
    """Statbel statistical sector. No open polygons are in the demo data, so `geom` is often empty."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="sectors")
    submunicipality = models.ForeignKey(
        SubMunicipality, on_delete=models.SET_NULL, related_name="sectors", null=True, blank=True
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta(AdminArea.Meta):
        verbose_name = _("statistische sector")
        verbose_name_plural = _("statistische sectoren")
        constraints = _geom_constraints("sector")
        indexes = _geom_indexes("sector")


class PostalArea(models.Model):
    """A postcode and the municipalities it belongs to (three Belgian postcodes span two)."""

    postcode = models.CharField(max_length=4, unique=True)
    name_nl = models.CharField(max_length=200, blank=True)
    municipalities = models.ManyToManyField(Municipality, related_name="postal_areas")
    source = models.ForeignKey(DataSource, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["postcode"]

    def __str__(self) -> str:
        return f"{self.postcode} {self.name_nl}".strip()


class Street(models.Model):
    """A street of the address register (BeST-Address street, or seeded from real addresses)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="streets")
    name_nl = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200, blank=True)
    normalized_name = models.CharField(max_length=200, db_index=True)
    # Key of the French (or German) name, so "Rue Royale" finds Koningsstraat (geo.geocoding.normalize).
    normalized_name_alt = models.CharField(max_length=200, blank=True, default="")
    external_id = models.CharField(max_length=64, blank=True)
    source = models.ForeignKey(DataSource, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("straat")
        verbose_name_plural = _("straten")
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "normalized_name"], name="street_unique_per_municipality")
        ]
        indexes = [
            GinIndex(fields=["normalized_name"], name="street_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["normalized_name_alt"], name="street_name_alt_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["normalized_name_alt"], name="street_name_alt", condition=~Q(normalized_name_alt="")),
        ]

    def __str__(self) -> str:
        return f"{self.name_nl} ({self.municipality})"


class Address(models.Model):
    """An address point of the register."""

    class Status(models.TextChoices):
        CURRENT = "current", _("in gebruik")
        PROPOSED = "proposed", _("voorgesteld")
        RETIRED = "retired", _("gehistoreerd")
        REJECTED = "rejected", _("afgekeurd")

    street = models.ForeignKey(Street, on_delete=models.CASCADE, related_name="addresses")
    house_number = models.CharField(max_length=20)
    # Numeric part of the house number (15A -> 15), for interpolating a number the register lacks.
    number = models.PositiveIntegerField(null=True, blank=True)
    box_number = models.CharField(max_length=20, blank=True)
    postcode = models.CharField(max_length=4, db_index=True, blank=True)
    point = models.PointField(srid=SRID, spatial_index=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CURRENT)
    source = models.ForeignKey(DataSource, on_delete=models.PROTECT)
    external_id = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="address_unique_per_source"),
        ]
        indexes = [
            GistIndex(fields=["point"], name="address_point_gist"),
            models.Index(fields=["street", "house_number"], name="address_street_number"),
            models.Index(fields=["street", "number"], name="address_street_numeric"),
        ]

    def __str__(self) -> str:
        box = f" bus {self.box_number}" if self.box_number else ""
        return f"{self.street.name_nl} {self.house_number}{box}, {self.postcode}"


class ServiceArea(models.Model):
    """A werkingsgebied: one valid MultiPolygon, stored once and shared by every organisation that has it.

    `signature` makes the dedup a database constraint: `units:<kind>:<codes>` for a union of administrative
    units, `geom:<sha256>` for a drawn or imported polygon (hash of the normalised geometry at 1 cm).
    """

    class Kind(models.TextChoices):
        UNITS = "units", _("samengesteld uit bestuurlijke gebieden")
        DRAWN = "drawn", _("getekend of ingelezen polygoon")

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    signature = models.CharField(max_length=200, unique=True)
    geom = models.MultiPolygonField(srid=SRID, spatial_index=False)
    area_m2 = models.FloatField(default=0)
    municipalities = models.ManyToManyField(Municipality, blank=True, related_name="service_areas")
    submunicipalities = models.ManyToManyField(SubMunicipality, blank=True, related_name="service_areas")
    provinces = models.ManyToManyField(Province, blank=True, related_name="service_areas")
    regions = models.ManyToManyField(Region, blank=True, related_name="service_areas")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("werkingsgebied")
        verbose_name_plural = _("werkingsgebieden")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(geom__isvalid=True), name="servicearea_geom_valid")]
        indexes = [GistIndex(fields=["geom"], name="servicearea_geom_gist")]

    def __str__(self) -> str:
        return self.name


class ServiceAreaPart(models.Model):
    """ST_Subdivide pieces of a service area (<= 256 vertices each): point-in-polygon on these is fast."""

    service_area = models.ForeignKey(ServiceArea, on_delete=models.CASCADE, related_name="parts")
    geom = models.PolygonField(srid=SRID, spatial_index=False)

    class Meta:
        verbose_name = _("werkingsgebied (deel)")
        indexes = [GistIndex(fields=["geom"], name="servicearea_part_geom_gist")]
