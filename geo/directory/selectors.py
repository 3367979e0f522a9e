"""Reads of the directory. Views, layers and exports read through these, never through raw managers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.geos import Point
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

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
    return ServiceAreaPart.objects.filter(geom__intersects=to_storage(point)).values("service_area_id")


def organisations_serving_point(
    *, point: Point, categories: Sequence[Category] = (), include_synthetic: bool = True
) -> QuerySet[Organisation]:
    """Who serves this point: the organisation's effective area covers it, or the own area of one of its
    published services does. Organisations without any location are found too (bodies known by their area).
    """
    # Two tiny lookups first, so the main query gets literal id lists: PostgreSQL then ORs two index scans
    # (effective_area_id, id) instead of joining a UNION back to every organisation.
    area_ids = list(service_area_ids_at(point).order_by().values_list("service_area_id", flat=True).distinct())
    by_service = list(
        Service.objects.filter(status=Status.PUBLISHED, service_area_id__in=area_ids)
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    queryset = organisations_published().filter(Q(effective_area_id__in=area_ids) | Q(pk__in=by_service))
    if categories:
        queryset = queryset.filter(in_categories(categories))
    if not include_synthetic:
        queryset = queryset.filter(is_synthetic=False)
    return queryset


def services_serving_point(*, point: Point, organisation_ids: Sequence[int]) -> QuerySet[Service]:
    """The services (of these organisations) whose own service area covers `point`."""
    return Service.objects.filter(
        organisation_id__in=organisation_ids, status=Status.PUBLISHED, service_area_id__in=service_area_ids_at(point)
    ).order_by("name")


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
