"""Small helpers for the GIS tests: WFS requests through the Django test client, tile maths."""

from __future__ import annotations

import math
from typing import Any

from django.contrib.gis.geos import Polygon
from django.test import Client

WFS_NS = {
    "wfs": "http://www.opengis.net/wfs/2.0",
    "gml": "http://www.opengis.net/gml/3.2",
    "ows": "http://www.opengis.net/ows/1.1",
    "fes": "http://www.opengis.net/fes/2.0",
    "sk": "urn:x-sociale-kaart:wfs",
}
WEB_MERCATOR_HALF = 20037508.342789244


def body_text(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def wfs(client: Client, **params: Any) -> tuple[int, str]:
    """A WFS 2.0 KVP request; returns (status, body)."""
    query = {"SERVICE": "WFS", "VERSION": "2.0.0", **params}
    response = client.get("/wfs", query)
    return response.status_code, body_text(response)


def fes_filter(inner: str) -> str:
    return (
        '<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" '
        f'xmlns:sk="{WFS_NS["sk"]}">{inner}</fes:Filter>'
    )


def tile_for(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The XYZ tile that contains a WGS84 point."""
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def tile_polygon_3857(z: int, x: int, y: int, *, buffer: float = 0.0) -> Polygon:
    """The tile's square in EPSG:3857, grown by `buffer` tile widths on each side (ST_AsMVTGeom's buffer)."""
    size = 2 * WEB_MERCATOR_HALF / 2**z
    min_x = -WEB_MERCATOR_HALF + x * size - buffer * size
    max_y = WEB_MERCATOR_HALF - y * size + buffer * size
    polygon = Polygon.from_bbox((min_x, max_y - size * (1 + 2 * buffer), min_x + size * (1 + 2 * buffer), max_y))
    polygon.srid = 3857
    return polygon
