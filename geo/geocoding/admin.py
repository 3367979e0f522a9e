"""Admin: the geocoding quality page for editors, the batch runs, the gazetteer and the online-answer cache.

Moving a pin happens on the location itself (directory admin); the quality page links there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from geo.geocoding.models import GeocodeCacheEntry, GeocodeRun, Place
from geo.geocoding.selectors import locations_to_fix, precision_counts, reason


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(GeocodeRun)
class GeocodeRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "outcome", "only_missing", "provider", "processed", "finished_at"]
    list_filter = ["outcome"]
    change_list_template = "admin/geocoding/geocoderun_change_list.html"

    def get_urls(self) -> list[URLPattern]:
        quality = path("kwaliteit/", self.admin_site.admin_view(self.quality_view), name="geocoding_quality")
        return [quality, *super().get_urls()]

    def quality_view(self, request: HttpRequest) -> HttpResponse:
        include = request.GET.get("voorbeelden", "1") != "0"
        counts = precision_counts(include_synthetic=include)
        worst = [(location, reason(location)) for location in locations_to_fix(limit=50, include_synthetic=include)]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Kwaliteit van de geocodering"),
            "counts": counts,
            "total": sum(row.count for row in counts),
            "worst": worst,
            "include_synthetic": include,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/geocoding/quality.html", context)


@admin.register(Place)
class PlaceAdmin(ReadOnlyAdmin):
    list_display = ["label", "kind", "code", "postcode"]
    list_filter = ["kind"]
    search_fields = ["name", "label", "code"]


@admin.register(GeocodeCacheEntry)
class GeocodeCacheEntryAdmin(ReadOnlyAdmin):
    list_display = ["query", "provider", "created_at", "hits"]
    list_filter = ["provider"]
    search_fields = ["query"]
