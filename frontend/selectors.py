"""Reads for the map page: the data sources whose data the page can show, and the vocabularies of its forms."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from geo.areas.models import DataSource
from geo.directory.models import Status, TargetGroup
from layers.basemap.selectors import basemap_sources


def sources_on_the_map() -> QuerySet[DataSource]:
    """Every source with published organisations or with boundaries on the base map, for the attribution."""
    with_organisations = Q(organisation__status=Status.PUBLISHED)
    return (
        DataSource.objects.filter(with_organisations | Q(pk__in=basemap_sources().values("pk")))
        .distinct()
        .order_by("is_synthetic", "name")
    )


def target_groups_all() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.order_by("name")
