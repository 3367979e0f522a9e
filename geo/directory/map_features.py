"""Map features: locations and service areas as GeoJSON strings made by PostGIS in EPSG:4326."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.geos import Point, Polygon
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, QuerySet, Value
from django.db.models.functions import Concat, JSONObject, NullIf, Trim

from geo.areas.models import ServiceArea
from geo.directory.annotations import SimplifyPreserveTopology
from geo.directory.conditions import in_categories
from geo.directory.models import Category, Location, Organisation, Status
from geo.directory.selectors import organisations_published, service_area_ids_at
from geo.spatial import WGS84, to_storage

MAX_ORGANISATIONS_PER_AREA = 50


def _organisations(
    *, categories: Sequence[Category], organisation_id: int | None, include_synthetic: bool
) -> QuerySet[Organisation]:
    organisations = organisations_published()
    if not include_synthetic:
        organisations = organisations.filter(is_synthetic=False)
    if categories:
        organisations = organisations.filter(in_categories(categories))
    if organisation_id is not None:
        organisations = organisations.filter(pk=organisation_id)
    return organisations


def locations_features(
    *,
    bbox: Polygon | None,
    categories: Sequence[Category],
    organisation_id: int | None,
    include_synthetic: bool,
    limit: int,
    decimals: int,
) -> QuerySet[Any]:
    organisations = _organisations(
        categories=categories, organisation_id=organisation_id, include_synthetic=include_synthetic
    )
    locations = Location.objects.filter(point__isnull=False, organisation__in=organisations.values("pk")).exclude(
        status=Status.ARCHIVED
    )
    if bbox is not None:
        locations = locations.filter(point__intersects=to_storage(bbox))
    address = Trim(
        Concat("street", Value(" "), "house_number", Value(", "), "postcode", Value(" "), "municipality_name")
    )
    return (
        locations.annotate(
            geojson=AsGeoJSON(Transform("point", WGS84), precision=decimals), address=NullIf(address, Value(","))
        )
        .order_by("id")
        .values(
            "id", "name", "organisation_id", "organisation__name", "organisation__is_synthetic", "geojson", "address"
        )[:limit]
    )


def service_areas_features(
    *,
    bbox: Polygon | None,
    lon_lat: tuple[float, float] | None,
    categories: Sequence[Category],
    organisation_id: int | None,
    include_synthetic: bool,
    limit: int,
    simplify_m: float,
    decimals: int,
) -> QuerySet[Any]:
    """The distinct effective areas of the matching organisations, each with (up to 50 of) its organisations."""
    organisations = _organisations(
        categories=categories, organisation_id=organisation_id, include_synthetic=include_synthetic
    )
    areas = ServiceArea.objects.filter(pk__in=organisations.values("effective_area_id"))
    if bbox is not None:
        areas = areas.filter(pk__in=service_area_parts_in(bbox))
    if lon_lat is not None:
        areas = areas.filter(pk__in=service_area_ids_at(Point(*lon_lat, srid=WGS84)))
    geometry = SimplifyPreserveTopology(F("geom"), simplify_m) if simplify_m > 0 else F("geom")
    members = organisations.filter(effective_area_id=OuterRef("pk")).order_by("name")
    return (
        areas.annotate(
            geojson=AsGeoJSON(Transform(geometry, WGS84), precision=decimals),
            organisations_json=ArraySubquery(
                members.values(json=JSONObject(id="id", name="name", voorbeeld="is_synthetic"))[
                    :MAX_ORGANISATIONS_PER_AREA
                ]
            ),
        )
        .order_by("name")
        .values("id", "name", "kind", "geojson", "organisations_json")[:limit]
    )


def service_area_parts_in(bbox: Polygon) -> QuerySet[Any]:
    from geo.areas.models import ServiceAreaPart

    return ServiceAreaPart.objects.filter(geom__intersects=to_storage(bbox)).values("service_area_id")
