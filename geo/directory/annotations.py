"""Annotations that turn an organisation queryset into result rows in one SQL query.

A result row carries the organisation's categories, the location to show (the nearest one to a point, else
the main one) with its WGS84 position, and the distance to that point. Everything is computed by
correlated subqueries so a page of results costs one round trip, whatever its size.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.db.models.functions import Distance, Transform
from django.contrib.gis.geos import Point
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, FloatField, Func, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import JSONObject, Round

from geo.areas.models import SRID
from geo.directory.models import Category, Location, Organisation, Status
from geo.spatial import WGS84, to_storage

# 7 decimals of a degree is ~1 cm: more would be noise, fewer would move a pin off its building.
COORDINATE_DECIMALS = 7


class KnnDistance(Func):
    """`geom <-> point`: planar distance in the storage CRS (metres). In an ORDER BY the GiST index answers
    it nearest-first (KNN); `ST_Distance` there would compute every distance instead."""

    arg_joiner = " <-> "
    template = "%(expressions)s"
    output_field = FloatField()

    def __init__(self, field: str, point: Point, **extra: Any) -> None:
        super().__init__(F(field), Value(point, output_field=Location._meta.get_field("point")), **extra)


class SimplifyPreserveTopology(Func):
    """ST_SimplifyPreserveTopology(geom, tolerance_m): smaller, still valid, in the storage CRS."""

    function = "ST_SimplifyPreserveTopology"
    output_field = GeometryField(srid=SRID)


def storage_point(point: Point) -> Point:
    """`point` in the storage CRS (geo.spatial.to_storage, typed for points)."""
    stored = to_storage(point)
    if not isinstance(stored, Point):
        raise TypeError(f"expected a point, got {stored.geom_type}")
    return stored


def wgs84_lon_lat(point: Point) -> dict[str, float]:
    """{"lon", "lat"} of `point` in WGS84, rounded to COORDINATE_DECIMALS."""
    wgs84 = cast(Point, point if point.srid == WGS84 else point.transform(WGS84, clone=True))
    return {"lon": round(wgs84.x, COORDINATE_DECIMALS), "lat": round(wgs84.y, COORDINATE_DECIMALS)}


def lon_lat(field: str) -> dict[str, Func]:
    wgs84 = Transform(field, WGS84)
    return {
        "lon": Round(Func(wgs84, function="ST_X", output_field=FloatField()), COORDINATE_DECIMALS),
        "lat": Round(Func(wgs84, function="ST_Y", output_field=FloatField()), COORDINATE_DECIMALS),
    }


def location_json(*, near: Point | None = None) -> JSONObject:
    """The public fields of one location as a JSON object (distance_m only when `near` is given)."""
    fields: dict[str, Any] = {
        "id": "id",
        "name": "name",
        "street": "street",
        "house_number": "house_number",
        "box_number": "box_number",
        "postcode": "postcode",
        "municipality": "municipality_name",
        "municipality_code": "municipality__code",
        "precision": "geocode_precision",
        "is_main": "is_main",
        **lon_lat("point"),
    }
    if near is not None:
        fields["distance_m"] = Round(Distance("point", near), 1)
    return JSONObject(**fields)


def shown_location(*, near: Point | None = None) -> Subquery:
    """The location to show for each organisation: the nearest located one to `near`, else the main one."""
    locations = Location.objects.filter(organisation=OuterRef("pk")).exclude(status=Status.ARCHIVED)
    if near is not None:
        locations = locations.filter(point__isnull=False).order_by(KnnDistance("point", near))
    else:
        locations = locations.order_by("-is_main", "id")
    return Subquery(locations.values(json=location_json(near=near))[:1])


def nearest_location_distance(near: Point) -> Subquery:
    locations = Location.objects.filter(organisation=OuterRef("pk"), point__isnull=False).exclude(
        status=Status.ARCHIVED
    )
    return Subquery(
        locations.order_by(KnnDistance("point", near)).values(d=Distance("point", near))[:1],
        output_field=FloatField(),
    )


def categories_json() -> ArraySubquery:
    return ArraySubquery(
        Category.objects.filter(organisations=OuterRef("pk"))
        .order_by("path")
        .values(json=JSONObject(code="code", name="name", path="path"))
    )


RESULT_FIELDS = (
    "id",
    "name",
    "is_synthetic",
    "operational_status",
    "parent_id",
    "effective_area_id",
    "effective_area__name",
    "location_json",
    "categories_json",
)


def result_rows(queryset: QuerySet[Organisation], *, near: Point | None = None) -> QuerySet[Any]:
    """Dict rows of RESULT_FIELDS (plus distance_m with `near`): no model instances, no geometries."""
    fields = (*RESULT_FIELDS, "distance_m") if near is not None else RESULT_FIELDS
    return with_result_fields(queryset, near=near).values(*fields)


def with_result_fields(queryset: QuerySet[Organisation], *, near: Point | None = None) -> QuerySet[Organisation]:
    """Annotate `location_json`, `categories_json` (and `distance_m` with `near`) on each organisation."""
    queryset = queryset.annotate(location_json=shown_location(near=near), categories_json=categories_json())
    if near is not None:
        queryset = queryset.annotate(distance_m=nearest_location_distance(near))
    return queryset


def first_category_path() -> Subquery:
    """The first (by path) category of each organisation: the group it is shown under."""
    return Subquery(Category.objects.filter(organisations=OuterRef("pk")).order_by("path").values("path")[:1])


def most_local_first(queryset: QuerySet[Organisation], by_category: bool = False) -> QuerySet[Organisation]:
    """Who-serves order: the smallest service area first (a canton's court before a region-wide service),
    then by name; grouped by first category when asked. Distances are computed for the page only."""
    order: list[Any] = [F("effective_area__area_m2").asc(nulls_last=True), "name", "id"]
    if by_category:
        queryset = queryset.annotate(first_category=first_category_path())
        order = [F("first_category").asc(nulls_last=True), *order]
    return queryset.order_by(*order)
