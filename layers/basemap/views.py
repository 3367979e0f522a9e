"""HTTP views of the offline base map: its vector tiles and its MapLibre style."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_GET

from layers.basemap.style import basemap_style
from layers.basemap.tiles import TileAddressError, basemap_tile

MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile"
# Boundaries change once a year at most: a day in the browser is safe, and the ETag revalidates cheaply.
TILE_MAX_AGE = 86_400
STYLE_MAX_AGE = 3_600


def _public(response: HttpResponseBase, max_age: int) -> HttpResponseBase:
    patch_cache_control(response, public=True, max_age=max_age)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def tile_view(request: HttpRequest, z: int, x: int, y: int) -> HttpResponseBase:
    try:
        data = basemap_tile(z=z, x=x, y=y)
    except TileAddressError as exc:
        return JsonResponse({exc.field: [str(exc)]}, status=400)
    etag = f'"{hashlib.blake2b(data, digest_size=16).hexdigest()}"'
    response: HttpResponseBase | None = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(data, content_type=MVT_CONTENT_TYPE, status=200 if data else 204)
    response["ETag"] = etag
    return _public(response, TILE_MAX_AGE)


@require_GET
def style_view(request: HttpRequest) -> HttpResponseBase:
    return _public(JsonResponse(basemap_style(request)), STYLE_MAX_AGE)
