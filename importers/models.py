"""A record of every import run: what it read, what it changed, and what it warned about."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", _("bezig")
        SUCCEEDED = "succeeded", _("geslaagd")
        FAILED = "failed", _("mislukt")
        DRY_RUN = "dry_run", _("proefdraai (niets bewaard)")
        SOURCE_UNCHANGED = "source_unchanged", _("bron ongewijzigd, overgeslagen")

    importer = models.CharField(max_length=100, db_index=True)
    source_path = models.CharField(max_length=500, blank=True)
    source_checksum = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("importrun")
        verbose_name_plural = _("importruns")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.importer} {self.started_at:%Y-%m-%d %H:%M} ({self.get_outcome_display()})"

    def summary(self) -> str:
        return (
            f"{self.importer}: {self.created} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd, "
            f"{self.skipped} overgeslagen, {self.failed} mislukt, {len(self.warnings)} waarschuwingen"
        )
