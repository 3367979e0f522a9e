"""The planning page's shell: selectors with their labels and the endpoint URLs. The figures come from the API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from geo.coverage.units import LEVEL_LABELS, Level
from geo.directory.selectors import categories_with_counts

DEFAULT_RUBRIC = "gezondheid.apotheken"
GENT = {"code": "44021", "name": "Gent", "lon": 3.7250, "lat": 51.0700, "zoom": 10.6}
FLANDERS = {"lon": 4.45, "lat": 51.0, "zoom": 7.4}
PAGE_LEVELS = (Level.NEIGHBOURHOOD, Level.SUBMUNICIPALITY, Level.MUNICIPALITY)


def planning_page(request: HttpRequest) -> HttpResponse:
    if not (settings.PLANNING_PUBLIC or request.user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    rubrics = [
        {"code": row["code"], "name": row["name"], "depth": row["path"].count("/"), "count": row["count"]}
        for row in categories_with_counts()
    ]
    config: dict[str, Any] = {
        "endpoints": {
            "coverage": reverse("api-planning-coverage"),
            "csv": reverse("api-planning-coverage-csv"),
            "xlsx": reverse("api-planning-coverage-xlsx"),
            "basemapStyle": reverse("basemap:style"),
            "locations": reverse("api-geojson-locations"),
        },
        "defaultRubric": DEFAULT_RUBRIC,
        "gent": GENT,
        "flanders": FLANDERS,
    }
    context = {
        "config": config,
        "rubrics": rubrics,
        "levels": [(level.value, LEVEL_LABELS[level]) for level in PAGE_LEVELS],
        "report": request.GET.get("rapport") == "1",
    }
    return render(request, "frontend/planning.html", context)
