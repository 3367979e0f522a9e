from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from geo.admin_map import MapAdmin
from geo.directory.editing import location_save_from_admin
from geo.directory.models import (
    Category,
    Contact,
    Keyword,
    Location,
    OpeningException,
    OpeningHours,
    Organisation,
    Phone,
    Service,
    TargetGroup,
)
from geo.directory.services import category_save, organisation_refresh_effective_area


class SyntheticFlagMixin:
    """A visible 'voorbeeld' column: generated records are never mistaken for real ones."""

    @admin.display(description=_("voorbeeld"), boolean=True, ordering="is_synthetic")
    def voorbeeld(self, obj: Any) -> bool:
        return bool(obj.is_synthetic)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "code"]
    search_fields = ["name", "code", "description"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]

    @admin.display(description=_("rubriek"), ordering="path")
    def indented_name(self, obj: Category) -> str:
        return format_html('<span style="padding-left:{}em">{}</span>', 1.5 * obj.depth, obj.name)

    def save_model(self, request: HttpRequest, obj: Category, form: ModelForm, change: bool) -> None:
        category_save(category=obj)


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


class PhoneInline(admin.TabularInline):
    model = Phone
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class LocationInline(admin.TabularInline):
    model = Location
    extra = 0
    fields = ["name", "street", "house_number", "box_number", "postcode", "municipality_name", "is_main", "status"]
    show_change_link = True


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0
    fields = ["name", "status", "service_area"]
    autocomplete_fields = ["service_area"]
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(SyntheticFlagMixin, admin.ModelAdmin):
    list_display = ["name", "status", "operational_status", "voorbeeld", "source", "last_verified"]
    list_filter = ["status", "operational_status", "is_synthetic", "source", "categories"]
    search_fields = ["name", "alternate_names", "enterprise_number", "description"]
    autocomplete_fields = ["parent", "categories", "keywords", "target_groups", "service_area"]
    readonly_fields = ["effective_area", "field_sources", "created_at", "updated_at"]
    inlines = [LocationInline, ServiceInline, PhoneInline, ContactInline]
    fieldsets = [
        (None, {"fields": ["name", "alternate_names", "description", "parent", "status", "operational_status"]}),
        (_("Contact"), {"fields": ["website", "email", "enterprise_number", "languages"]}),
        (_("Ordening"), {"fields": ["categories", "keywords", "target_groups"]}),
        (_("Werkingsgebied"), {"fields": ["service_area", "effective_area"]}),
        (
            _("Duiding (enkel voor hulpverleners)"),
            {"fields": ["pro_possibilities", "pro_limits", "pro_referral_tips"]},
        ),
        (
            _("Herkomst"),
            {
                "fields": [
                    "source",
                    "external_id",
                    "is_synthetic",
                    "last_verified",
                    "field_sources",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Locations or the explicit area may have changed: re-apply the service-area rule.
        organisation_refresh_effective_area(organisation=form.instance)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0


@admin.register(Location)
class LocationAdmin(SyntheticFlagMixin, MapAdmin):
    list_display = ["__str__", "organisation", "municipality", "geocode_precision", "point_locked", "voorbeeld"]
    list_filter = ["geocode_precision", "point_locked", "is_synthetic", "source"]
    search_fields = ["name", "organisation__name", "street", "postcode", "municipality_name"]
    autocomplete_fields = ["organisation", "municipality"]
    readonly_fields = ["geocode_precision", "geocode_source", "geocoded_at", "point_set_by", "point_set_at"]
    list_select_related = ["organisation", "municipality"]
    inlines = [OpeningHoursInline, OpeningExceptionInline]

    def save_model(self, request: HttpRequest, obj: Location, form: ModelForm, change: bool) -> None:
        warning = location_save_from_admin(location=obj, changed_fields=set(form.changed_data), user=request.user)
        if warning:
            messages.warning(request, warning)


@admin.register(Service)
class ServiceAdmin(SyntheticFlagMixin, admin.ModelAdmin):
    list_display = ["name", "organisation", "status", "voorbeeld"]
    list_filter = ["status", "is_synthetic", "categories"]
    search_fields = ["name", "organisation__name", "description"]
    autocomplete_fields = ["organisation", "categories", "keywords", "target_groups", "service_area", "locations"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["name", "role", "organisation__name"]
    autocomplete_fields = ["organisation"]
