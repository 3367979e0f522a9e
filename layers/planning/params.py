"""Query parameters of the planning API, checked: a bad one answers 400 naming the parameter."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from geo.areas.models import Municipality, Province
from geo.coverage.selectors import CoverageQuery, WhatIf
from geo.coverage.units import Level
from geo.directory.models import Category, Keyword, TargetGroup
from geo.spatial import BELGIUM_BBOX_WGS84

MAX_ADDED_POINTS = 50
MAX_REMOVED = 200


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class CoverageParams(serializers.Serializer[Any]):
    rubric = serializers.CharField(help_text="code van de rubriek (met haar subrubrieken), bv. huisvesting.sociaal")
    level = serializers.ChoiceField(choices=[level.value for level in Level], default=Level.MUNICIPALITY.value)
    keyword = serializers.CharField(required=False, help_text="trefwoorden (slug), komma-gescheiden: één ervan")
    target_group = serializers.CharField(required=False, help_text="doelgroepen (code), komma-gescheiden")
    municipality = serializers.CharField(required=False, help_text="enkel eenheden in deze gemeente (NIS-code)")
    province = serializers.CharField(required=False, help_text="enkel eenheden in deze provincie (NIS-code)")
    threshold = serializers.IntegerField(default=2000, min_value=100, max_value=100_000, help_text="afstand (m)")
    include_synthetic = serializers.BooleanField(default=True)
    add = serializers.CharField(required=False, help_text="what-if: extra vestigingen 'lon,lat;lon,lat' (WGS84)")
    remove = serializers.CharField(required=False, help_text="what-if: weg te laten vestigingen (id's, komma's)")

    def validate_rubric(self, value: str) -> Category:
        category = Category.objects.filter(code=value).first()
        if category is None:
            raise serializers.ValidationError(f"onbekende rubriek: {value!r}")
        return category

    def validate_keyword(self, value: str) -> list[Keyword]:
        slugs = _codes(value)
        found = list(Keyword.objects.filter(slug__in=slugs))
        missing = sorted(set(slugs) - {keyword.slug for keyword in found})
        if missing:
            raise serializers.ValidationError(f"onbekend trefwoord: {', '.join(missing)}")
        return found

    def validate_target_group(self, value: str) -> list[TargetGroup]:
        codes = _codes(value)
        found = list(TargetGroup.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {group.code for group in found})
        if missing:
            raise serializers.ValidationError(f"onbekende doelgroep: {', '.join(missing)}")
        return found

    def validate_municipality(self, value: str) -> Municipality:
        municipality = Municipality.objects.filter(code=value).defer("geom").first()
        if municipality is None:
            raise serializers.ValidationError(f"onbekende gemeente: {value!r}")
        return municipality

    def validate_province(self, value: str) -> Province:
        province = Province.objects.filter(code=value).defer("geom").first()
        if province is None:
            raise serializers.ValidationError(f"onbekende provincie: {value!r}")
        return province

    def validate_add(self, value: str) -> list[tuple[float, float]]:
        points = []
        west, south, east, north = BELGIUM_BBOX_WGS84
        for part in [p for p in value.split(";") if p.strip()]:
            try:
                lon, lat = (float(number) for number in part.split(","))
            except ValueError as exc:
                raise serializers.ValidationError(f"geen 'lon,lat': {part[:40]!r}") from exc
            if not (west <= lon <= east and south <= lat <= north):
                raise serializers.ValidationError(f"punt buiten België: {part[:40]!r}")
            points.append((lon, lat))
        if len(points) > MAX_ADDED_POINTS:
            raise serializers.ValidationError(f"hoogstens {MAX_ADDED_POINTS} punten")
        return points

    def validate_remove(self, value: str) -> list[int]:
        try:
            ids = [int(part) for part in _codes(value)]
        except ValueError as exc:
            raise serializers.ValidationError("id's moeten gehele getallen zijn") from exc
        if len(ids) > MAX_REMOVED:
            raise serializers.ValidationError(f"hoogstens {MAX_REMOVED} vestigingen")
        return ids

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("municipality") and attrs.get("province"):
            raise serializers.ValidationError({"province": "kies gemeente of provincie, niet beide"})
        return attrs

    def coverage_query(self) -> CoverageQuery:
        data = self.validated_data
        return CoverageQuery(
            category=data["rubric"],
            level=Level(data["level"]),
            keywords=tuple(data.get("keyword", ())),
            target_groups=tuple(data.get("target_group", ())),
            municipality=data.get("municipality"),
            province=data.get("province"),
            include_synthetic=data["include_synthetic"],
        )

    def what_if(self) -> WhatIf:
        data = self.validated_data
        return WhatIf(added_points=tuple(data.get("add", ())), removed_location_ids=tuple(data.get("remove", ())))
