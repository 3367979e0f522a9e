"""The planning API as a planner's script or the planning page uses it."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

GENT_PHARMACIES = "/api/planning/coverage/?rubric=gezondheid.apotheken&level=neighbourhood&municipality=44021"


def test_it_answers_geojson_per_wijk_with_figures_and_a_labelled_population(client: Client) -> None:
    body = client.get(GENT_PHARMACIES + "&threshold=1000").json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 25
    feature = body["features"][0]
    assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    properties = feature["properties"]
    # Gent's wijken have no population of their own in the demo: spread from the municipality, and said so
    assert properties["population_source"] == "area_weighted_municipality"
    assert "geschat" in properties["population_source_label"]
    assert properties["beyond_threshold"] == (properties["distance_m"] > 1000)
    summary = body["summary"]
    assert summary["population_estimated"] is True and summary["threshold_m"] == 1000
    assert [row["threshold_m"] for row in summary["beyond"]] == [1000, 2000, 5000]
    assert any("Statbel" in text for text in body["attribution"])


def test_a_what_if_point_changes_the_figures(client: Client) -> None:
    before = client.get(GENT_PHARMACIES).json()
    worst = max(before["features"], key=lambda f: f["properties"]["distance_m"])
    lon, lat = worst["properties"]["point"]
    after = client.get(GENT_PHARMACIES + f"&add={lon},{lat}").json()
    changed = next(f for f in after["features"] if f["id"] == worst["id"])
    assert changed["properties"]["distance_m"] < 1 < worst["properties"]["distance_m"]
    assert after["summary"]["distance_mean_m"] < before["summary"]["distance_mean_m"]
    assert after["query"]["what_if"] is True and after["cached"] is False


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("rubric=bestaat-niet", "rubric"),
        ("rubric=gezondheid&level=provincie", "level"),
        ("rubric=gezondheid&threshold=veel", "threshold"),
        ("rubric=gezondheid&add=3.7,51.05;200,10", "add"),
        ("rubric=gezondheid&remove=1,twee", "remove"),
        ("rubric=gezondheid&municipality=99999", "municipality"),
        ("rubric=gezondheid&keyword=geen-trefwoord", "keyword"),
        ("level=municipality", "rubric"),
    ],
)
def test_a_bad_parameter_answers_400_naming_it(client: Client, query: str, parameter: str) -> None:
    response = client.get(f"/api/planning/coverage/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def test_csv_and_xlsx_exports_carry_one_row_per_unit(client: Client) -> None:
    query = "rubric=gezondheid.apotheken&level=neighbourhood&municipality=44021"
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/planning/coverage.csv?{query}").content.decode())))
    assert len(rows) == 25 and rows[0]["population_source"] == "area_weighted_municipality"
    workbook = load_workbook(io.BytesIO(client.get(f"/api/planning/coverage.xlsx?{query}").content))
    sheet = workbook["dekking"]
    assert sheet.max_row == 26 and [cell.value for cell in sheet[1]][:2] == ["code", "name"]
    assert workbook["bronnen"].max_row >= 1


def test_it_is_staff_only_when_the_setting_says_so(client: Client, settings: object, admin_user: object) -> None:
    settings.PLANNING_PUBLIC = False  # type: ignore[attr-defined]
    assert client.get(GENT_PHARMACIES).status_code == 403
    client.force_login(admin_user)  # type: ignore[arg-type]
    assert client.get(GENT_PHARMACIES).status_code == 200


def test_the_endpoints_are_in_the_openapi_schema(client: Client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/planning/coverage/" in schema["paths"]
    names = {p["name"] for p in schema["paths"]["/api/planning/coverage/"]["get"]["parameters"]}
    assert {"rubric", "level", "threshold", "add", "remove"} <= names
