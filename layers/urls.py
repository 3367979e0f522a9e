from django.urls import include, path

# The public read side: the REST/GeoJSON API (layers.api), the GIS interfaces, WFS and tiles (layers.gis),
# the offline base map drawn from our own geography (layers.basemap) and the planners' view (layers.planning).
urlpatterns = [
    path("", include("layers.api.urls")),
    path("", include("layers.gis.urls")),
    path("", include("layers.basemap.urls")),
    path("", include("layers.planning.urls")),
]
