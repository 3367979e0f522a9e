"""GeoJSON FeatureCollections (EPSG:4326) of locations and of service areas, for maps and GIS clients.

Geometry is transformed and written as GeoJSON inside PostGIS (ST_Transform + ST_AsGeoJSON with a fixed
number of decimals: 7 for points, ~1 cm; 6 for areas, ~10 cm, after a 5 m simplification).
"""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from geo.directory.map_features import locations_features, service_areas_features
from geo.directory.models import Location
from layers.api.fields import BooleanParamFilter, NumberFilter
from layers.api.filters import MapLocationsFilter
from layers.api.serializers import synthetic_flags
from layers.api.views import ApiView, parse

DEFAULT_FEATURES = 5000
POINT_DECIMALS = 7
AREA_DECIMALS = 6


class LocationFeatureSerializer(GeoFeatureModelSerializer):
    point = GeometryField()
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation__name")
    address = serializers.CharField()
    voorbeeld = serializers.BooleanField()
    voorbeeld_label = serializers.CharField(allow_null=True)

    class Meta:
        model = Location
        geo_field = "point"
        fields = ["id", "organisation_id", "organisation", "name", "address", "voorbeeld", "voorbeeld_label"]

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "Feature",
            "id": instance["id"],
            "geometry": json.loads(instance["geojson"]),
            "properties": {
                "organisation_id": instance["organisation_id"],
                "organisation": instance["organisation__name"],
                "name": instance["name"],
                "address": instance["address"],
                **synthetic_flags(instance["organisation__is_synthetic"]),
            },
        }


class LocationsGeoJSONView(ApiView):
    """Vestigingen als GeoJSON FeatureCollection (EPSG:4326), te filteren op kader, rubriek of organisatie."""

    filterset_class = MapLocationsFilter

    @extend_schema(responses=LocationFeatureSerializer(many=True), filters=True, operation_id="locations_geojson")
    def get(self, request: Request) -> Response:
        data = parse(MapLocationsFilter, request).form.cleaned_data
        rows = locations_features(
            bbox=data.get("bbox"),
            categories=data.get("category") or (),
            organisation_id=data.get("organisation"),
            include_synthetic=data.get("include_synthetic") is not False,
            limit=data.get("limit") or DEFAULT_FEATURES,
            decimals=POINT_DECIMALS,
        )
        features = [LocationFeatureSerializer().to_representation(row) for row in rows]
        return Response({"type": "FeatureCollection", "count": len(features), "features": features})


class ServiceAreasFilter(MapLocationsFilter):
    simplify = NumberFilter(min_value=0, max_value=1000, help_text="vereenvoudiging in meter (standaard 5)")
    lon = NumberFilter(min_value=-180, max_value=180)
    lat = NumberFilter(min_value=-90, max_value=90)
    detailed = BooleanParamFilter(help_text="true: onvereenvoudigd")

    def check_combinations(self, data: dict[str, Any]) -> None:
        if (data.get("lon") is None) != (data.get("lat") is None):
            self.form.add_error("lon" if data.get("lon") is None else "lat", "geef lon en lat samen op")


class ServiceAreasGeoJSONView(ApiView):
    """Werkingsgebieden als GeoJSON FeatureCollection (EPSG:4326), met de organisaties die ze hebben."""

    filterset_class = ServiceAreasFilter

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, filters=True, operation_id="service_areas_geojson")
    def get(self, request: Request) -> Response:
        data = parse(ServiceAreasFilter, request).form.cleaned_data
        simplify = 0.0 if data.get("detailed") else data.get("simplify")
        rows = service_areas_features(
            bbox=data.get("bbox"),
            lon_lat=(data["lon"], data["lat"]) if data.get("lon") is not None else None,
            categories=data.get("category") or (),
            organisation_id=data.get("organisation"),
            include_synthetic=data.get("include_synthetic") is not False,
            limit=min(data.get("limit") or 500, 2000),
            simplify_m=5.0 if simplify is None else simplify,
            decimals=AREA_DECIMALS,
        )
        features = [
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": json.loads(row["geojson"]),
                "properties": {
                    "name": row["name"],
                    "kind": row["kind"],
                    "organisations": row["organisations_json"],
                },
            }
            for row in rows
        ]
        return Response({"type": "FeatureCollection", "count": len(features), "features": features})
