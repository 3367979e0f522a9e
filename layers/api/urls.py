from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from layers.api import geojson, views, views_catalog, views_geocode

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("api/organisations/", views.OrganisationSearchView.as_view(), name="api-organisation-search"),
    path("api/organisations/<int:pk>/", views_catalog.OrganisationDetailView.as_view(), name="api-organisation-detail"),
    path("api/who-serves/", views.WhoServesView.as_view(), name="api-who-serves"),
    path("api/nearest/", views.NearestView.as_view(), name="api-nearest"),
    path("api/categories/", views_catalog.CategoryTreeView.as_view(), name="api-categories"),
    path("api/autocomplete/what/", views_catalog.AutocompleteWhatView.as_view(), name="api-autocomplete-what"),
    path("api/autocomplete/where/", views_catalog.AutocompleteWhereView.as_view(), name="api-autocomplete-where"),
    path("api/target-groups/", views_catalog.TargetGroupListView.as_view(), name="api-target-groups"),
    path("api/geocode/", views_geocode.GeocodeView.as_view(), name="api-geocode"),
    path("api/geocode/reverse/", views_geocode.ReverseGeocodeView.as_view(), name="api-geocode-reverse"),
    path("api/geojson/locations/", geojson.LocationsGeoJSONView.as_view(), name="api-geojson-locations"),
    path("api/geojson/service-areas/", geojson.ServiceAreasGeoJSONView.as_view(), name="api-geojson-service-areas"),
]
