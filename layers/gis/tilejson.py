"""TileJSON 3.0 documents for the vector tiles of a layer, and the endpoint URLs the UI and GIS clients use."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse

from geo.areas.models import DataSource
from geo.spatial import BELGIUM_BBOX_WGS84
from layers.gis.tiles import TileKind
from layers.gis.wfs import location_type_name
from layers.models import Layer

GENT_CENTER = (3.7174, 51.0543, 12)
# Below z10 a location tile of Flanders holds 10,000+ points (~1 MB): the UI shows service areas there.
MIN_ZOOM = {TileKind.LOCATIONS: 10, TileKind.SERVICE_AREAS: 0}
MAX_ZOOM = 16  # deepest zoom a client asks for; it over-zooms beyond

LOCATION_FIELDS = {
    "id": "Number: id van de vestiging",
    "organisation_id": "Number: id van de voorziening",
    "name": "String: naam",
    "category": "String: rubriek",
    "category_code": "String: code van de rubriek",
    "municipality": "String: gemeente",
    "voorbeeld": "Boolean: gegenereerd voorbeeldrecord",
    "label": "String: 'voorbeeld' bij gegenereerde records",
}
SERVICE_AREA_FIELDS = {
    "id": "Number: id van het werkingsgebied",
    "name": "String: naam van het werkingsgebied",
    "organisations": "Number: aantal voorzieningen van de laag met dit werkingsgebied",
    "voorbeeld": "Boolean: enkel gegenereerde voorbeeldvoorzieningen",
    "label": "String: 'voorbeeld' als het enkel om voorbeeldvoorzieningen gaat",
}


def _tilejson_path(layer: Layer, kind: TileKind) -> str:
    name = "gis:location-tilejson" if kind is TileKind.LOCATIONS else "gis:service-area-tilejson"
    return reverse(name, kwargs={"layer": layer.slug})


def tile_url_template(request: HttpRequest, layer: Layer, kind: TileKind) -> str:
    """Absolute `.../{z}/{x}/{y}.pbf` template (the TileJSON path without `.json`)."""
    return request.build_absolute_uri(_tilejson_path(layer, kind).removesuffix(".json")) + "/{z}/{x}/{y}.pbf"


def layer_endpoints(request: HttpRequest, layer: Layer) -> dict[str, Any]:
    wfs_url = request.build_absolute_uri(reverse("gis:wfs"))
    return {
        "tiles": {
            kind.value: {
                "tilejson": request.build_absolute_uri(_tilejson_path(layer, kind)),
                "url": tile_url_template(request, layer, kind),
            }
            for kind in TileKind
        },
        "wfs": {
            "url": wfs_url,
            "type_name": f"sk:{location_type_name(layer)}",
            "service_areas_type_name": "sk:werkingsgebieden",
        },
    }


def layer_attribution(layer: Layer) -> str:
    """Attribution texts of the sources of the layer's records (the licences require them)."""
    organisations = DataSource.objects.filter(organisation__status="published")
    if layer.category is not None:
        path = layer.category.path
        organisations = organisations.filter(
            Q(organisation__categories__path=path) | Q(organisation__categories__path__startswith=f"{path}/")
        )
    texts = organisations.order_by("code").values_list("attribution", flat=True).distinct()
    return " · ".join(dict.fromkeys(text for text in texts if text))


def tilejson(request: HttpRequest, layer: Layer, kind: TileKind) -> dict[str, Any]:
    template = tile_url_template(request, layer, kind)
    if request.GET:
        template += "?" + request.GET.urlencode(safe="{}")
    fields = LOCATION_FIELDS if kind is TileKind.LOCATIONS else SERVICE_AREA_FIELDS
    what = "Vestigingen" if kind is TileKind.LOCATIONS else "Werkingsgebieden"
    return {
        "tilejson": "3.0.0",
        "name": f"{what}: {layer.title}",
        "description": layer.description,
        "version": "1.0.0",
        "attribution": layer_attribution(layer),
        "scheme": "xyz",
        "tiles": [template],
        "minzoom": MIN_ZOOM[kind],
        "maxzoom": MAX_ZOOM,
        "bounds": list(BELGIUM_BBOX_WGS84),
        "center": list(GENT_CENTER),
        "vector_layers": [
            {
                "id": kind.value,
                "description": f"{what}: {layer.title}",
                "minzoom": MIN_ZOOM[kind],
                "maxzoom": MAX_ZOOM,
                "fields": fields,
            }
        ],
    }
