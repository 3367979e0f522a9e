"""Reads for the base map: which data sources its boundaries come from."""

from __future__ import annotations

from django.db.models import QuerySet

from geo.areas.models import DataSource, Municipality, Neighbourhood, Province, SubMunicipality

DRAWN_AREAS = (Province, Municipality, SubMunicipality, Neighbourhood)


def basemap_sources() -> QuerySet[DataSource]:
    """The sources of the boundaries the base map draws (their licences require the attribution)."""
    ids: set[int] = set()
    for model in DRAWN_AREAS:
        ids.update(model.objects.exclude(geom=None).exclude(source=None).values_list("source_id", flat=True).distinct())
    return DataSource.objects.filter(pk__in=ids).order_by("code")
