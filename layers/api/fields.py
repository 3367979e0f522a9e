"""Form fields and django-filter filters for the API's query parameters.

Each turns one parameter into a typed value or raises a ValidationError in Dutch; django-filter then answers
400 with {"<parameter>": ["<reason>"]}, so the client always learns which parameter is wrong.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import django_filters
from django import forms
from django.contrib.gis.geos import Point, Polygon
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from geo.spatial import WGS84, lonlat_point

MAX_RADIUS_M = 100_000  # 100 km: the width of Flanders; larger asks for everything
MAX_LIST_VALUES = 20


def _float(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise forms.ValidationError(_("%(what)s is geen getal: %(value)s") % {"what": what, "value": text}) from None
    if value != value or value in (float("inf"), float("-inf")):  # NaN and infinities parse as floats
        raise forms.ValidationError(_("%(what)s is geen eindig getal") % {"what": what})
    return value


def parse_lon_lat(text: str) -> Point:
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2:
        raise forms.ValidationError(_("geef lengte- en breedtegraad als 'lon,lat', bv. 3.7250,51.0540"))
    return checked_point(_float(parts[0], "lon"), _float(parts[1], "lat"))


def checked_point(lon: float, lat: float) -> Point:
    try:
        return lonlat_point(lon, lat)
    except ValueError as exc:
        raise forms.ValidationError(_("buiten bereik: %(reason)s") % {"reason": exc}) from None


class ListWidget(forms.Widget):
    """Repeated (`?category=a&category=b`) and comma-separated (`?category=a,b`) values alike."""

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> list[str] | None:
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        values = [item.strip() for value in raw if value for item in str(value).split(",") if item.strip()]
        return values or None


class LonLatField(forms.CharField):
    # clean(), not to_python(): the CharField's length validators must see the text, not the result
    def clean(self, value: Any) -> Point | None:
        text = super().clean(value)
        return parse_lon_lat(text) if text else None


class BBoxField(forms.CharField):
    """minlon,minlat,maxlon,maxlat in WGS84."""

    def clean(self, value: Any) -> Polygon | None:
        text = super().clean(value)
        if not text:
            return None
        parts = text.split(",")
        if len(parts) != 4:
            raise forms.ValidationError(_("geef vier getallen: minlon,minlat,maxlon,maxlat (WGS84)"))
        min_lon, min_lat, max_lon, max_lat = (_float(part.strip(), "bbox") for part in parts)
        checked_point(min_lon, min_lat)
        checked_point(max_lon, max_lat)
        if min_lon >= max_lon or min_lat >= max_lat:
            raise forms.ValidationError(_("minlon moet kleiner zijn dan maxlon en minlat kleiner dan maxlat"))
        polygon = Polygon.from_bbox((min_lon, min_lat, max_lon, max_lat))
        polygon.srid = WGS84
        return polygon


class CodesField(forms.Field):
    """A list of codes that must all exist in `queryset` (matched on `to_field`); unknown ones are named."""

    widget = ListWidget

    def __init__(self, *, queryset: Any, to_field: str, what: str, extra_field: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.queryset = queryset
        self.to_field = to_field
        self.extra_field = extra_field
        self.what = what

    def to_python(self, value: Any) -> list[Model]:
        if not value:
            return []
        if len(value) > MAX_LIST_VALUES:
            raise forms.ValidationError(_("hoogstens %(n)d waarden") % {"n": MAX_LIST_VALUES})
        found: dict[str, Model] = {}
        fields = [self.to_field] + ([self.extra_field] if self.extra_field else [])
        for field in fields:
            for obj in self.queryset.filter(**{f"{field}__in": [*value, *(v.lower() for v in value)]}):
                found[str(getattr(obj, field))] = obj
        lowered = {key.lower(): obj for key, obj in found.items()}
        missing = [v for v in value if v not in found and v.lower() not in lowered]
        if missing:
            raise forms.ValidationError(
                _("onbekende %(what)s: %(codes)s") % {"what": self.what, "codes": ", ".join(missing)}
            )
        unique: dict[Any, Model] = {}
        for v in value:
            obj = found.get(v) or lowered[v.lower()]
            unique[obj.pk] = obj
        return list(unique.values())


class StrictBooleanField(forms.Field):
    """true/false, 1/0, yes/no; anything else is an error (a forms.BooleanField would read it as true)."""

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "ja", "on"}:
            return True
        if text in {"0", "false", "no", "nee", "off"}:
            return False
        raise forms.ValidationError(_("gebruik true of false, niet %(value)s") % {"value": value})


class _ParseOnly(django_filters.Filter):
    """A parameter parsed by its form field; the FilterSet's filter_queryset uses the cleaned value."""

    def filter(self, qs: Any, value: Any) -> Any:
        return qs

    def __deepcopy__(self, memo: dict[int, Any]) -> _ParseOnly:
        # django-filter deep-copies every filter of a FilterSet per request, querysets and all (~1 ms of a
        # 6 ms request). These keep no per-request state but the `model`/`parent` the FilterSet sets on its
        # own copy, so a shallow copy is enough.
        return copy.copy(self)


@extend_schema_field(OpenApiTypes.STR)
class ParamFilter(_ParseOnly):
    field_class = forms.CharField


@extend_schema_field({"type": "string", "example": "3.7250,51.0540"})
class LonLatFilter(_ParseOnly):
    field_class = LonLatField


@extend_schema_field({"type": "string", "example": "3.70,51.03,3.76,51.07"})
class BBoxFilter(_ParseOnly):
    field_class = BBoxField


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class CodesFilter(_ParseOnly):
    field_class = CodesField


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanParamFilter(_ParseOnly):
    field_class = StrictBooleanField


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberFilter(_ParseOnly):
    field_class = forms.FloatField


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(_ParseOnly):
    field_class = forms.IntegerField


@extend_schema_field(OpenApiTypes.STR)
class ChoiceParamFilter(_ParseOnly):
    field_class = forms.ChoiceField
