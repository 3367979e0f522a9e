"""The MapLibre style (version 8) of the offline base map: light land, grey boundaries, dark names.

Colours are chosen for WCAG 2.1 AA: names are #222/#444 on a near-white fill with a white halo (contrast
above 9:1); boundaries are drawn darker and wider the larger the unit, so the hierarchy does not depend on
colour alone. No `glyphs` URL: MapLibre draws the names with the browser's own fonts, offline.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from layers.basemap.selectors import basemap_sources
from layers.basemap.tiles import MAX_ZOOM, MIN_ZOOM

SOURCE_ID = "basemap"
REGULAR = ["DejaVu Sans"]
BOLD = ["DejaVu Sans Bold"]


def basemap_attribution() -> str:
    return " · ".join(dict.fromkeys(source.attribution for source in basemap_sources() if source.attribution))


def _fill(layer: str, colour: str, minzoom: int) -> dict[str, Any]:
    return {
        "id": f"basemap-{layer}-fill",
        "type": "fill",
        "source": SOURCE_ID,
        "source-layer": layer,
        "minzoom": minzoom,
        "paint": {"fill-color": colour},
    }


def _line(
    layer: str, colour: str, width: list[Any] | float, minzoom: int, dash: list[float] | None = None
) -> dict[str, Any]:
    paint: dict[str, Any] = {"line-color": colour, "line-width": width}
    if dash:
        paint["line-dasharray"] = dash
    return {
        "id": f"basemap-{layer}-line",
        "type": "line",
        "source": SOURCE_ID,
        "source-layer": layer,
        "minzoom": minzoom,
        "layout": {"line-join": "round"},
        "paint": paint,
    }


def _label(layer: str, size: list[Any], colour: str, minzoom: int, font: list[str]) -> dict[str, Any]:
    return {
        "id": f"basemap-{layer}",
        "type": "symbol",
        "source": SOURCE_ID,
        "source-layer": layer,
        "minzoom": minzoom,
        "layout": {"text-field": ["get", "name"], "text-font": font, "text-size": size, "text-max-width": 8},
        "paint": {"text-color": colour, "text-halo-color": "#ffffff", "text-halo-width": 1.5},
    }


def _zoomed(*stops: float) -> list[Any]:
    return ["interpolate", ["linear"], ["zoom"], *stops]


def basemap_layers() -> list[dict[str, Any]]:
    return [
        {"id": "basemap-background", "type": "background", "paint": {"background-color": "#dfe6ea"}},
        _fill("province", "#f7f5f0", 0),
        _fill("municipality", "#f7f5f0", 6),
        _line("neighbourhood", "#b5b0a6", 0.6, 12, dash=[3, 2]),
        _line("submunicipality", "#9d978b", _zoomed(10, 0.6, 14, 1.2), 10, dash=[4, 2]),
        _line("municipality", "#7d776c", _zoomed(6, 0.5, 10, 1.2, 14, 2.2), 6),
        _line("province", "#5f5a52", _zoomed(5, 1.0, 9, 2.0), 0),
        _label("neighbourhood_label", _zoomed(13, 11, 16, 13), "#555049", 13, REGULAR),
        _label("submunicipality_label", _zoomed(11, 11, 15, 14), "#444444", 11, REGULAR),
        _label("municipality_label", _zoomed(8, 11, 12, 15, 15, 18), "#222222", 8, BOLD),
    ]


def basemap_style(request: HttpRequest) -> dict[str, Any]:
    first_tile = reverse("basemap:tile", kwargs={"z": 0, "x": 0, "y": 0})
    tiles = request.build_absolute_uri(first_tile.removesuffix("0/0/0.pbf")) + "{z}/{x}/{y}.pbf"
    return {
        "version": 8,
        "name": "Sociale Kaart – eigen basiskaart",
        "sources": {
            SOURCE_ID: {
                "type": "vector",
                "tiles": [tiles],
                "minzoom": MIN_ZOOM,
                "maxzoom": MAX_ZOOM,
                "attribution": basemap_attribution(),
            }
        },
        "layers": basemap_layers(),
    }
