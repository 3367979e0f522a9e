"""The map page. Everything it shows comes from the `layers` endpoints, fetched by the page's ES modules;
this view only renders the shell (forms with their labels, the sources to credit) and the endpoint URLs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from frontend.selectors import sources_on_the_map, target_groups_all

DEFAULT_VIEW = {"lon": 3.7250, "lat": 51.0540, "zoom": 12.5}  # Gent, where the demo's data lives


def _endpoints() -> dict[str, str]:
    return {
        "layers": reverse("gis:layer-list"),
        "basemapStyle": settings.FRONTEND_BASEMAP_STYLE_URL or reverse("basemap:style"),
        "ownBasemapStyle": reverse("basemap:style"),
        "search": reverse("api-organisation-search"),
        "organisation": reverse("api-organisation-detail", args=[0]).removesuffix("0/"),
        "whoServes": reverse("api-who-serves"),
        "nearest": reverse("api-nearest"),
        "categories": reverse("api-categories"),
        "suggestWhat": reverse("api-autocomplete-what"),
        "suggestWhere": reverse("api-autocomplete-where"),
    }


def map_page(request: HttpRequest) -> HttpResponse:
    config: dict[str, Any] = {
        "siteName": "Sociale Kaart",
        "endpoints": _endpoints(),
        "defaultView": DEFAULT_VIEW,
        "externalBasemap": bool(settings.FRONTEND_BASEMAP_STYLE_URL),
        "targetGroups": [{"code": group.code, "name": group.name} for group in target_groups_all()],
    }
    context = {"config": config, "sources": sources_on_the_map(), "target_groups": config["targetGroups"]}
    return render(request, "frontend/map.html", context)
