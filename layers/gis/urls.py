from django.urls import path, re_path

from layers.gis.tiles import TileKind
from layers.gis.views import LayerListView, tile_view, tilejson_view
from layers.gis.wfs import SocialMapWFSView

app_name = "gis"

LOCATIONS = {"kind": TileKind.LOCATIONS}
SERVICE_AREAS = {"kind": TileKind.SERVICE_AREAS}

urlpatterns = [
    path("wfs", SocialMapWFSView.as_view(), name="wfs"),
    re_path(r"^api/layers/?$", LayerListView.as_view(), name="layer-list"),
    path("tiles/<slug:layer>.json", tilejson_view, LOCATIONS, name="location-tilejson"),
    path("tiles/<slug:layer>/<int:z>/<int:x>/<int:y>.pbf", tile_view, LOCATIONS, name="location-tile"),
    path("tiles/<slug:layer>/service-areas.json", tilejson_view, SERVICE_AREAS, name="service-area-tilejson"),
    path(
        "tiles/<slug:layer>/service-areas/<int:z>/<int:x>/<int:y>.pbf",
        tile_view,
        SERVICE_AREAS,
        name="service-area-tile",
    ),
]
