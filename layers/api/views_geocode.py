"""Address lookup for API clients and the map: geocode a typed address, reverse-geocode a map click.

Both go through the project's geocoder chain (local register first, online providers only when configured),
so an answer here is exactly what who-serves and the importers would use.
"""

from __future__ import annotations

from django.contrib.gis.geos import Point
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from geo.directory.annotations import storage_point
from geo.geocoding.base import GeocoderError
from geo.geocoding.chain import get_geocoder
from geo.spatial import WGS84
from layers.api.fields import IntegerFilter, ParamFilter
from layers.api.filters import PointFilterSet, StrictFilterSet
from layers.api.geocode import GeocoderUnavailable, candidate_data
from layers.api.views import ApiView, parse

DEFAULT_CANDIDATES = 5

_CANDIDATE = inline_serializer(
    "AddressCandidate",
    {
        "label": serializers.CharField(),
        "precision": serializers.CharField(help_text="address, interpolated, street, postal_area, municipality"),
        "score": serializers.FloatField(),
        "provider": serializers.CharField(),
        "lon": serializers.FloatField(),
        "lat": serializers.FloatField(),
    },
)


class GeocodeFilter(StrictFilterSet):
    q = ParamFilter(min_length=2, max_length=200, required=True, help_text=_("adres, bv. 'Kerkstraat 147, 9050 Gent'"))
    limit = IntegerFilter(min_value=1, max_value=10, help_text=_("hoogstens zoveel kandidaten (standaard 5)"))

    def filter_queryset(self, queryset: object) -> object:
        return queryset


class ReverseGeocodeFilter(PointFilterSet):
    def check_combinations(self, data: dict[str, object]) -> None:
        self.check_point(data, required=True)

    def filter_queryset(self, queryset: object) -> object:
        return queryset


class GeocodeView(ApiView):
    """Adres zoeken: kandidaten met punt, nauwkeurigheid (adrespunt … gemeente), score en bron, beste eerst."""

    filterset_class = GeocodeFilter

    @extend_schema(
        responses=inline_serializer("GeocodeResponse", {"candidates": serializers.ListField(child=_CANDIDATE)}),
        filters=True,
        operation_id="geocode",
    )
    def get(self, request: Request) -> Response:
        data = parse(GeocodeFilter, request).form.cleaned_data
        try:
            candidates = get_geocoder().geocode(data["q"].strip(), limit=data.get("limit") or DEFAULT_CANDIDATES)
        except (GeocoderError, ImproperlyConfigured):  # a provider down: say so, never a 500
            raise GeocoderUnavailable() from None
        return Response({"candidates": [candidate_data(candidate) for candidate in candidates]})


class ReverseGeocodeView(ApiView):
    """Het dichtstbijzijnde adres bij een punt (een klik op de kaart); `address` is null buiten het register."""

    filterset_class = ReverseGeocodeFilter

    @extend_schema(
        responses=inline_serializer("ReverseGeocodeResponse", {"address": _CANDIDATE}),
        filters=True,
        operation_id="geocode_reverse",
    )
    def get(self, request: Request) -> Response:
        data = parse(ReverseGeocodeFilter, request).form.cleaned_data
        point = storage_point(Point(data["lon"], data["lat"], srid=WGS84))
        try:
            found = get_geocoder().reverse(point)
        except (GeocoderError, ImproperlyConfigured):
            raise GeocoderUnavailable() from None
        return Response({"address": candidate_data(found) if found else None})
