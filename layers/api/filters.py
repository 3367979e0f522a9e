"""The query parameters of each endpoint as django-filter FilterSets: parsing, validation (400 naming the
parameter) and the OpenAPI description. The querying itself is done by the selectors in geo.directory.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from geo.areas.models import Municipality
from geo.directory.models import Category, Keyword, Organisation, TargetGroup
from geo.directory.places import Place, PlaceNotFound, place_resolve
from geo.directory.search import SORT_KEYS, SearchCriteria, organisations_search
from layers.api.fields import (
    MAX_RADIUS_M,
    BBoxFilter,
    BooleanParamFilter,
    ChoiceParamFilter,
    CodesFilter,
    IntegerFilter,
    LonLatFilter,
    NumberFilter,
    ParamFilter,
    _ParseOnly,
)

MAX_QUERY_LENGTH = 200


class PlaceField(forms.CharField):
    def clean(self, value: Any) -> Place | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return place_resolve(text)
        except PlaceNotFound as exc:
            raise forms.ValidationError(str(exc)) from None


@extend_schema_field(OpenApiTypes.STR)
class PlaceFilter(_ParseOnly):
    field_class = PlaceField


class StrictFilterSet(django_filters.FilterSet):
    """Unknown parameters are errors too: a misspelt `catgory=` must not silently return everything."""

    extra_params: ClassVar[frozenset[str]] = frozenset({"format"})
    # django-filter builds a new form class on every request (~1 ms); its fields are copied per form
    # instance anyway, so one class per filter set is enough.
    _form_classes: ClassVar[dict[type, type]] = {}

    def get_form_class(self) -> Any:
        form_class = StrictFilterSet._form_classes.get(type(self))
        if form_class is None:
            form_class = StrictFilterSet._form_classes[type(self)] = super().get_form_class()
        return form_class

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in sorted(set(self.data.keys()) - set(self.filters) - self.extra_params):
            self.form.errors[name] = self.form.error_class([_("onbekende parameter")])
            valid = False
        if valid:
            self.check_combinations(self.form.cleaned_data)
            valid = not self.form.errors
        return valid

    def check_combinations(self, data: dict[str, Any]) -> None:
        """Rules across parameters; report with self.form.add_error('<parameter>', message)."""


def categories_filter() -> CodesFilter:
    return CodesFilter(
        queryset=Category.objects.all(),
        to_field="code",
        what=_("rubriek"),
        help_text=_("rubriekcode(s), met subrubrieken"),
    )


def keywords_filter() -> CodesFilter:
    return CodesFilter(
        queryset=Keyword.objects.all(),
        to_field="slug",
        extra_field="name",
        what=_("trefwoord"),
        help_text=_("trefwoord(en)"),
    )


def target_groups_filter() -> CodesFilter:
    return CodesFilter(
        queryset=TargetGroup.objects.all(), to_field="code", what=_("doelgroep"), help_text=_("doelgroepcode(s)")
    )


def keyword_op_filter() -> ChoiceParamFilter:
    return ChoiceParamFilter(
        choices=[("or", "or"), ("and", "and")], help_text=_("and: alle trefwoorden; or: minstens één")
    )


class OrganisationSearchFilter(StrictFilterSet):
    q = ParamFilter(max_length=MAX_QUERY_LENGTH, help_text=_("wie of wat: naam, aanbod, trefwoord, rubriek, persoon"))
    where = PlaceFilter(
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "waar: gemeente, deelgemeente, postcode, provincie of gewest (naam of code); op het werkingsgebied"
        ),
    )
    category = categories_filter()
    keyword = keywords_filter()
    keyword_op = keyword_op_filter()
    target_group = target_groups_filter()
    only_parents = BooleanParamFilter(help_text=_("enkel moederorganisaties"))
    municipality = CodesFilter(
        queryset=Municipality.objects.all(),
        to_field="code",
        what=_("gemeente"),
        help_text=_("NIS-code van de gemeente van een vestiging (facet)"),
    )
    bbox = BBoxFilter(help_text=_("minlon,minlat,maxlon,maxlat (WGS84): een vestiging binnen dit kader"))
    near = LonLatFilter(help_text=_("lon,lat (WGS84): voor sort=distance en radius"))
    radius = NumberFilter(min_value=1, max_value=MAX_RADIUS_M, help_text=_("meter rond near"))
    sort = ChoiceParamFilter(choices=[(key, key) for key in SORT_KEYS], help_text=_("standaard relevance"))
    include_synthetic = BooleanParamFilter(help_text=_("voorbeeldrecords meenemen (standaard true)"))
    extra_params = frozenset({"format", "page", "page_size"})

    def check_combinations(self, data: dict[str, Any]) -> None:
        if data.get("sort") == "distance" and data.get("near") is None:
            self.form.add_error("sort", _("sort=distance heeft near=lon,lat nodig"))
        if data.get("radius") is not None and data.get("near") is None:
            self.form.add_error("radius", _("radius heeft near=lon,lat nodig"))

    def criteria(self) -> SearchCriteria:
        data = self.form.cleaned_data
        return SearchCriteria(
            q=(data.get("q") or "").strip(),
            place=data.get("where"),
            categories=data.get("category") or (),
            keywords=data.get("keyword") or (),
            keywords_all=data.get("keyword_op") == "and",
            target_groups=data.get("target_group") or (),
            only_parents=bool(data.get("only_parents")),
            municipality=(data.get("municipality") or [None])[0],
            bbox=data.get("bbox"),
            near=data.get("near"),
            radius_m=data.get("radius"),
            include_synthetic=data.get("include_synthetic") is not False,
            sort=data.get("sort") or "relevance",
        )

    def filter_queryset(self, queryset: Any) -> Any:
        return organisations_search(self.criteria())


class PointFilterSet(StrictFilterSet):
    lon = NumberFilter(min_value=-180, max_value=180, help_text=_("lengtegraad (WGS84)"))
    lat = NumberFilter(min_value=-90, max_value=90, help_text=_("breedtegraad (WGS84)"))

    def check_point(self, data: dict[str, Any], *, required: bool) -> None:
        has_lon, has_lat = data.get("lon") is not None, data.get("lat") is not None
        if has_lon != has_lat or (required and not has_lon):
            self.form.add_error("lon" if not has_lon else "lat", _("geef lon en lat samen op"))


class WhoServesFilter(PointFilterSet):
    address = ParamFilter(max_length=MAX_QUERY_LENGTH, help_text=_("adres, bv. 'Kerkstraat 147, 9050 Gent'"))
    category = categories_filter()
    group = ChoiceParamFilter(choices=[("category", "category")], help_text=_("groepeer per rubriek"))
    include_synthetic = BooleanParamFilter()
    extra_params = frozenset({"format", "page", "page_size"})

    def check_combinations(self, data: dict[str, Any]) -> None:
        if data.get("address") and data.get("lon") is not None:
            self.form.add_error("address", _("geef een adres of lon/lat, niet beide"))
        elif not data.get("address"):
            self.check_point(data, required=True)

    def filter_queryset(self, queryset: Any) -> Any:
        return queryset


class NearestFilter(PointFilterSet):
    n = IntegerFilter(min_value=1, max_value=100, help_text=_("aantal vestigingen (standaard 10)"))
    max_distance = NumberFilter(min_value=1, max_value=MAX_RADIUS_M, help_text=_("in meter (standaard 50 000)"))
    category = categories_filter()
    keyword = keywords_filter()
    keyword_op = keyword_op_filter()
    target_group = target_groups_filter()
    include_synthetic = BooleanParamFilter()

    def check_combinations(self, data: dict[str, Any]) -> None:
        self.check_point(data, required=True)

    def filter_queryset(self, queryset: Any) -> Any:
        return queryset


class MapLocationsFilter(StrictFilterSet):
    bbox = BBoxFilter()
    category = categories_filter()
    organisation = IntegerFilter(min_value=1)
    include_synthetic = BooleanParamFilter()
    limit = IntegerFilter(min_value=1, max_value=10_000, help_text=_("hoogstens zoveel features (standaard 5 000)"))

    def filter_queryset(self, queryset: Any) -> Any:
        return queryset


class AutocompleteFilter(StrictFilterSet):
    q = ParamFilter(min_length=1, max_length=100, required=True, help_text=_("de getypte tekst"))
    limit = IntegerFilter(min_value=1, max_value=25, help_text=_("per soort (standaard 8)"))

    def filter_queryset(self, queryset: Any) -> Any:
        return queryset


def organisations_base() -> Any:
    return Organisation.objects.none()
