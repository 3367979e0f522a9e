"""Planning API: a rubric's coverage per unit as GeoJSON (with a summary), CSV or XLSX. Views only glue."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo.coverage.cache import coverage_cached
from geo.coverage.geometry import unit_geometries
from geo.coverage.selectors import (
    CoverageQuery,
    coverage_attribution,
    coverage_summary,
    scope_municipality_ids,
    sector_population_loaded,
)
from importers.sources import SOURCES
from layers.planning.exports import EXPORT_COLUMNS, csv_response, xlsx_response
from layers.planning.params import CoverageParams

# Simplification of the unit boundaries sent to the map (metres): invisible at the zooms a choropleth uses.
MAP_TOLERANCE_M = 15


class PlanningAccess(BasePermission):
    """Public, or signed-in staff only, per settings.PLANNING_PUBLIC."""

    message = "De planningsweergave is enkel voor aangemelde medewerkers."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(settings.PLANNING_PUBLIC or (request.user and request.user.is_staff))


def _attribution(query: CoverageQuery) -> list[str]:
    """The sources' texts, the population figures' included (the population import records no row of its own)."""
    codes = ["statbel-bevolking-2020", *(["statbel-sector-bevolking"] if sector_population_loaded() else [])]
    population = [SOURCES[code].attribution for code in codes]
    return [*coverage_attribution(query), *population]


def _computed(request: Request) -> tuple[CoverageParams, list[dict[str, Any]], dict[str, Any], bool]:
    params = CoverageParams(data=request.query_params)
    params.is_valid(raise_exception=True)
    query, what_if = params.coverage_query(), params.what_if()
    units, cached = coverage_cached(query, what_if)
    summary = coverage_summary(units, threshold_m=params.validated_data["threshold"])
    return params, units, summary, cached


class CoverageView(APIView):
    permission_classes = [PlanningAccess]

    @extend_schema(
        parameters=[CoverageParams],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="GeoJSON FeatureCollection + summary")},
        operation_id="planning_coverage",
        summary="Dekking van een rubriek per gemeente, deelgemeente of wijk",
    )
    def get(self, request: Request) -> Response:
        params, units, summary, cached = _computed(request)
        query = params.coverage_query()
        geometries = unit_geometries(
            level=query.level, scope_municipality_ids=scope_municipality_ids(query), tolerance_m=MAP_TOLERANCE_M
        )
        threshold = params.validated_data["threshold"]
        features = [
            {
                "type": "Feature",
                "id": unit["code"],
                "geometry": json.loads(geometries[unit["code"]]) if unit["code"] in geometries else None,
                "properties": {
                    **unit,
                    "beyond_threshold": unit["distance_m"] is None or unit["distance_m"] > threshold,
                },
            }
            for unit in units
        ]
        return Response(
            {
                "type": "FeatureCollection",
                "features": features,
                "summary": summary,
                "query": {**query.cache_fields(), "what_if": bool(params.what_if())},
                "cached": cached,
                "attribution": _attribution(query),
            }
        )


class CoverageExportView(APIView):
    permission_classes = [PlanningAccess]
    export_format = "csv"

    @extend_schema(
        parameters=[CoverageParams],
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description=f"kolommen: {', '.join(EXPORT_COLUMNS)}")},
        summary="Dekking van een rubriek per eenheid als CSV of XLSX",
    )
    def get(self, request: Request) -> HttpResponse:
        params, units, _, _ = _computed(request)
        query = params.coverage_query()
        name = f"dekking-{query.category.code}-{query.level}"
        attribution = _attribution(query)
        if self.export_format == "xlsx":
            return xlsx_response(units, filename=f"{name}.xlsx", attribution=attribution)
        return csv_response(units, filename=f"{name}.csv")
