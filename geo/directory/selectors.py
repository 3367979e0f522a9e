"""Reads of the directory. Views, layers and exports read through these, never through raw managers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.geos import Point
from django.contrib.postgres.fields import ArrayField
from django.db.models import BigIntegerField, BooleanField, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from geo.areas.models import ServiceArea, ServiceAreaPart
from geo.directory.annotations import SimplifyPreserveTopology
from geo.directory.conditions import for_target_groups, in_categories
from geo.directory.facets import category_facets
from geo.directory.models import (
    Category,
    Contact,
    Keyword,
    Location,
    OpeningException,
    Organisation,
    Service,
    Status,
    TargetGroup,
)
from geo.spatial import WGS84, to_storage


def organisations_published() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Status.PUBLISHED)


def organisations_serving(*, point: Point, include_synthetic: bool = True) -> QuerySet[Organisation]:
    """Organisations whose effective service area covers `point` (ST_Intersects on the subdivided parts)."""
    stored = to_storage(point)
    covering = ServiceAreaPart.objects.filter(service_area_id=OuterRef("effective_area_id"), geom__intersects=stored)
    queryset = organisations_published().filter(Exists(covering))
    if not include_synthetic:
        queryset = queryset.filter(is_synthetic=False)
    return queryset


def service_area_ids_at(point: Point) -> QuerySet[ServiceAreaPart, Any]:
    """ids of the service areas covering `point`: one GiST lookup on the subdivided parts."""
    return ServiceAreaPart.objects.filter(geom__intersects=to_storage(point)).order_by().values("service_area_id")


class _EqualsAny(Func):
    """`expression = ANY(array)`: with an ARRAY(subquery) PostgreSQL runs the subquery once (an InitPlan)
    and scans the index of the column, all in the one statement that asks."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


def _covering_area_ids(point: Point) -> RawSQL:
    """ARRAY of the ids of the service areas covering `point` (GiST on the subdivided parts). Written out
    rather than as an ORM subquery: who-serves compiles it on every request, and it refers to no outer column.
    """
    stored = to_storage(point)
    assert isinstance(stored, Point)
    sql = (
        f"ARRAY(SELECT part.service_area_id FROM {ServiceAreaPart._meta.db_table} part "
        f"WHERE ST_Intersects(part.geom, ST_SetSRID(ST_MakePoint(%s, %s), {stored.srid:d})))"
    )
    return RawSQL(sql, (stored.x, stored.y), output_field=ArrayField(BigIntegerField()))  # noqa: S611 (params)


def _organisations_by_service_area(area_ids: RawSQL) -> RawSQL:
    """ARRAY of the organisations with a published service whose own area is one of `area_ids`."""
    sql = (
        f"ARRAY(SELECT service.organisation_id FROM {Service._meta.db_table} service "
        f"WHERE service.status = %s AND service.service_area_id = ANY({area_ids.sql}))"
    )
    params = (Status.PUBLISHED.value, *area_ids.params)
    return RawSQL(sql, params, output_field=ArrayField(BigIntegerField()))  # noqa: S611 (params only)


def organisations_serving_point(
    *, point: Point, categories: Sequence[Category] = (), include_synthetic: bool = True
) -> QuerySet[Organisation, Any]:
    """Who serves this point: the organisation's effective area covers it, or the own area of one of its
    published services does. Organisations without any location are found too (bodies known by their area).

    Rows are `id`, `name`, `effective_area_id`, as the UNION ALL of the two ways to serve (disjoint: the
    second leaves out what the first finds). The first, by far the larger, is then an index-only scan of
    organisation_serving_cover; an OR of both would visit every serving organisation's heap page.
    """
    covering = _covering_area_ids(point)
    by_own_area = organisations_published().filter(_EqualsAny(F("effective_area_id"), covering))
    by_service = (
        organisations_published()
        .filter(_EqualsAny(F("pk"), _organisations_by_service_area(covering)))
        .filter(Q(effective_area_id__isnull=True) | ~Q(_EqualsAny(F("effective_area_id"), covering)))
    )
    branches = []
    for branch in (by_own_area, by_service):
        if categories:
            branch = branch.filter(in_categories(categories))
        if not include_synthetic:
            branch = branch.filter(is_synthetic=False)
        branches.append(branch.order_by().values("id", "name", "effective_area_id"))
    return branches[0].union(branches[1], all=True)


def organisation_detail(*, organisation_id: int, professional: bool) -> Organisation | None:
    """One published organisation with everything its fiche shows; professional contacts only when asked."""
    contacts = Contact.objects.all()
    if not professional:
        contacts = contacts.filter(visibility=Contact.Visibility.PUBLIC)
    locations = (
        Location.objects.exclude(status=Status.ARCHIVED)
        .select_related("municipality")
        .defer("municipality__geom")
        .prefetch_related("opening_hours", Prefetch("opening_exceptions", queryset=OpeningException.objects.all()))
        .order_by("-is_main", "id")
    )
    services = (
        Service.objects.filter(status=Status.PUBLISHED)
        .select_related("service_area")
        .defer("service_area__geom")
        .prefetch_related("categories", "keywords", "target_groups", "locations")
        .order_by("name")
    )
    return (
        organisations_published()
        .filter(pk=organisation_id)
        .select_related("parent", "source")
        .prefetch_related(
            Prefetch("locations", queryset=locations),
            Prefetch("services", queryset=services),
            Prefetch("contacts", queryset=contacts),
            Prefetch("children", queryset=organisations_published().only("id", "name", "is_synthetic", "parent")),
            "categories",
            "keywords",
            "target_groups",
            "phones",
        )
        .first()
    )


def service_area_geojson(*, organisation: Organisation, simplify_m: float, decimals: int) -> dict[str, Any] | None:
    """The organisation's werkingsgebied (explicit, else effective) as GeoJSON in EPSG:4326, made in the database."""
    area_id = organisation.service_area_id or organisation.effective_area_id
    if area_id is None:
        return None
    geometry = (
        Transform(SimplifyPreserveTopology(F("geom"), simplify_m), WGS84) if simplify_m else Transform("geom", WGS84)
    )
    row = (
        ServiceArea.objects.filter(pk=area_id)
        .annotate(geojson=AsGeoJSON(geometry, precision=decimals))
        .values("id", "name", "geojson")
        .first()
    )
    if row is None:
        return None
    return {**row, "explicit": organisation.service_area_id is not None}


def last_modified_of(organisation: Organisation) -> datetime | None:
    """The latest change to the organisation, its locations or its services (for Last-Modified)."""
    stamps = [organisation.updated_at]
    stamps += [location.updated_at for location in organisation.locations.all()]
    stamps += [service.updated_at for service in organisation.services.all()]
    return max(stamp for stamp in stamps if stamp is not None) if stamps else None


def categories_with_counts(*, include_synthetic: bool = True) -> list[dict[str, Any]]:
    """Every category with the number of published organisations in it or below it (each counted once)."""
    organisations = organisations_published()
    if not include_synthetic:
        organisations = organisations.filter(is_synthetic=False)
    counts = {facet.code: facet.count for facet in category_facets(organisations)}
    return [
        {**row, "count": counts.get(row["code"], 0)}
        for row in Category.objects.order_by("path").values("id", "code", "name", "description", "path", "parent_id")
    ]


def target_groups_with_counts() -> list[dict[str, Any]]:
    """Every target group with the number of published organisations for it, directly or through a service.

    The count uses the same condition as the `target_group=` filter, so clicking a group finds that many.
    """
    published = organisations_published()
    return [
        {
            "code": group.code,
            "name": group.name,
            "description": group.description,
            "count": published.filter(for_target_groups([group])).count(),
        }
        for group in TargetGroup.objects.order_by("name")
    ]


def categories_by_codes(codes: Sequence[str]) -> dict[str, Category]:
    return {category.code: category for category in Category.objects.filter(code__in=codes)}


def keywords_by_slugs_or_names(values: Sequence[str]) -> dict[str, Keyword]:
    found: dict[str, Keyword] = {}
    lowered = [value.lower() for value in values]
    for keyword in Keyword.objects.filter(Q(slug__in=values) | Q(name__in=lowered)):
        found[keyword.slug] = keyword
        found[keyword.name] = keyword
    return found


def target_groups_by_codes(codes: Sequence[str]) -> dict[str, TargetGroup]:
    return {group.code: group for group in TargetGroup.objects.filter(code__in=codes)}
