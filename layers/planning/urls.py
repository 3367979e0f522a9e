from django.urls import URLPattern

# Planners' view: coverage of a rubric per unit, distances, what-if (see docs/planning.md).
urlpatterns: list[URLPattern] = []
