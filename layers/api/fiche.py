"""The fiche of one organisation: locations with opening hours and "open now", services, contacts, the
service-area geometry, parent and children, and the source's attribution.

Professional-only fields (duiding) and contacts are in the answer only for users allowed to see them
(layers.api.permissions); for everyone else the keys are absent, not empty.
"""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse
from rest_framework import serializers

from geo.directory.models import Location, Organisation, Service
from geo.directory.opening import brussels_now, location_open_now
from layers.api.serializers import synthetic_flags

COORDINATE_DECIMALS = 7
AREA_DECIMALS = 6
AREA_SIMPLIFY_M = 5.0  # invisible at street level, and it keeps a province-wide area small


def point_data(point: Any) -> dict[str, float] | None:
    if point is None:
        return None
    wgs84 = point.transform(4326, clone=True)
    return {"lon": round(wgs84.x, COORDINATE_DECIMALS), "lat": round(wgs84.y, COORDINATE_DECIMALS)}


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="0 = maandag")
    weekday_name = serializers.CharField()
    opens = serializers.TimeField(format="%H:%M")
    closes = serializers.TimeField(format="%H:%M")
    note = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return {
            "weekday": instance.weekday,
            "weekday_name": str(instance.get_weekday_display()),
            "opens": instance.opens.strftime("%H:%M"),
            "closes": instance.closes.strftime("%H:%M"),
            "note": instance.note,
        }


class FicheLocationSerializer(serializers.ModelSerializer):
    address = serializers.CharField(source="address_line")
    point = serializers.SerializerMethodField()
    opening_hours = OpeningHoursSerializer(many=True)
    open_now = serializers.SerializerMethodField(help_text="nu open (Europe/Brussels); null als onbekend")
    municipality_code = serializers.CharField(source="municipality.code", allow_null=True, default=None)

    class Meta:
        model = Location
        fields = [
            "id", "name", "address", "street", "house_number", "box_number", "postcode", "municipality_name",
            "municipality_code", "point", "geocode_precision", "is_main", "phone", "email", "accessibility",
            "opening_hours", "opening_hours_note", "opening_hours_raw", "open_now",
        ]  # fmt: skip

    def get_point(self, location: Location) -> dict[str, float] | None:
        return point_data(location.point)

    def get_open_now(self, location: Location) -> bool | None:
        return location_open_now(location, moment=self.context.get("now") or brussels_now())


class FicheServiceSerializer(serializers.ModelSerializer):
    categories: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    keywords: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    target_groups: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    location_ids: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        source="locations", many=True, read_only=True
    )
    service_area = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = [
            "id", "name", "description", "categories", "keywords", "target_groups", "eligibility", "fees",
            "application_process", "location_ids", "service_area",
        ]  # fmt: skip

    def get_service_area(self, service: Service) -> dict[str, Any] | None:
        area = service.service_area
        return {"id": area.pk, "name": area.name} if area else None


class FicheSerializer(serializers.ModelSerializer):
    PROFESSIONAL_FIELDS = ("pro_possibilities", "pro_limits", "pro_referral_tips")

    voorbeeld = serializers.SerializerMethodField()
    voorbeeld_label = serializers.SerializerMethodField()
    categories = serializers.SerializerMethodField()
    keywords: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    target_groups = serializers.SerializerMethodField()
    locations = FicheLocationSerializer(many=True)
    services = FicheServiceSerializer(many=True)
    contacts = serializers.SerializerMethodField()
    phones = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]  # the fiche's field, not Field.parent
    children = serializers.SerializerMethodField()
    service_area = serializers.SerializerMethodField(help_text="GeoJSON-geometrie in EPSG:4326")
    source = serializers.SerializerMethodField(  # type: ignore[assignment]  # the fiche's field, not Field.source
        help_text="bron en verplichte naamsvermelding"
    )

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "alternate_names", "voorbeeld", "voorbeeld_label", "description", "enterprise_number",
            "website", "email", "languages", "operational_status", "last_verified", "categories", "keywords",
            "target_groups", "locations", "services", "contacts", "phones", "parent", "children", "service_area",
            "source", "updated_at", "pro_possibilities", "pro_limits", "pro_referral_tips",
        ]  # fmt: skip

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if not self.context.get("professional"):
            for name in self.PROFESSIONAL_FIELDS:
                fields.pop(name)
        return fields

    def get_voorbeeld(self, organisation: Organisation) -> bool:
        return bool(synthetic_flags(organisation.is_synthetic)["voorbeeld"])

    def get_voorbeeld_label(self, organisation: Organisation) -> str | None:
        label: str | None = synthetic_flags(organisation.is_synthetic)["voorbeeld_label"]
        return label

    def get_categories(self, organisation: Organisation) -> list[dict[str, str]]:
        return [{"code": c.code, "name": c.name, "path": c.path} for c in organisation.categories.all()]

    def get_target_groups(self, organisation: Organisation) -> list[dict[str, str]]:
        return [{"code": g.code, "name": g.name} for g in organisation.target_groups.all()]

    def get_contacts(self, organisation: Organisation) -> list[dict[str, Any]]:
        # the prefetch already left out professional contacts for other users (organisation_detail)
        return [
            {"name": c.name, "role": c.role, "phone": c.phone, "email": c.email, "visibility": c.visibility}
            for c in organisation.contacts.all()
        ]

    def get_phones(self, organisation: Organisation) -> list[dict[str, str]]:
        return [{"number": p.number, "label": p.label} for p in organisation.phones.all()]

    def _ref(self, organisation: Organisation) -> dict[str, Any]:
        return {
            "id": organisation.pk,
            "name": organisation.name,
            "url": reverse("api-organisation-detail", args=[organisation.pk]),
            **synthetic_flags(organisation.is_synthetic),
        }

    def get_parent(self, organisation: Organisation) -> dict[str, Any] | None:
        parent = organisation.parent
        return self._ref(parent) if parent is not None and parent.status == "published" else None

    def get_children(self, organisation: Organisation) -> list[dict[str, Any]]:
        return [self._ref(child) for child in organisation.children.all()]

    def get_service_area(self, organisation: Organisation) -> dict[str, Any] | None:
        area = self.context.get("service_area")
        if not area:
            return None
        return {
            "id": area["id"],
            "name": area["name"],
            "explicit": area["explicit"],
            "geometry": json.loads(area["geojson"]),
        }

    def get_source(self, organisation: Organisation) -> dict[str, str] | None:
        source = organisation.source
        if source is None:
            return None
        return {"name": source.name, "licence": source.licence, "attribution": source.attribution, "url": source.url}
