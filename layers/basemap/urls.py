from django.urls import path

from layers.basemap.views import style_view, tile_view

# Base-map vector tiles drawn from our own geography (municipality/deelgemeente/wijk boundaries).
app_name = "basemap"
urlpatterns = [
    path("basemap/style.json", style_view, name="style"),
    path("basemap/<int:z>/<int:x>/<int:y>.pbf", tile_view, name="tile"),
]
