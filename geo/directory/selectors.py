"""Reads of the directory. Views, layers and exports read through these, never through raw managers."""

from __future__ import annotations

from django.contrib.gis.geos import Point
from django.db.models import Exists, OuterRef, QuerySet

from geo.areas.models import ServiceAreaPart
from geo.directory.models import Organisation, Status
from geo.spatial import to_storage


def organisations_published() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Status.PUBLISHED)


def organisations_serving(*, point: Point, include_synthetic: bool = True) -> QuerySet[Organisation]:
    """Organisations whose effective service area covers `point` (ST_Intersects on the subdivided parts)."""
    point = to_storage(point)
    covering = ServiceAreaPart.objects.filter(service_area_id=OuterRef("effective_area_id"), geom__intersects=point)
    queryset = organisations_published().filter(Exists(covering))
    if not include_synthetic:
        queryset = queryset.filter(is_synthetic=False)
    return queryset
