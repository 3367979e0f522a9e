from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "geo.directory"
    label = "directory"
    verbose_name = "Sociale kaart"
