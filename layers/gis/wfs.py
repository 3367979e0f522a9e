"""WFS 2.0 of the social map, served by django-gisserver (the protocol is the library's; this is configuration).

Feature types: `vestigingen` (all locations), `vestigingen_<layer>` per rubric layer, `werkingsgebieden`,
`gemeenten` and `deelgemeenten`. Only public fields: the location and service-area types read SQL views that
have no professional-only column at all.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException
from django.db import DataError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from gisserver.crs import CRS, CRS84, WEB_MERCATOR, WGS84
from gisserver.exceptions import InvalidParameterValue, OperationParsingFailed
from gisserver.features import FeatureField, FeatureType, ServiceDescription, field
from gisserver.views import WFSView

from geo.spatial import LAMBERT72
from layers.gis import selectors
from layers.gis.srs_guard import CRSRejected, check_request_crs
from layers.models import Layer
from layers.planning.wfs import coverage_feature_types, coverage_key

logger = logging.getLogger(__name__)

XML_NAMESPACE = "urn:x-sociale-kaart:wfs"
# Default 4326 (latitude/longitude in GML for the URN and http://www.opengis.net/def/crs/epsg/0/4326 forms,
# longitude/latitude for EPSG:4326, CRS84 and GeoJSON); 31370 is the storage CRS, 3857 the web map's.
OTHER_CRS = [CRS84, CRS.from_srid(LAMBERT72), WEB_MERCATOR]


def location_fields() -> list[str | FeatureField]:
    """Fresh field objects each time: django-gisserver binds a field to one feature type only."""
    return [
        "id",
        "name",
        field("organisation", model_attribute="organisation_name"),
        "organisation_id",
        "category",
        "category_code",
        "rubrics",
        "street",
        "house_number",
        "box_number",
        "postcode",
        "municipality",
        "municipality_code",
        "phone",
        "email",
        "website",
        "operational_status",
        "is_synthetic",
        "label",
        "point",
    ]


def service_area_fields() -> list[str | FeatureField]:
    return [
        "id",
        field("organisation", model_attribute="organisation_name"),
        "service_area_id",
        field("service_area", model_attribute="service_area_name"),
        "explicit",
        "has_locations",
        "category",
        "category_code",
        "rubrics",
        "website",
        "operational_status",
        "is_synthetic",
        "label",
        "geom",
    ]


def location_type_name(layer: Layer) -> str:
    return "vestigingen" if layer.is_all else f"vestigingen_{layer.slug.replace('-', '_')}"


def _location_type(layer: Layer) -> FeatureType:
    return FeatureType(
        selectors.public_locations(layer=layer),
        name=location_type_name(layer),
        fields=location_fields(),
        title=f"Vestigingen: {layer.title}",
        abstract=layer.description or None,
        keywords=["sociale kaart", "welzijn", "gezondheid", layer.slug],
        crs=WGS84,
        other_crs=OTHER_CRS,
    )


def _static_types() -> list[FeatureType]:
    return [
        FeatureType(
            selectors.public_service_areas(),
            name="werkingsgebieden",
            fields=service_area_fields(),
            title="Werkingsgebieden van de voorzieningen",
            abstract="Per gepubliceerde voorziening het gebied dat ze bedient (ook voorzieningen zonder vestiging).",
            keywords=["sociale kaart", "werkingsgebied"],
            crs=WGS84,
            other_crs=OTHER_CRS,
        ),
        FeatureType(
            selectors.municipalities_with_boundary(),
            name="gemeenten",
            fields=[
                "id",
                "code",
                field("name", model_attribute="name_nl"),
                "name_fr",
                field("province", model_attribute="province.name_nl"),
                "population",
                "population_year",
                "geom",
            ],
            title="Gemeenten (2025)",
            abstract="Statbel, Modellicentie Gratis Hergebruik.",
            keywords=["gemeente"],
            crs=WGS84,
            other_crs=OTHER_CRS,
        ),
        FeatureType(
            selectors.submunicipalities_with_boundary(),
            name="deelgemeenten",
            fields=[
                "id",
                "code",
                field("name", model_attribute="name_nl"),
                field("municipality", model_attribute="municipality.name_nl"),
                field("municipality_code", model_attribute="municipality.code"),
                "geom",
            ],
            title="Deelgemeenten",
            abstract="Statbel, Modellicentie Gratis Hergebruik.",
            keywords=["deelgemeente"],
            crs=WGS84,
            other_crs=OTHER_CRS,
        ),
    ]


_cache_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], list[FeatureType]] | None = None


def feature_types() -> list[FeatureType]:
    """The feature types for the current layer registry; rebuilt only when a layer changes."""
    global _cached
    layers = list(selectors.layers_published())
    key = (
        *(
            (layer.pk, layer.slug, layer.title, layer.description, layer.category.path if layer.category else None)
            for layer in layers
        ),
        coverage_key(),  # the planners' precomputed coverage sets (layers.planning.wfs)
    )
    with _cache_lock:
        if _cached is None or _cached[0] != key:
            types = [*(_location_type(layer) for layer in layers), *_static_types(), *coverage_feature_types()]
            _cached = (key, types)
        return _cached[1]


# GDAL's WFS driver writes a BBOX filter's <gml:Envelope> without srsName, which WFS allows (the feature type's
# default CRS applies) but django-gisserver refuses; name that default explicitly.
_ENVELOPE_WITHOUT_CRS = re.compile(r"<((?:[A-Za-z_][\w.-]*:)?Envelope)(?![^>]*srsName)(?=[\s>/])")


# django-gisserver reads a KVP BBOX always in the authority axis order, also for the legacy x/y spellings of
# 4326 (EPSG:4326, ...epsg.xml#4326) whose GML output it does write as longitude/latitude. Restate such a BBOX
# in the URN form, latitude first, so that every spelling means what GeoServer's rules say it means.
_LEGACY_XY_4326 = re.compile(r"^(EPSG:4326|http://www\.opengis\.net/gml/srs/epsg\.xml#4326)$", re.IGNORECASE)


def with_authority_bbox(params: QueryDict) -> QueryDict:
    for key in list(params):
        if key.upper() != "BBOX":
            continue
        parts = str(params.get(key, "")).split(",")
        if len(parts) == 5 and _LEGACY_XY_4326.match(parts[4].strip()):
            params = params.copy()
            min_x, min_y, max_x, max_y = parts[:4]
            params[key] = ",".join([min_y, min_x, max_y, max_x, WGS84.urn])
    return params


def with_default_envelope_crs(params: QueryDict) -> QueryDict:
    filters = {key: str(params.get(key, "")) for key in params if key.upper() == "FILTER"}
    if not any(_ENVELOPE_WITHOUT_CRS.search(value) for value in filters.values()):
        return params
    params = params.copy()
    for key, value in filters.items():
        params[key] = _ENVELOPE_WITHOUT_CRS.sub(rf'<\1 srsName="{WGS84.urn}"', value)
    return params


class SocialMapWFSView(WFSView):
    xml_namespace = XML_NAMESPACE
    xml_namespace_aliases = {"sk": XML_NAMESPACE}
    service_description = ServiceDescription(
        title="Sociale Kaart",
        abstract="Welzijns- en gezondheidsvoorzieningen in Gent en Vlaanderen: vestigingen per rubriek, "
        "werkingsgebieden, gemeenten en deelgemeenten. Records met label 'voorbeeld' zijn gegenereerd.",
        keywords=["sociale kaart", "welzijn", "gezondheid", "Gent", "Vlaanderen"],
        provider_name="Sociale Kaart",
    )

    def get_feature_types(self) -> list[FeatureType]:
        return feature_types()

    @method_decorator(csrf_exempt)  # a public read-only service; POST carries WFS XML, not a form
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.GET = with_authority_bbox(with_default_envelope_crs(request.GET))  # type: ignore[assignment]
        try:
            bodies = [request.body.decode("utf-8")] if request.method == "POST" else []
            check_request_crs(request.GET, bodies)
        except UnicodeDecodeError:
            return OperationParsingFailed("the XML request body must be UTF-8", locator="body").as_response()
        except CRSRejected as exc:
            return InvalidParameterValue(str(exc), locator=exc.locator).as_response()
        return super().dispatch(request, *args, **kwargs)

    def handle_exception(self, exc: Exception) -> HttpResponse | None:
        response: HttpResponse | None = super().handle_exception(exc)
        if response is None and isinstance(exc, ValueError | TypeError | GDALException | GEOSException | DataError):
            # django-gisserver lets some malformed input through as a plain ValueError (e.g. an unknown distance
            # unit): that is the client's error, answered as an OGC ExceptionReport, not a 500.
            logger.warning("WFS request refused: %r", exc)
            response = InvalidParameterValue(f"Invalid request: {exc}", locator="filter").as_response()
        return response
