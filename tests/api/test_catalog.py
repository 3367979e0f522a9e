"""Category tree, autocomplete, GeoJSON, OpenAPI docs and HTTP caching."""

from __future__ import annotations

from rest_framework.test import APIClient

from geo.directory.models import Category, Organisation
from geo.directory.search import SearchCriteria, organisations_search
from tests.api.conftest import PHARMACY_KEYWORD, PREFIX, World


def test_category_tree_counts_match_a_direct_query(world: World, api: APIClient) -> None:
    tree = api.get("/api/categories/").json()
    justice = next(node for node in tree if node["code"] == "justitie")
    courts = next(child for child in justice["children"] if child["code"] == "justitie.vredegerechten")
    expected = organisations_search(SearchCriteria(categories=[Category.objects.get(code="justitie")])).count()
    assert justice["count"] == expected
    expected_courts = (
        Organisation.objects.filter(status="published", categories__code="justitie.vredegerechten").distinct().count()
    )
    assert courts["count"] == expected_courts >= 5
    assert all(child["path"].startswith("justitie/") for child in justice["children"])


def test_autocomplete_what_and_where(world: World, api: APIClient) -> None:
    what = api.get("/api/autocomplete/what/", {"q": "vredeg"}).json()
    assert "justitie.vredegerechten" in {c["value"] for c in what["categories"]}
    assert any(
        o["label"].startswith(f"{PREFIX}Vredegerecht") or "Vredegerecht" in o["label"] for o in what["organisations"]
    )
    keywords = api.get("/api/autocomplete/what/", {"q": "bewind"}).json()["keywords"]
    assert "bewindvoering" in {k["label"] for k in keywords}
    where = api.get("/api/autocomplete/where/", {"q": "Ledeb"}).json()
    assert {"value": "44021G", "label": "Ledeberg", "kind": "submunicipality"} in where["places"]
    postcodes = api.get("/api/autocomplete/where/", {"q": "905"}).json()["places"]
    assert {p["value"] for p in postcodes} >= {"9050", "9051", "9052"}


def test_locations_geojson_is_wgs84_with_seven_decimals(world: World, api: APIClient) -> None:
    body = api.get(
        "/api/geojson/locations/", {"bbox": "3.65,51.00,3.80,51.10", "category": "gezondheid.apotheken"}
    ).json()
    assert body["type"] == "FeatureCollection"
    ours = {f["properties"]["organisation_id"]: f for f in body["features"]}
    for organisation, row in zip(world.pharmacies, world.pharmacy_rows, strict=True):
        lon, lat = float(row["longitude"]), float(row["latitude"])
        if not (3.65 <= lon <= 3.80 and 51.00 <= lat <= 51.10):
            assert organisation.pk not in ours
            continue
        x, y = ours[organisation.pk]["geometry"]["coordinates"]
        assert abs(x - lon) < 1e-6 and abs(y - lat) < 1e-6
        assert len(str(x).split(".")[1]) <= 7


def test_service_areas_geojson_for_a_point(world: World, api: APIClient) -> None:
    body = api.get("/api/geojson/service-areas/", {"lon": 3.7317, "lat": 51.0345, "category": "justitie"}).json()
    names = {o["name"] for f in body["features"] for o in f["properties"]["organisations"]}
    assert f"{PREFIX}Vredegerecht Gent 5" in names
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in body["features"])


def test_openapi_schema_and_local_docs(world: World, api: APIClient) -> None:
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/organisations/", "/api/who-serves/", "/api/nearest/", "/api/categories/"):
        assert path in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/organisations/"]["get"]["parameters"]}
    assert {"q", "where", "category", "keyword", "keyword_op", "bbox", "near", "radius", "sort", "page"} <= parameters
    docs = api.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "/static/drf_spectacular_sidecar/" in docs


def test_etag_gives_a_304_until_the_data_changes(world: World, api: APIClient) -> None:
    url = f"/api/organisations/{world.courts['gent-1'].pk}/"
    first = api.get(url)
    assert first["ETag"] and "Last-Modified" in first
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    court = world.courts["gent-1"]
    court.keywords.add(*Organisation.objects.get(pk=world.courts["gent-5"].pk).keywords.all())
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    search = api.get("/api/organisations/", {"keyword": PHARMACY_KEYWORD})
    assert (
        api.get("/api/organisations/", {"keyword": PHARMACY_KEYWORD}, HTTP_IF_NONE_MATCH=search["ETag"]).status_code
        == 304
    )


def test_autocomplete_treats_wildcards_as_text(world: World, api: APIClient) -> None:
    assert api.get("/api/autocomplete/what/", {"q": "%"}).json()["organisations"] == []
    assert api.get("/api/autocomplete/what/", {"q": "_"}).json()["organisations"] == []
