"""Geocoding tables: the gazetteer of places (the fallbacks down the precision ladder), the cache of online
answers, and a record of every batch run."""

from __future__ import annotations

from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.utils.translation import gettext_lazy as _

from geo.areas.models import SRID, Municipality


class Place(models.Model):
    """A named area with a representative point: municipality, deelgemeente, wijk or postal area.

    Rebuilt from the geography and the address register by geo.geocoding.places.places_rebuild(); one row per
    name (a municipality has a row for its Dutch and one for its French name).
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("gemeente")
        SUBMUNICIPALITY = "submunicipality", _("deelgemeente")
        NEIGHBOURHOOD = "neighbourhood", _("wijk")
        POSTAL_AREA = "postal_area", _("postcodegebied")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    code = models.CharField(max_length=16)
    name = models.CharField(max_length=200)
    normalized_name = models.CharField(max_length=200)
    label = models.CharField(max_length=300)
    point = models.PointField(srid=SRID, spatial_index=False)
    geom = models.MultiPolygonField(srid=SRID, null=True, blank=True, spatial_index=False)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    postcode = models.CharField(max_length=4, blank=True)

    class Meta:
        verbose_name = _("plaats")
        verbose_name_plural = _("plaatsen")
        ordering = ["kind", "name"]
        indexes = [
            models.Index(fields=["normalized_name"], name="place_normalized_name"),
            GinIndex(fields=["normalized_name"], name="place_name_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["kind", "code"], name="place_kind_code"),
            GistIndex(fields=["geom"], name="place_geom_gist"),
        ]

    def __str__(self) -> str:
        return self.label


class GeocodeCacheEntry(models.Model):
    """The answer of one provider to one normalised query, so an online service is asked only once."""

    query = models.CharField(max_length=500)
    provider = models.CharField(max_length=32)
    candidates = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("geocodeercache")
        verbose_name_plural = _("geocodeercache")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["query", "provider"], name="geocodecache_query_provider")]

    def __str__(self) -> str:
        return f"{self.provider}: {self.query}"


class GeocodeRun(models.Model):
    """One `manage.py geocode` batch: what it did, so an interrupted run can be resumed."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("bezig")
        SUCCEEDED = "succeeded", _("geslaagd")
        FAILED = "failed", _("mislukt")
        DRY_RUN = "dry_run", _("proefdraai (niets bewaard)")

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    only_missing = models.BooleanField(default=True)
    provider = models.CharField(max_length=32, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.RUNNING)
    processed = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("geocodeerrun")
        verbose_name_plural = _("geocodeerruns")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_outcome_display()})"
