"""Every malformed parameter is a 400 that names the parameter; nothing reaches a 500."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

BAD = [
    # (endpoint, parameters, the parameter the answer must name)
    ("/api/organisations/", {"bbox": "3.7,51.0,3.8"}, "bbox"),
    ("/api/organisations/", {"bbox": "3.8,51.0,3.7,51.1"}, "bbox"),
    ("/api/organisations/", {"bbox": "a,b,c,d"}, "bbox"),
    ("/api/organisations/", {"bbox": "3.7,51.0,3.8,95"}, "bbox"),
    ("/api/organisations/", {"near": "200,51"}, "near"),
    ("/api/organisations/", {"near": "3.72"}, "near"),
    ("/api/organisations/", {"near": "nan,51"}, "near"),
    ("/api/organisations/", {"near": "3.72,51.05", "radius": "500000"}, "radius"),
    ("/api/organisations/", {"near": "3.72,51.05", "radius": "-5"}, "radius"),
    ("/api/organisations/", {"radius": "500"}, "radius"),
    ("/api/organisations/", {"category": "bestaat-niet"}, "category"),
    ("/api/organisations/", {"category": "justitie,bestaat-niet"}, "category"),
    ("/api/organisations/", {"keyword": "geen-trefwoord-xyz"}, "keyword"),
    ("/api/organisations/", {"keyword_op": "xor"}, "keyword_op"),
    ("/api/organisations/", {"target_group": "marsmannetjes"}, "target_group"),
    ("/api/organisations/", {"sort": "random"}, "sort"),
    ("/api/organisations/", {"sort": "distance"}, "sort"),
    ("/api/organisations/", {"where": "Atlantis"}, "where"),
    ("/api/organisations/", {"where": "Beveren"}, "where"),  # a deelgemeente name in four municipalities
    ("/api/organisations/", {"only_parents": "misschien"}, "only_parents"),
    ("/api/organisations/", {"include_synthetic": "2"}, "include_synthetic"),
    ("/api/organisations/", {"municipality": "99999"}, "municipality"),
    ("/api/organisations/", {"page": "0"}, "page"),
    ("/api/organisations/", {"page": "x"}, "page"),
    ("/api/organisations/", {"page": "999"}, "page"),
    ("/api/organisations/", {"page_size": "1000"}, "page_size"),
    ("/api/organisations/", {"q": "x" * 300}, "q"),
    ("/api/organisations/", {"catgory": "justitie"}, "catgory"),
    ("/api/who-serves/", {}, "lon"),
    ("/api/who-serves/", {"lon": "3.72"}, "lat"),
    ("/api/who-serves/", {"lon": "3.72", "lat": "95"}, "lat"),
    ("/api/who-serves/", {"lon": "-181", "lat": "51"}, "lon"),
    ("/api/who-serves/", {"lon": "x", "lat": "51"}, "lon"),
    ("/api/who-serves/", {"lon": "3.72", "lat": "51.05", "address": "Kerkstraat 1"}, "address"),
    ("/api/who-serves/", {"lon": "3.72", "lat": "51.05", "category": "nope"}, "category"),
    ("/api/who-serves/", {"lon": "3.72", "lat": "51.05", "group": "municipality"}, "group"),
    ("/api/who-serves/", {"lon": "3.72", "lat": "51.05", "page": "50"}, "page"),
    ("/api/nearest/", {"lat": "51"}, "lon"),
    ("/api/nearest/", {"lon": "3.72", "lat": "51.05", "n": "0"}, "n"),
    ("/api/nearest/", {"lon": "3.72", "lat": "51.05", "n": "1000"}, "n"),
    ("/api/nearest/", {"lon": "3.72", "lat": "51.05", "max_distance": "1000000"}, "max_distance"),
    ("/api/nearest/", {"lon": "3.72", "lat": "51.05", "category": "nope"}, "category"),
    ("/api/autocomplete/what/", {}, "q"),
    ("/api/autocomplete/where/", {"q": "Gent", "limit": "500"}, "limit"),
    ("/api/geojson/locations/", {"bbox": "1,2,3"}, "bbox"),
    ("/api/geojson/locations/", {"limit": "0"}, "limit"),
    ("/api/geojson/service-areas/", {"lon": "3.7"}, "lat"),
    ("/api/geojson/service-areas/", {"simplify": "-1"}, "simplify"),
    ("/api/categories/", {"depth": "2"}, "depth"),
]


@pytest.mark.parametrize(("url", "params", "parameter"), BAD, ids=[f"{u} {p}" for u, p, _ in BAD])
def test_it_answers_400_naming_the_parameter(db: None, api: APIClient, url: str, params: dict, parameter: str) -> None:
    response = api.get(url, params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert parameter in body, body
    assert all(isinstance(message, str) and message for message in body[parameter])


def test_an_unknown_organisation_is_a_404(db: None, api: APIClient) -> None:
    assert api.get("/api/organisations/999999999/").status_code == 404


def test_an_unknown_address_is_a_400_on_address(db: None, api: APIClient) -> None:
    # the local register answers without any online provider (none is configured in tests)
    response = api.get("/api/who-serves/", {"address": "Onbestaandestraat 99999, 1234 Nergenshuizen"})
    assert response.status_code == 400, response.content
    assert "address" in response.json()
