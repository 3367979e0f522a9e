"""The precomputed coverage as WFS feature types, read the way QGIS reads them (GetCapabilities, GetFeature)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from geo.areas.models import Municipality
from geo.coverage.models import CoverageFeature
from geo.coverage.services import coverage_features_refresh, coverage_features_refresh_if_stale
from geo.coverage.units import Level
from geo.directory.models import Organisation

pytestmark = pytest.mark.django_db

TYPE_NAME = "dekking_gemeenten_huisvesting"


def test_a_refreshed_rubric_is_a_wfs_feature_type_with_one_feature_per_municipality(client: Client) -> None:
    assert coverage_features_refresh(levels=[Level.MUNICIPALITY], rubrics=["huisvesting"]) == 304
    capabilities = client.get("/wfs", {"SERVICE": "WFS", "REQUEST": "GetCapabilities"}).content.decode()
    assert TYPE_NAME in capabilities
    response = client.get(
        "/wfs",
        {
            "SERVICE": "WFS",
            "VERSION": "2.0.0",
            "REQUEST": "GetFeature",
            "TYPENAMES": TYPE_NAME,
            "OUTPUTFORMAT": "application/json",
        },
    )
    features = json.loads(b"".join(response.streaming_content))["features"]  # type: ignore[attr-defined]
    assert len(features) == Municipality.objects.exclude(geom=None).count()
    gent = next(feature for feature in features if feature["properties"]["code"] == "44021")
    properties = gent["properties"]
    assert properties["population"] == Municipality.objects.get(code="44021").population
    assert properties["population_source"] == "municipality"
    # Gent's own woonmaatschappij and woonwinkel serve it whole
    assert properties["covered_share"] == 1.0 and properties["organisations"] >= 2
    assert gent["geometry"]["type"] == "MultiPolygon"


def test_the_demo_refresh_recomputes_only_when_the_directory_changed() -> None:
    housing = {"levels": [Level.MUNICIPALITY], "rubrics": ["huisvesting"]}
    assert coverage_features_refresh_if_stale(**housing) == 304
    before = set(CoverageFeature.objects.filter(rubric="huisvesting").values_list("data_version", flat=True))
    assert coverage_features_refresh_if_stale(**housing) is None  # a second `load_demo` does no work
    organisation = Organisation.objects.filter(categories__code__startswith="huisvesting").first()
    assert organisation is not None
    organisation.categories.clear()  # no longer a housing organisation: coverage may change
    assert coverage_features_refresh_if_stale(**housing) == 304
    after = set(CoverageFeature.objects.filter(rubric="huisvesting").values_list("data_version", flat=True))
    assert len(after) == 1 and after != before
