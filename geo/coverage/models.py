"""Cached coverage computations (the planners' view). Rows are only a cache: deleting them is always safe."""

from __future__ import annotations

from django.db import models
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
