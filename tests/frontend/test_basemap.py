"""The offline base map: vector tiles of our own boundaries and names, checked against the real source files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import mapbox_vector_tile
import pytest
from django.test import Client

from geo.areas.models import Municipality
from importers.base import shared_data_path
from tests.gis.helpers import tile_for

pytestmark = pytest.mark.django_db

GENT = "44021"


def source_names(filename: str) -> set[str]:
    """Names in a source file of the city of Gent, without the " (Gent)" suffix the file adds."""
    data = json.loads(shared_data_path("boundaries", filename).read_text(encoding="utf-8"))
    return {feature["properties"]["naam"].removesuffix(" (Gent)") for feature in data["features"]}


def tiles_over(municipality_code: str, z: int) -> Iterator[tuple[int, int, int]]:
    geom = Municipality.objects.get(code=municipality_code).geom
    assert geom is not None
    min_lon, min_lat, max_lon, max_lat = geom.transform(4326, clone=True).extent
    x0, y0 = tile_for(min_lon, max_lat, z)
    x1, y1 = tile_for(max_lon, min_lat, z)
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            yield z, x, y


def decoded(client: Client, z: int, x: int, y: int) -> dict[str, Any]:
    response = client.get(f"/basemap/{z}/{x}/{y}.pbf")
    assert response.status_code in (200, 204), response.content
    return dict(mapbox_vector_tile.decode(response.content)) if response.status_code == 200 else {}


def names_in(client: Client, layer: str, tiles: Iterator[tuple[int, int, int]], municipality: str) -> set[str]:
    names = set()
    for tile in tiles:
        for feature in decoded(client, *tile).get(layer, {}).get("features", []):
            if feature["properties"]["code"].startswith(municipality):
                names.add(feature["properties"]["name"])
    return names


def test_it_labels_every_deelgemeente_of_gent_once_zoomed_in(client: Client) -> None:
    expected = source_names("gent_deelgemeenten_2025.geojson")
    assert {"Ledeberg", "Gent (Dg.)"} <= expected and len(expected) == 14
    assert names_in(client, "submunicipality_label", tiles_over(GENT, 11), GENT) == expected


def test_it_labels_the_25_wijken_of_gent_at_street_level(client: Client) -> None:
    expected = source_names("gent_wijken_2025.geojson")
    assert len(expected) == 25
    assert names_in(client, "neighbourhood_label", tiles_over(GENT, 13), GENT) == expected


def test_boundaries_come_in_layers_by_zoom(client: Client) -> None:
    wide = decoded(client, 8, *tile_for(3.72, 51.05, 8))
    assert {"province", "municipality", "municipality_label"} <= set(wide)
    assert "neighbourhood" not in wide and "submunicipality" not in wide
    gent_label = [f for f in wide["municipality_label"]["features"] if f["properties"]["code"] == GENT]
    assert [f["properties"]["name"] for f in gent_label] == ["Gent"]
    close = decoded(client, 14, *tile_for(3.72, 51.05, 14))
    assert {"municipality", "submunicipality", "neighbourhood"} <= set(close)
    assert "province" not in close


def test_tiles_outside_belgium_or_below_the_minimum_zoom_are_empty(client: Client) -> None:
    assert client.get("/basemap/8/127/95.pbf").status_code == 204  # Spain
    assert client.get("/basemap/0/0/0.pbf").status_code == 204
    assert client.get("/basemap/4/8/5.pbf").status_code == 204


@pytest.mark.parametrize(
    ("path", "field"), [("/basemap/23/0/0.pbf", "z"), ("/basemap/3/8/1.pbf", "x"), ("/basemap/5/1/40.pbf", "y")]
)
def test_a_tile_address_outside_the_pyramid_is_a_400_naming_the_part(client: Client, path: str, field: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_an_unchanged_tile_is_revalidated_with_its_etag(client: Client) -> None:
    path = "/basemap/12/{}/{}.pbf".format(*tile_for(3.72, 51.05, 12))
    first = client.get(path)
    assert first.status_code == 200 and "max-age" in first["Cache-Control"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_style_draws_every_tile_layer_and_credits_the_boundary_sources(client: Client) -> None:
    style = client.get("/basemap/style.json").json()
    source = style["sources"]["basemap"]
    assert source["tiles"] == ["http://testserver/basemap/{z}/{x}/{y}.pbf"]
    assert "Statbel" in source["attribution"]
    assert "Wijken voor omgevingsanalyse" in source["attribution"]
    tile = decoded(client, 14, *tile_for(3.72, 51.05, 14))
    drawn = {layer.get("source-layer") for layer in style["layers"]} - {None}
    assert drawn >= set(tile) - {"province"}
    assert "glyphs" not in style  # names are drawn with the browser's fonts: no font server needed
