from django.apps import AppConfig


class LayersConfig(AppConfig):
    name = "layers"
    label = "layers"
    verbose_name = "Kaartlagen"
