"""The fiche, the category tree and autocomplete."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from geo.directory.autocomplete import suggest_what, suggest_where
from geo.directory.opening import brussels_now
from geo.directory.selectors import (
    categories_with_counts,
    last_modified_of,
    organisation_detail,
    service_area_geojson,
    target_groups_with_counts,
)
from layers.api.fiche import AREA_DECIMALS, AREA_SIMPLIFY_M, FicheSerializer
from layers.api.filters import AutocompleteFilter, StrictFilterSet
from layers.api.permissions import can_see_professional_fields
from layers.api.views import ApiView, parse

DEFAULT_SUGGESTIONS = 8


class OrganisationDetailView(ApiView):
    """De fiche van één organisatie. Velden voor hulpverleners enkel voor wie ze mag zien."""

    serializer_class = FicheSerializer

    @extend_schema(responses={200: FicheSerializer, 404: OpenApiResponse(description="onbekende organisatie")})
    def get(self, request: Request, pk: int) -> Response:
        professional = can_see_professional_fields(request.user)
        organisation = organisation_detail(organisation_id=pk, professional=professional)
        if organisation is None:
            raise Http404
        self.last_modified = last_modified_of(organisation)
        area = service_area_geojson(organisation=organisation, simplify_m=AREA_SIMPLIFY_M, decimals=AREA_DECIMALS)
        context = {"request": request, "professional": professional, "service_area": area, "now": brussels_now()}
        return Response(FicheSerializer(organisation, context=context).data)


class NoParams(StrictFilterSet):
    pass


class CategoryTreeView(ApiView):
    """Alle rubrieken als boom, met per rubriek het aantal gepubliceerde organisaties (subrubrieken inbegrepen)."""

    filterset_class = NoParams

    @extend_schema(
        responses=inline_serializer(
            "CategoryNode",
            {
                "code": serializers.CharField(),
                "name": serializers.CharField(),
                "description": serializers.CharField(),
                "path": serializers.CharField(),
                "count": serializers.IntegerField(),
                "children": serializers.ListField(child=serializers.DictField()),
            },
            many=True,
        ),
        filters=True,
        operation_id="categories_tree",
    )
    def get(self, request: Request) -> Response:
        parse(NoParams, request)
        nodes: dict[int, dict[str, Any]] = {}
        roots: list[dict[str, Any]] = []
        for row in categories_with_counts():
            node = {key: row[key] for key in ("code", "name", "description", "path", "count")} | {"children": []}
            nodes[row["id"]] = node
            parent = nodes.get(row["parent_id"]) if row["parent_id"] else None
            (parent["children"] if parent else roots).append(node)
        return Response(roots)


class TargetGroupListView(ApiView):
    """Alle doelgroepen, met het aantal gepubliceerde organisaties (voor de verfijning `target_group=`)."""

    filterset_class = NoParams

    @extend_schema(
        responses=inline_serializer(
            "TargetGroup",
            {
                "code": serializers.CharField(),
                "name": serializers.CharField(),
                "description": serializers.CharField(),
                "count": serializers.IntegerField(),
            },
            many=True,
        ),
        filters=True,
        operation_id="target_groups",
    )
    def get(self, request: Request) -> Response:
        parse(NoParams, request)
        return Response(target_groups_with_counts())


_SUGGESTION: dict[str, Any] = {"value": serializers.CharField(), "label": serializers.CharField()}


class AutocompleteWhatView(ApiView):
    """Suggesties voor 'wie of wat': trefwoorden, rubrieken en namen van organisaties."""

    filterset_class = AutocompleteFilter

    @extend_schema(
        responses=inline_serializer(
            "SuggestWhat",
            {
                "keywords": inline_serializer("KeywordSuggestion", _SUGGESTION, many=True),
                "categories": inline_serializer("CategorySuggestion", _SUGGESTION, many=True),
                "organisations": inline_serializer("OrganisationSuggestion", _SUGGESTION, many=True),
            },
        ),
        filters=True,
        operation_id="autocomplete_what",
    )
    def get(self, request: Request) -> Response:
        data = parse(AutocompleteFilter, request).form.cleaned_data
        return Response(suggest_what(data["q"].strip(), limit=data.get("limit") or DEFAULT_SUGGESTIONS))


class AutocompleteWhereView(ApiView):
    """Suggesties voor 'waar': gemeenten, deelgemeenten, provincies, postcodes en straten."""

    filterset_class = AutocompleteFilter

    @extend_schema(
        responses=inline_serializer(
            "SuggestWhere",
            {
                "places": inline_serializer(
                    "PlaceSuggestion", {**_SUGGESTION, "kind": serializers.CharField()}, many=True
                ),
                "streets": inline_serializer(
                    "StreetSuggestion", {**_SUGGESTION, "kind": serializers.CharField()}, many=True
                ),
            },
        ),
        filters=True,
        operation_id="autocomplete_where",
    )
    def get(self, request: Request) -> Response:
        data = parse(AutocompleteFilter, request).form.cleaned_data
        return Response(suggest_where(data["q"].strip(), limit=data.get("limit") or DEFAULT_SUGGESTIONS))
