from django.apps import AppConfig


class GeocodingConfig(AppConfig):
    name = "geo.geocoding"
    label = "geocoding"
    verbose_name = "Geocodering"
