from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "geo.coverage"
    label = "coverage"
    verbose_name = "Dekking (planning)"
    default_auto_field = "django.db.models.BigAutoField"
