from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "importers"
    label = "importers"
    verbose_name = "Imports"
