from django.urls import URLPattern

# Base-map vector tiles drawn from our own geography (municipality/deelgemeente/wijk boundaries).
urlpatterns: list[URLPattern] = []
