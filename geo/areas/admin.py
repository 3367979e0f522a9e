from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from geo.admin_map import MapAdmin
from geo.areas.models import (
    Address,
    Arrondissement,
    DataSource,
    Municipality,
    Neighbourhood,
    PostalArea,
    Province,
    Region,
    ServiceArea,
    StatisticalSector,
    Street,
    SubMunicipality,
)


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "licence", "is_synthetic"]
    list_filter = ["is_synthetic"]
    search_fields = ["code", "name", "attribution"]


class AdminAreaAdmin(MapAdmin):
    list_display = ["code", "name_nl", "name_fr"]
    search_fields = ["code", "name_nl", "name_fr"]
    list_select_related = True


@admin.register(Region)
class RegionAdmin(AdminAreaAdmin):
    pass


@admin.register(Province)
class ProvinceAdmin(AdminAreaAdmin):
    list_display = ["code", "name_nl", "region"]
    list_filter = ["region"]


@admin.register(Arrondissement)
class ArrondissementAdmin(AdminAreaAdmin):
    list_display = ["code", "name_nl", "province"]
    list_filter = ["province"]


@admin.register(Municipality)
class MunicipalityAdmin(AdminAreaAdmin):
    list_display = ["code", "name_nl", "name_fr", "province", "population"]
    list_filter = ["region", "province"]
    autocomplete_fields = ["arrondissement", "province", "region"]


@admin.register(SubMunicipality)
class SubMunicipalityAdmin(AdminAreaAdmin):
    list_display = ["code", "name_nl", "municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(AdminAreaAdmin):
    list_display = ["code", "name_nl", "municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(StatisticalSector)
class StatisticalSectorAdmin(AdminAreaAdmin):
    list_display = ["code", "name_nl", "municipality", "submunicipality", "population"]
    autocomplete_fields = ["municipality", "submunicipality"]


@admin.register(PostalArea)
class PostalAreaAdmin(admin.ModelAdmin):
    list_display = ["postcode", "name_nl"]
    search_fields = ["postcode", "name_nl", "municipalities__name_nl"]
    filter_horizontal = ["municipalities"]


@admin.register(Street)
class StreetAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "municipality", "source"]
    search_fields = ["name_nl", "name_fr", "municipality__name_nl"]
    list_filter = ["source"]
    autocomplete_fields = ["municipality"]


@admin.register(Address)
class AddressAdmin(MapAdmin):
    list_display = ["__str__", "status", "source"]
    list_filter = ["status", "source"]
    search_fields = ["street__name_nl", "house_number", "postcode"]
    autocomplete_fields = ["street"]
    list_select_related = ["street"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(MapAdmin):
    list_display = ["name", "kind", "area_km2", "organisation_count"]
    list_filter = ["kind"]
    search_fields = ["name", "municipalities__name_nl"]
    readonly_fields = ["signature", "area_m2", "kind"]
    filter_horizontal = ["municipalities", "submunicipalities", "provinces", "regions"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ServiceArea]:
        return super().get_queryset(request).annotate(_organisations=Count("effective_for_organisations"))

    @admin.display(description=_("oppervlakte (km²)"), ordering="area_m2")
    def area_km2(self, obj: ServiceArea) -> str:
        return f"{obj.area_m2 / 1e6:,.1f}"

    @admin.display(description=_("organisaties"), ordering="_organisations")
    def organisation_count(self, obj: ServiceArea) -> int:
        return int(getattr(obj, "_organisations", 0))
