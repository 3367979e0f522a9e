"""/api/geocode/, /api/geocode/reverse/ and /api/target-groups/ on the demo's real register and records."""

from __future__ import annotations

import math

import pytest
from django.contrib.gis.geos import Point
from rest_framework.test import APIClient

from geo.directory.models import Organisation, TargetGroup
from geo.spatial import WGS84
from tests.geocoding.sources import agency_point

pytestmark = pytest.mark.django_db


def metres_from(candidate: dict[str, float], point: Point) -> float:
    there = Point(candidate["lon"], candidate["lat"], srid=WGS84).transform(point.srid, clone=True)
    return math.dist((there.x, there.y), (point.x, point.y))


def test_geocode_returns_the_register_point_with_its_precision_and_provider() -> None:
    body = APIClient().get("/api/geocode/", {"q": "kerkstr. 196 9050 gent"}).json()
    best = body["candidates"][0]
    assert best["label"] == "Kerkstraat 196, 9050 Gent"
    assert (best["precision"], best["provider"]) == ("address", "local")
    assert metres_from(best, agency_point(442407)) < 1  # the agency's own point of the pharmacy there


def test_geocode_offers_several_candidates_for_an_ambiguous_street() -> None:
    candidates = APIClient().get("/api/geocode/", {"q": "Stationsstraat 1", "limit": 10}).json()["candidates"]
    assert len({candidate["label"] for candidate in candidates}) >= 2


def test_geocode_without_a_match_is_an_empty_list_and_bad_input_a_400_naming_the_field() -> None:
    api = APIClient()
    assert api.get("/api/geocode/", {"q": "Qwxzstraat 9, 9999 Nergensdorp"}).json() == {"candidates": []}
    missing = api.get("/api/geocode/")
    assert missing.status_code == 400 and "q" in missing.json()
    too_many = api.get("/api/geocode/", {"q": "Kerkstraat", "limit": 500})
    assert too_many.status_code == 400 and "limit" in too_many.json()


def test_reverse_geocode_snaps_a_map_click_to_the_nearest_address() -> None:
    pharmacy = agency_point(442407)
    clicked = Point(pharmacy.x + 8, pharmacy.y + 6, srid=pharmacy.srid).transform(WGS84, clone=True)
    body = APIClient().get("/api/geocode/reverse/", {"lon": clicked.x, "lat": clicked.y}).json()
    assert body["address"]["label"].startswith("Kerkstraat 196")
    half = APIClient().get("/api/geocode/reverse/", {"lon": clicked.x})
    assert half.status_code == 400 and "lat" in half.json()


def test_target_groups_list_every_group_with_the_count_the_filter_finds() -> None:
    api = APIClient()
    groups = api.get("/api/target-groups/").json()
    assert [group["code"] for group in groups] == list(
        TargetGroup.objects.order_by("name").values_list("code", flat=True)
    )
    counted = next(group for group in groups if group["count"] > 0)
    found = api.get("/api/organisations/", {"target_group": counted["code"], "page_size": 1}).json()["count"]
    assert found == counted["count"]
    assert Organisation.objects.filter(status="published").count() > counted["count"]
    assert api.get("/api/target-groups/", {"foo": "1"}).status_code == 400


def test_where_suggestions_find_a_register_street_however_it_is_hyphenated_or_abbreviated() -> None:
    api = APIClient()
    for typed in ("Sint-Michielsstraat", "sint michielsstr", "St.-Michiels"):
        streets = api.get("/api/autocomplete/where/", {"q": typed}).json()["streets"]
        assert "Sint-Michielsstraat, Gent" in [street["value"] for street in streets], typed
