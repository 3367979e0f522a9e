"""Output serializers of the search-side endpoints (results, who-serves, nearest).

Result rows are plain dicts from geo.directory.annotations.result_rows; to_representation is written out so
a page of 100 costs microseconds. The declared fields are what the OpenAPI schema shows.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

VOORBEELD_LABEL = _("Voorbeeld: gegenereerd record, geen echte organisatie")


def synthetic_flags(is_synthetic: bool) -> dict[str, Any]:
    """Every organisation in every response says whether it is a generated example, in a field and a label."""
    return {"voorbeeld": is_synthetic, "voorbeeld_label": str(VOORBEELD_LABEL) if is_synthetic else None}


def address_line(location: dict[str, Any]) -> str:
    number = f" {location['house_number']}" if location.get("house_number") else ""
    box = f" bus {location['box_number']}" if location.get("box_number") else ""
    street = f"{location.get('street') or ''}{number}{box}".strip()
    town = " ".join(part for part in (location.get("postcode"), location.get("municipality")) if part)
    return ", ".join(part for part in (street, town) if part)


class CategoryRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    path = serializers.CharField()


class LocationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()
    municipality = serializers.CharField()
    municipality_code = serializers.CharField(allow_null=True)
    lon = serializers.FloatField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    precision = serializers.CharField()
    is_main = serializers.BooleanField()
    distance_m = serializers.FloatField(required=False, allow_null=True)

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": instance["id"],
            "name": instance["name"],
            "address": address_line(instance),
            "postcode": instance["postcode"],
            "municipality": instance["municipality"],
            "municipality_code": instance["municipality_code"],
            "lon": instance["lon"],
            "lat": instance["lat"],
            "precision": instance["precision"],
            "is_main": instance["is_main"],
            **({"distance_m": instance["distance_m"]} if "distance_m" in instance else {}),
        }


class AreaRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


_ID_MARK = 918273645  # an id no fiche has, to split the reversed URL around


class OrganisationResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField(help_text="de fiche")
    voorbeeld = serializers.BooleanField(help_text="gegenereerd voorbeeldrecord, geen echte organisatie")
    voorbeeld_label = serializers.CharField(allow_null=True)
    operational_status = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    categories = CategoryRefSerializer(many=True)
    location = LocationSummarySerializer(allow_null=True, help_text="de dichtste (met near) of de hoofdvestiging")
    distance_m = serializers.FloatField(
        required=False, allow_null=True, help_text="afstand tot de dichtste vestiging, in meter"
    )
    service_area = AreaRefSerializer(allow_null=True)

    def _fiche_url(self, organisation_id: int) -> str:
        # reverse() walks the URL patterns on every call; the fiche URLs of one response differ by id only
        parts = self.__dict__.get("_fiche_url_parts")
        if parts is None:
            parts = self._fiche_url_parts = reverse("api-organisation-detail", args=[_ID_MARK]).split(str(_ID_MARK))
        return f"{parts[0]}{organisation_id}{parts[1]}"

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        location = instance["location_json"]
        data = {
            "id": instance["id"],
            "name": instance["name"],
            "url": self._fiche_url(instance["id"]),
            **synthetic_flags(instance["is_synthetic"]),
            "operational_status": instance["operational_status"],
            "parent_id": instance["parent_id"],
            "categories": instance["categories_json"] or [],
            # the declared field is a ready serializer: building a new one per row copies its fields each time
            "location": self.fields["location"].to_representation(location) if location else None,
            "service_area": (
                {"id": instance["effective_area_id"], "name": instance["effective_area__name"]}
                if instance["effective_area_id"]
                else None
            ),
        }
        if "distance_m" in instance:
            distance = instance["distance_m"]
            data["distance_m"] = round(distance, 1) if distance is not None else None
        return data


class FacetSerializer(serializers.Serializer):
    code = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    count = serializers.IntegerField()
    path = serializers.CharField(required=False)


class FacetsSerializer(serializers.Serializer):
    municipality = FacetSerializer(many=True)
    category = FacetSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    where = serializers.DictField(allow_null=True, help_text="de plaats waarop gezocht werd")
    facets = FacetsSerializer()
    results = OrganisationResultSerializer(many=True)


class PointSerializer(serializers.Serializer):
    lon = serializers.FloatField()
    lat = serializers.FloatField()


class GeocodedSerializer(serializers.Serializer):
    query = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the API's field, not Field.label
    precision = serializers.CharField()
    provider = serializers.CharField()


class CandidateSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # the API's field, not Field.label
    precision = serializers.CharField()
    score = serializers.FloatField()
    lon = serializers.FloatField()
    lat = serializers.FloatField()


class ServingOrganisationSerializer(OrganisationResultSerializer):
    services = serializers.ListField(child=serializers.CharField(), help_text="aanbod met een eigen werkingsgebied")


class CategoryGroupSerializer(serializers.Serializer):
    category = CategoryRefSerializer(allow_null=True)
    count = serializers.IntegerField()
    results = ServingOrganisationSerializer(many=True)


class WhoServesResponseSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "ambiguous"])
    point = PointSerializer(allow_null=True)
    geocoded = GeocodedSerializer(allow_null=True)
    candidates = CandidateSerializer(many=True)
    count = serializers.IntegerField()
    categories = FacetSerializer(many=True, allow_null=True, help_text="aantallen per rubriek (met group=category)")
    groups = CategoryGroupSerializer(many=True, required=False)
    results = ServingOrganisationSerializer(many=True)


class NearestLocationSerializer(LocationSummarySerializer):
    organisation = OrganisationResultSerializer()


class NearestResponseSerializer(serializers.Serializer):
    point = PointSerializer()
    max_distance_m = serializers.FloatField()
    results = NearestLocationSerializer(many=True)
