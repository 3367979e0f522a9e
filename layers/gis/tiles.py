"""Vector tiles: argument checks and the calls to the PostGIS tile functions (layers/gis/sql/tiles_v1.sql)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.db import connection
from django.utils.translation import gettext as _

from geo.directory.models import Keyword, TargetGroup
from layers.models import Layer

MAX_ZOOM = 22


class TileKind(Enum):
    LOCATIONS = "locations"
    SERVICE_AREAS = "service_areas"


_TILE_FUNCTIONS = {
    TileKind.LOCATIONS: "layers_location_tile",
    TileKind.SERVICE_AREAS: "layers_service_area_tile",
}


class TileRequestError(ValueError):
    """Bad tile arguments: `errors` maps each offending parameter to its messages (answered as HTTP 400)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class TileFilter:
    """Optional filter so the UI shows only matching locations/areas without a new layer."""

    keyword_id: int | None = None
    target_group_id: int | None = None


def tile_address_check(*, z: int, x: int, y: int) -> None:
    errors: dict[str, list[str]] = {}
    if not 0 <= z <= MAX_ZOOM:
        errors["z"] = [_("Zoomniveau moet tussen 0 en %(max)d liggen.") % {"max": MAX_ZOOM}]
    else:
        for name, value in (("x", x), ("y", y)):
            if not 0 <= value < 2**z:
                errors[name] = [_("Moet tussen 0 en %(max)d liggen op zoomniveau %(z)d.") % {"max": 2**z - 1, "z": z}]
    if errors:
        raise TileRequestError(errors)


def tile_filter_parse(params: dict[str, str]) -> TileFilter:
    """`keyword` (slug or name) and `target_group` (code) from query parameters; unknown values are an error."""
    errors: dict[str, list[str]] = {}
    keyword_id = target_group_id = None
    if keyword := params.get("keyword", "").strip():
        keyword_id = (
            Keyword.objects.filter(slug=keyword).values_list("id", flat=True).first()
            or Keyword.objects.filter(name__iexact=keyword).values_list("id", flat=True).first()
        )
        if keyword_id is None:
            errors["keyword"] = [_("Onbekend trefwoord: %(value)s") % {"value": keyword[:100]}]
    if target_group := params.get("target_group", "").strip():
        target_group_id = TargetGroup.objects.filter(code=target_group).values_list("id", flat=True).first()
        if target_group_id is None:
            errors["target_group"] = [_("Onbekende doelgroep: %(value)s") % {"value": target_group[:100]}]
    if errors:
        raise TileRequestError(errors)
    return TileFilter(keyword_id=keyword_id, target_group_id=target_group_id)


def tile_bytes(*, kind: TileKind, layer: Layer, z: int, x: int, y: int, tile_filter: TileFilter) -> bytes:
    """The Mapbox Vector Tile of a layer; empty bytes when nothing is inside the tile."""
    tile_address_check(z=z, x=x, y=y)
    category_path = layer.category.path if layer.category else None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_TILE_FUNCTIONS[kind]}(%s, %s, %s, %s, %s, %s)",
            [z, x, y, category_path, tile_filter.keyword_id, tile_filter.target_group_id],
        )
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""
