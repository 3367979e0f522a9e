from django.contrib import admin
from django.urls import include, path

from geo.admin_map import basemap_boundaries

urlpatterns = [
    path("admin/basemap/boundaries.geojson", basemap_boundaries, name="admin-basemap-boundaries"),
    path("admin/", admin.site.urls),
    path("", include("layers.urls")),
    path("", include("frontend.urls")),
]
