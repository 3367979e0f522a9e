"""Reads for the GIS interfaces (WFS, tiles, the layer list): layers and the public rows of each layer."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from geo.areas.models import Municipality, SubMunicipality
from geo.directory.models import Organisation
from layers.models import Layer, PublicLocation, PublicServiceArea


def layers_published() -> QuerySet[Layer]:
    return Layer.objects.filter(is_published=True).select_related("category").order_by("sort_order", "title")


def layer_get_published(*, slug: str) -> Layer | None:
    return layers_published().filter(slug=slug).first()


def _organisations_in(layer: Layer | None) -> QuerySet[Any, Any] | None:
    """Organisations with a category in the layer's subtree; None for the "all" layer."""
    if layer is None or layer.category is None:
        return None
    path = layer.category.path
    through = Organisation.categories.through.objects
    return through.filter(Q(category__path=path) | Q(category__path__startswith=f"{path}/")).values("organisation_id")


def public_locations(*, layer: Layer | None = None) -> QuerySet[PublicLocation]:
    """Published, located locations of published organisations (of the layer), public fields only."""
    queryset = PublicLocation.objects.all()
    members = _organisations_in(layer)
    return queryset if members is None else queryset.filter(organisation_id__in=members)


def public_service_areas(*, layer: Layer | None = None) -> QuerySet[PublicServiceArea]:
    """Published organisations with their effective werkingsgebied (of the layer), public fields only."""
    queryset = PublicServiceArea.objects.all()
    members = _organisations_in(layer)
    return queryset if members is None else queryset.filter(id__in=members)


def municipalities_with_boundary() -> QuerySet[Municipality]:
    return Municipality.objects.exclude(geom=None).select_related("province").order_by("code")


def submunicipalities_with_boundary() -> QuerySet[SubMunicipality]:
    return SubMunicipality.objects.exclude(geom=None).select_related("municipality").order_by("code")
