"""Cached coverage computations (the planners' view). Rows are only a cache: deleting them is always safe."""

from __future__ import annotations

from django.contrib.gis.db import models as gis_models
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class CoverageResult(models.Model):
    """One computation of a rubric's coverage over one unit level, valid for one data version.

    `key` hashes (rubric, unit level, filters, scope); `data_version` is the directory's state when it was
    computed (geo.coverage.version). A lookup with another data version is a miss and overwrites the row.
    """

    key = models.CharField(max_length=64, unique=True)
    data_version = models.CharField(max_length=200)
    rubric = models.CharField(max_length=64, blank=True)
    level = models.CharField(max_length=32)
    filters = models.JSONField(default=dict)
    payload = models.JSONField()
    compute_ms = models.FloatField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dekkingsberekening")
        verbose_name_plural = _("dekkingsberekeningen")

    def __str__(self) -> str:
        return f"{self.rubric} / {self.level}"


class CoverageFeature(models.Model):
    """Precomputed coverage of one top-level rubric over one unit level, per unit, for WFS clients (QGIS).

    Rebuilt by geo.coverage.services.coverage_features_refresh (`manage.py refresh_coverage_features`);
    `data_version` says which state of the directory it describes.
    """

    rubric = models.CharField(max_length=64)
    rubric_name = models.CharField(max_length=200)
    level = models.CharField(max_length=32)
    code = models.CharField(max_length=16)
    name = models.CharField(max_length=200)
    municipality_code = models.CharField(max_length=16)
    covered_share = models.FloatField()
    organisations = models.PositiveIntegerField()
    population = models.PositiveIntegerField(null=True)
    population_source = models.CharField(max_length=40)
    population_covered = models.PositiveIntegerField(null=True)
    population_uncovered = models.PositiveIntegerField(null=True)
    distance_m = models.FloatField(null=True)
    data_version = models.CharField(max_length=64)
    computed_at = models.DateTimeField(auto_now_add=True)
    geom = gis_models.MultiPolygonField(srid=31370)

    class Meta:
        verbose_name = _("dekking per gebied (WFS)")
        verbose_name_plural = _("dekking per gebied (WFS)")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "level", "code"], name="coverage_feature_unique_unit"),
        ]
        indexes = [models.Index(fields=["rubric", "level"], name="coverage_feature_rubric_level")]

    def __str__(self) -> str:
        return f"{self.rubric} / {self.level} / {self.name}"


class AreaUnitOverlap(models.Model):
    """How much of one unit (gemeente, wijk, …) one service area that is not made of whole municipalities covers.

    Geography only, independent of rubric, filters and directory version: service areas never change (their
    signature is their geometry) and units change only when the geography is re-imported, which `unit_area`
    detects. So the expensive ST_Intersection of a unit with an area's parts is computed once per pair, by
    the coverage statement for the pairs it has not seen (geo.coverage.statement), and reused by every later
    computation. `piece` (the overlap itself) is kept only for a partial overlap: the union of several
    areas' pieces gives a unit's covered area.
    """

    service_area = models.ForeignKey("areas.ServiceArea", on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=32)
    unit_id = models.BigIntegerField()
    unit_area = models.FloatField()
    overlap_m2 = models.FloatField()
    piece = gis_models.MultiPolygonField(srid=31370, null=True, spatial_index=False)

    class Meta:
        verbose_name = _("overlap werkingsgebied–gebied")
        verbose_name_plural = _("overlappen werkingsgebied–gebied")
        constraints = [
            models.UniqueConstraint(fields=["service_area", "level", "unit_id"], name="area_unit_overlap_unique"),
        ]
        indexes = [models.Index(fields=["level", "unit_id"], name="area_unit_overlap_unit")]

    def __str__(self) -> str:
        return f"{self.service_area_id} / {self.level} {self.unit_id}: {self.overlap_m2:.0f} m²"


class DirectoryChange(models.Model):
    """One row per transaction that changed what a coverage answer reads; the data version is their count.

    Written by database triggers (migration 0004), so every writer is seen: importers, the admin, services and
    raw SQL alike, and no Python signal can be bypassed. A row becomes visible exactly when its transaction
    commits, together with the change, so a cached answer can never be stored under a version that already
    includes a change it did not see. Rows are only ever added, one per writing transaction.
    """

    txid = models.BigIntegerField(unique=True)
    noted_at = models.DateTimeField(db_default=Now())

    class Meta:
        verbose_name = _("wijziging van de gegevens")
        verbose_name_plural = _("wijzigingen van de gegevens")

    def __str__(self) -> str:
        return f"{self.pk} ({self.txid})"
