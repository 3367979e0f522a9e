"""The admin's map widget, working without internet: OpenLayers vendored (geo/static/geo/vendor), and
as base map either the XYZ tiles of settings.BASEMAP_TILE_URL or our own municipality boundaries."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.gis.admin import GISModelAdmin
from django.contrib.gis.forms.widgets import OpenLayersWidget
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control

OL_VERSION = "7.2.2"  # the version Django's OLMapWidget.js is written for


class OfflineMapWidget(OpenLayersWidget):
    template_name = "geo/admin/offline_map.html"
    map_srid = 3857
    # Gent, where the demo lives; an editor pans elsewhere.
    default_lon = 3.72
    default_lat = 51.05
    default_zoom = 12

    class Media:
        extend = False  # replace, not add to, the CDN assets of OpenLayersWidget
        css = {"all": (f"geo/vendor/ol-{OL_VERSION}/ol.css", "gis/css/ol3.css")}
        js = (f"geo/vendor/ol-{OL_VERSION}/ol.js", "gis/js/OLMapWidget.js")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context.update(
            basemap_tile_url=settings.BASEMAP_TILE_URL,
            basemap_attribution=settings.BASEMAP_ATTRIBUTION,
            default_lon=self.default_lon,
            default_lat=self.default_lat,
            default_zoom=self.default_zoom,
        )
        return context


@staff_member_required
@cache_control(private=True, max_age=3600)
def basemap_boundaries(request: HttpRequest) -> HttpResponse:
    """Municipality outlines (simplified to ~25 m) in WGS84 GeoJSON: the offline base map of the widget."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                'type', 'Feature', 'properties', json_build_object('name', name_nl),
                'geometry', ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(geom, 25), 4326), 5)::json
            )), '[]'::json))::text
            FROM areas_municipality WHERE geom IS NOT NULL
            """
        )
        (body,) = cursor.fetchone()
    return HttpResponse(body, content_type="application/geo+json")


class MapAdmin(GISModelAdmin):
    """ModelAdmin whose geometry fields are edited on the offline map widget."""

    gis_widget = OfflineMapWidget  # type: ignore[assignment]  # any OpenLayersWidget works
