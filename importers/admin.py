from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from importers.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Read-only: runs are written by the importers, never by hand."""

    list_display = ["importer", "started_at", "outcome", "created", "updated", "unchanged", "skipped", "failed"]
    list_filter = ["outcome", "importer"]
    readonly_fields = [field.name for field in ImportRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
