from django.urls import path
from django.views.i18n import JavaScriptCatalog

from frontend import views

app_name = "frontend"
urlpatterns = [
    path("", views.map_page, name="home"),
    # gettext() for the page's ES modules: their Dutch texts go through Django's translation catalogue.
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["frontend"]), name="javascript-catalog"),
]
