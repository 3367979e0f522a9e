"""Conditions (Q objects) on organisations shared by search, who-serves and nearest.

Each is an EXISTS on an indexed foreign key, so combining them never multiplies rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q, QuerySet

from geo.directory.models import Category, Keyword, Location, Organisation, Service, Status, TargetGroup
from geo.directory.places import Place, service_area_ids_covering


def category_subtree_q(categories: Sequence[Category], prefix: str = "") -> Q:
    """Categories that are one of `categories` or below one of them (a prefix match on the path index)."""
    condition = Q()
    for category in categories:
        condition |= Q(**{f"{prefix}path": category.path}) | Q(**{f"{prefix}path__startswith": f"{category.path}/"})
    return condition


def in_categories(categories: Sequence[Category]) -> Q:
    """Organisations in one of `categories` (or a sub-category), directly or through one of their services."""
    wanted = Category.objects.filter(category_subtree_q(categories))
    direct = Organisation.categories.through.objects.filter(organisation_id=OuterRef("pk"), category__in=wanted)
    by_service = Service.objects.filter(organisation_id=OuterRef("pk"), categories__in=wanted)
    return Q(Exists(direct)) | Q(Exists(by_service))


def has_keywords(keywords: Sequence[Keyword]) -> Q:
    direct = Organisation.keywords.through.objects.filter(organisation_id=OuterRef("pk"), keyword__in=keywords)
    by_service = Service.objects.filter(organisation_id=OuterRef("pk"), keywords__in=keywords)
    return Q(Exists(direct)) | Q(Exists(by_service))


def with_keywords(queryset: QuerySet[Organisation], keywords: Sequence[Keyword], *, all_of: bool) -> QuerySet:
    if not all_of:
        return queryset.filter(has_keywords(keywords))
    for keyword in keywords:
        queryset = queryset.filter(has_keywords([keyword]))
    return queryset


def for_target_groups(target_groups: Sequence[TargetGroup]) -> Q:
    direct = Organisation.target_groups.through.objects.filter(
        organisation_id=OuterRef("pk"), targetgroup__in=target_groups
    )
    by_service = Service.objects.filter(organisation_id=OuterRef("pk"), target_groups__in=target_groups)
    return Q(Exists(direct)) | Q(Exists(by_service))


def serving_place(place: Place) -> Q:
    """The organisation's effective area, or the own area of one of its services, covers part of `place`.

    The covering areas and the services that have one are looked up first (two small queries), so the
    condition is two literal id lists: PostgreSQL ORs two index scans instead of scanning every organisation.
    """
    area_ids = list(service_area_ids_covering(place).order_by().values_list("service_area_id", flat=True).distinct())
    by_service = list(
        Service.objects.filter(status=Status.PUBLISHED, service_area_id__in=area_ids)
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    return Q(effective_area_id__in=area_ids) | Q(pk__in=by_service)


def located(**conditions: object) -> Q:
    locations = Location.objects.filter(organisation_id=OuterRef("pk"), **conditions).exclude(status=Status.ARCHIVED)
    return Q(Exists(locations))
