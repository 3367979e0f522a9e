from django.urls import include, path

# The public read side: the REST/GeoJSON API (layers.api) and the GIS interfaces, WFS and tiles (layers.gis).
urlpatterns = [
    path("", include("layers.api.urls")),
    path("", include("layers.gis.urls")),
]
