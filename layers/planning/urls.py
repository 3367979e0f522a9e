from django.urls import URLPattern, path

from layers.planning import page, views

# Planners' view: coverage of a rubric per unit, distances, what-if (see docs/planning.md).
urlpatterns: list[URLPattern] = [
    path("planning/", page.planning_page, name="planning"),
    path("api/planning/coverage/", views.CoverageView.as_view(), name="api-planning-coverage"),
    path(
        "api/planning/coverage.csv",
        views.CoverageExportView.as_view(export_format="csv"),
        name="api-planning-coverage-csv",
    ),
    path(
        "api/planning/coverage.xlsx",
        views.CoverageExportView.as_view(export_format="xlsx"),
        name="api-planning-coverage-xlsx",
    ),
]
