from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "geo.areas"
    label = "areas"
    verbose_name = "Gebieden"
