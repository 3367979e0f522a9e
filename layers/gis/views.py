"""HTTP views of the GIS interfaces: vector tiles, TileJSON and the layer list. The WFS view is in wfs.py."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView

from layers.gis import selectors
from layers.gis.serializers import LayerSerializer
from layers.gis.tilejson import tilejson
from layers.gis.tiles import TileKind, TileRequestError, tile_bytes, tile_filter_parse
from layers.models import Layer

MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile"
# Public data that editors change during the day: browsers and proxies may reuse a tile for a few minutes.
TILE_MAX_AGE = 300
LAYER_CACHE_SECONDS = 30


def _public(response: HttpResponseBase) -> HttpResponseBase:
    patch_cache_control(response, public=True, max_age=TILE_MAX_AGE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _layer_or_404(slug: str) -> Layer | JsonResponse:
    # Cached briefly: a tile request should cost its SQL and little else; admin edits show within a minute.
    key = f"gis:layer:{slug}"
    layer: Layer | None = cache.get(key)
    if layer is None:
        layer = selectors.layer_get_published(slug=slug)
        if layer is not None:
            cache.set(key, layer, LAYER_CACHE_SECONDS)
    if layer is None:
        return JsonResponse({"detail": _("Onbekende kaartlaag: %(slug)s") % {"slug": slug}}, status=404)
    return layer


@require_GET
def tile_view(request: HttpRequest, layer: str, z: int, x: int, y: int, kind: TileKind) -> HttpResponseBase:
    found = _layer_or_404(layer)
    if isinstance(found, JsonResponse):
        return found
    try:
        data = tile_bytes(kind=kind, layer=found, z=z, x=x, y=y, tile_filter=tile_filter_parse(request.GET.dict()))
    except TileRequestError as exc:
        return JsonResponse(exc.errors, status=400)
    etag = f'"{hashlib.blake2b(data, digest_size=16).hexdigest()}"'
    response: HttpResponseBase | None = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(data, content_type=MVT_CONTENT_TYPE, status=200 if data else 204)
    response["ETag"] = etag
    return _public(response)


@require_GET
def tilejson_view(request: HttpRequest, layer: str, kind: TileKind) -> HttpResponseBase:
    found = _layer_or_404(layer)
    if isinstance(found, JsonResponse):
        return found
    return _public(JsonResponse(tilejson(request, found, kind)))


@extend_schema(summary="Kaartlagen", description="De rubrieklagen met hun tegel- en WFS-adressen.")
class LayerListView(ListAPIView[Layer]):
    serializer_class = LayerSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        return selectors.layers_published()
