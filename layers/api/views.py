"""Search, who-serves and nearest: parse the parameters, call the selectors, shape the answer."""

from __future__ import annotations

from typing import Any

from django.contrib.gis.geos import Point
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from geo.directory.annotations import result_rows, storage_point, wgs84_lon_lat
from geo.directory.conditions import for_target_groups, in_categories, with_keywords
from geo.directory.facets import category_facets, municipality_facets
from geo.directory.models import Organisation
from geo.directory.nearest import locations_nearest
from geo.directory.search import organisations_search
from geo.directory.selectors import (
    organisations_published,
    organisations_serving_point,
)
from geo.directory.serving_rows import serving_page
from geo.spatial import WGS84
from layers.api.caching import CachedAPIView
from layers.api.filters import NearestFilter, OrganisationSearchFilter, StrictFilterSet, WhoServesFilter
from layers.api.geocode import GeocodeOutcome, geocode_address
from layers.api.pagination import CountedPage, StrictPageNumberPagination
from layers.api.serializers import (
    LocationSummarySerializer,
    NearestResponseSerializer,
    OrganisationResultSerializer,
    SearchResponseSerializer,
    WhoServesResponseSerializer,
    synthetic_flags,
)

PAGE_PARAMETERS = [
    OpenApiParameter("page", int, description="paginanummer, vanaf 1"),
    OpenApiParameter("page_size", int, description="resultaten per pagina (1..100, standaard 25)"),
]
DEFAULT_NEAREST = 10
DEFAULT_MAX_DISTANCE_M = 50_000


def parse(filterset_class: type[StrictFilterSet], request: Request) -> StrictFilterSet:
    filterset = filterset_class(data=request.query_params, queryset=Organisation.objects.none(), request=request)
    if not filterset.is_valid():
        raise translate_validation(filterset.errors)
    return filterset


def facet_data(facets: list[Any]) -> list[dict[str, Any]]:
    return [{"code": f.code, "name": f.name, "count": f.count, **({"path": f.path} if f.path else {})} for f in facets]


class ApiView(CachedAPIView):
    filter_backends = [DjangoFilterBackend]
    queryset = Organisation.objects.none()


class OrganisationSearchView(ApiView):
    """Zoek organisaties: wie of wat (`q`), waar (`where`, op het werkingsgebied) en verfijningen, met facetten."""

    filterset_class = OrganisationSearchFilter
    pagination_class = StrictPageNumberPagination

    @extend_schema(
        responses=SearchResponseSerializer,
        filters=True,
        parameters=PAGE_PARAMETERS,
        operation_id="organisations_search",
    )
    def get(self, request: Request) -> Response:
        filterset = parse(OrganisationSearchFilter, request)
        criteria = filterset.criteria()
        found = organisations_search(criteria)
        paginator = StrictPageNumberPagination()
        rows = paginator.paginate_queryset(result_rows(found, near=_storage(criteria.near)), request, self)
        place = criteria.place
        return Response(
            paginator.paginated_data(
                OrganisationResultSerializer(rows, many=True).data,
                where={"kind": place.kind, "code": place.code, "name": place.name} if place else None,
                facets={
                    "municipality": facet_data(municipality_facets(found)),
                    "category": facet_data(category_facets(found)),
                },
            )
        )


def _storage(point: Point | None) -> Point | None:
    return storage_point(point) if point is not None else None


class WhoServesView(ApiView):
    """Wie bedient dit adres: elke organisatie of elk aanbod waarvan het werkingsgebied het punt dekt."""

    filterset_class = WhoServesFilter
    pagination_class = StrictPageNumberPagination

    @extend_schema(
        responses=WhoServesResponseSerializer, filters=True, parameters=PAGE_PARAMETERS, operation_id="who_serves"
    )
    def get(self, request: Request) -> Response:
        data = parse(WhoServesFilter, request).form.cleaned_data
        outcome: GeocodeOutcome | None = None
        if data.get("address"):
            outcome = geocode_address(data["address"])
            if outcome.point is None:
                return Response(_ambiguous(outcome))
            point = outcome.point
        else:
            point = Point(data["lon"], data["lat"], srid=WGS84)
        storage_point = _storage(point)
        assert storage_point is not None
        serving = organisations_serving_point(
            point=storage_point,
            categories=data.get("category") or (),
            include_synthetic=data.get("include_synthetic") is not False,
        )
        grouped = data.get("group") == "category"
        wgs84 = wgs84_lon_lat(point)
        page = CountedPage(
            request,
            fetch=lambda limit, offset: serving_page(
                organisations=serving, limit=limit, offset=offset, by_category=grouped, **wgs84
            ),
            count=serving.count,
        )
        rows = page.rows
        results = OrganisationResultSerializer(rows, many=True).data
        for row, result in zip(rows, results, strict=True):
            result["services"] = row["services_json"]
        # the category counts read every serving organisation's categories: only when grouping asks for them
        categories = facet_data(category_facets(serving)) if grouped else None
        body = page.data(
            results,
            status="ok",
            point=wgs84,
            geocoded=outcome.geocoded if outcome else None,
            candidates=[],
            categories=categories,
        )
        if categories is not None:
            body["groups"] = _groups(list(results), categories)
        return Response(body)


def _groups(results: list[dict[str, Any]], categories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = {category["code"]: category["count"] for category in categories}
    groups: dict[str | None, dict[str, Any]] = {}
    for result in results:
        first = result["categories"][0] if result["categories"] else None
        key = first["code"] if first else None
        group = groups.setdefault(key, {"category": first, "count": counts.get(key, 0), "results": []})
        group["results"].append(result)
    return list(groups.values())


def _ambiguous(outcome: GeocodeOutcome) -> dict[str, Any]:
    return {
        "status": "ambiguous",
        "point": None,
        "geocoded": None,
        "candidates": outcome.candidates,
        "count": 0,
        "categories": [],
        "results": [],
    }


class NearestView(ApiView):
    """De N dichtste vestigingen bij een punt (KNN op de GiST-index), met afstand in meter."""

    filterset_class = NearestFilter

    @extend_schema(responses=NearestResponseSerializer, filters=True, operation_id="nearest")
    def get(self, request: Request) -> Response:
        data = parse(NearestFilter, request).form.cleaned_data
        organisations = organisations_published()
        if data.get("include_synthetic") is False:
            organisations = organisations.filter(is_synthetic=False)
        if data.get("category"):
            organisations = organisations.filter(in_categories(data["category"]))
        if data.get("keyword"):
            organisations = with_keywords(organisations, data["keyword"], all_of=data.get("keyword_op") == "and")
        if data.get("target_group"):
            organisations = organisations.filter(for_target_groups(data["target_group"]))
        max_distance = data.get("max_distance") or DEFAULT_MAX_DISTANCE_M
        rows = locations_nearest(
            lon=data["lon"],
            lat=data["lat"],
            limit=data.get("n") or DEFAULT_NEAREST,
            max_distance_m=max_distance,
            organisations=organisations,
        )
        serializer = LocationSummarySerializer()  # one for all rows: building a serializer copies its fields
        results = [nearest_item(row, serializer) for row in rows]
        point = {"lon": round(data["lon"], 7), "lat": round(data["lat"], 7)}
        return Response({"point": point, "max_distance_m": max_distance, "results": results})


def nearest_item(row: dict[str, Any], serializer: LocationSummarySerializer) -> dict[str, Any]:
    """A location of /api/nearest/ with its organisation's summary (the location shown is this one)."""
    location = serializer.to_representation(row)
    organisation = {
        "id": row["organisation_id"],
        "name": row["organisation_name"],
        "url": reverse("api-organisation-detail", args=[row["organisation_id"]]),
        **synthetic_flags(row["is_synthetic"]),
        "operational_status": row["operational_status"],
        "parent_id": row["parent_id"],
        "categories": row["categories_json"],
        "location": {key: value for key, value in location.items() if key != "distance_m"},
        "service_area": (
            {"id": row["effective_area_id"], "name": row["effective_area_name"]} if row["effective_area_id"] else None
        ),
        "distance_m": row["distance_m"],
    }
    return {**location, "organisation": organisation}
