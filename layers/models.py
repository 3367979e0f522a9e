"""Map layers: the registry of rubric layers, and the read-only public rows that WFS and tiles serve.

`Layer` is editable in the admin: one per top-level rubriek plus one "all" layer (category empty), each with
a title, description, colour, icon, ordering and default visibility. The UI reads them from `/api/layers`.

`PublicLocation` and `PublicServiceArea` are unmanaged models over SQL views (layers/gis/sql/): flat rows of
only the public fields, so no professional-only field or contact can ever reach a GIS client.
"""

from __future__ import annotations

from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from geo.areas.models import SRID, ServiceArea
from geo.directory.models import Category, Organisation

ALL_LAYER_SLUG = "all"


class Layer(models.Model):
    """A rubric layer on the map and in the WFS. `category` empty = every published location."""

    slug = models.SlugField(
        max_length=64, unique=True, help_text=_("Naam in de URL's van tegels en WFS, bv. 'gezondheid'.")
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="layers",
        limit_choices_to={"parent__isnull": True},
        verbose_name=_("rubriek"),
        help_text=_("Hoofdrubriek van deze laag; leeg voor de laag met alle vestigingen."),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    colour = models.CharField(
        _("kleur"), max_length=7, default="#1f78b4", help_text=_("Hexadecimale kleur, bv. #1f78b4.")
    )
    icon = models.SlugField(_("icoon"), max_length=64, default="circle", help_text=_("Naam van het icoon."))
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    visible_by_default = models.BooleanField(_("standaard zichtbaar"), default=True)
    is_published = models.BooleanField(
        _("gepubliceerd"), default=True, help_text=_("Niet gepubliceerde lagen staan niet in de API, WFS en tegels.")
    )

    class Meta:
        verbose_name = _("kaartlaag")
        verbose_name_plural = _("kaartlagen")
        ordering = ["sort_order", "title"]
        constraints = [
            # One "all" layer at most: NULL categories are not distinct here (PostgreSQL 15).
            models.UniqueConstraint(fields=["category"], name="layer_one_per_category", nulls_distinct=False),
            models.CheckConstraint(condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="layer_colour_hex"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_all(self) -> bool:
        return self.category_id is None


class PublicLocation(models.Model):
    """A published location of a published organisation, with a point, in public fields only (a SQL view)."""

    id = models.BigIntegerField(primary_key=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.DO_NOTHING, related_name="+")
    name = models.TextField()
    organisation_name = models.TextField()
    category = models.TextField(null=True)
    category_code = models.TextField(null=True)
    rubrics = models.TextField(help_text="Top-level category codes, comma-separated.")
    street = models.TextField()
    house_number = models.TextField()
    box_number = models.TextField()
    postcode = models.TextField()
    municipality = models.TextField(null=True)
    municipality_code = models.TextField(null=True)
    phone = models.TextField()
    email = models.TextField()
    website = models.TextField()
    operational_status = models.TextField()
    is_synthetic = models.BooleanField()
    label = models.TextField()
    point = models.PointField(srid=SRID)

    class Meta:
        managed = False
        db_table = "layers_public_location"
        ordering = ["id"]
        verbose_name = _("vestiging (publiek)")
        verbose_name_plural = _("vestigingen (publiek)")


class PublicServiceArea(models.Model):
    """A published organisation and the area it serves (its effective werkingsgebied), public fields only."""

    id = models.BigIntegerField(primary_key=True)
    organisation_name = models.TextField()
    service_area = models.ForeignKey(ServiceArea, on_delete=models.DO_NOTHING, related_name="+")
    service_area_name = models.TextField()
    explicit = models.BooleanField()
    has_locations = models.BooleanField()
    category = models.TextField(null=True)
    category_code = models.TextField(null=True)
    rubrics = models.TextField()
    website = models.TextField()
    operational_status = models.TextField()
    is_synthetic = models.BooleanField()
    label = models.TextField()
    geom = models.MultiPolygonField(srid=SRID)

    class Meta:
        managed = False
        db_table = "layers_public_service_area"
        ordering = ["id"]
        verbose_name = _("werkingsgebied (publiek)")
        verbose_name_plural = _("werkingsgebieden (publiek)")
