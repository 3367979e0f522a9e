from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("layers.urls")),
    path("", include("frontend.urls")),
]
