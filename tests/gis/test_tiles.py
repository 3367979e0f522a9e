"""Vector tiles decoded with mapbox-vector-tile and checked against a direct query of the same tile."""

from __future__ import annotations

from typing import Any

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import Point
from django.db.models import Q
from django.test import Client

from geo.directory.models import Location, TargetGroup
from tests.gis.conftest import MakeOrganisation, deelgemeente_point
from tests.gis.helpers import tile_for, tile_polygon_3857

pytestmark = pytest.mark.django_db

MVT_BUFFER = 64 / 4096  # the buffer ST_AsMVTGeom keeps around a tile


def wgs84(point: Point) -> Point:
    return point.transform(4326, clone=True)


def tile_at(point: Point, z: int) -> tuple[int, int, int]:
    lonlat = wgs84(point)
    return (z, *tile_for(lonlat.x, lonlat.y, z))


def decode(content: bytes) -> dict[str, Any]:
    return dict(mapbox_vector_tile.decode(content))


def expected_location_ids(z: int, x: int, y: int, *, category_path: str | None) -> set[int]:
    """The direct query: published locations of published organisations inside the (buffered) tile."""
    area = tile_polygon_3857(z, x, y, buffer=MVT_BUFFER).transform(31370, clone=True)
    locations = Location.objects.filter(status="published", organisation__status="published", point__intersects=area)
    if category_path:
        locations = locations.filter(
            Q(organisation__categories__path=category_path)
            | Q(organisation__categories__path__startswith=f"{category_path}/")
        )
    return set(locations.values_list("id", flat=True))


def test_a_known_tile_holds_exactly_the_locations_a_direct_query_finds(
    client: Client, make_organisation: MakeOrganisation
) -> None:
    pharmacy = make_organisation("Apotheek Ledeberg", category="gezondheid.apotheken")
    near = deelgemeente_point("Ledeberg")
    court = make_organisation(
        "Rechtshulp Ledeberg",
        category="justitie.juridisch-advies",
        at=None,
        point=Point(near.x + 40, near.y, srid=31370),
    )
    make_organisation("Apotheek Drongen", category="gezondheid.apotheken", at="Drongen")
    z, x, y = tile_at(near, 15)

    response = client.get(f"/tiles/gezondheid/{z}/{x}/{y}.pbf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    features = decode(response.content)["locations"]["features"]
    assert {f["id"] for f in features} == expected_location_ids(z, x, y, category_path="gezondheid")
    by_id = {f["id"]: f for f in features}
    pharmacy_location = pharmacy.locations.get()
    assert pharmacy_location.pk in by_id and court.locations.get().pk not in by_id
    properties = by_id[pharmacy_location.pk]["properties"]
    assert properties["name"] == "Testfixture Apotheek Ledeberg"
    assert properties["category"] == "Apotheken"
    assert properties["municipality"] == "Gent"
    assert properties["voorbeeld"] is False

    everything = decode(client.get(f"/tiles/all/{z}/{x}/{y}.pbf").content)["locations"]["features"]
    assert {f["id"] for f in everything} == expected_location_ids(z, x, y, category_path=None)
    assert court.locations.get().pk in {f["id"] for f in everything}


def test_the_point_is_drawn_where_the_location_is(client: Client, make_organisation: MakeOrganisation) -> None:
    location = make_organisation("Apotheek Gentbrugge", at="Gentbrugge").locations.get()
    z, x, y = tile_at(location.point, 16)
    features = decode(client.get(f"/tiles/gezondheid/{z}/{x}/{y}.pbf").content)["locations"]["features"]
    drawn = next(f for f in features if f["id"] == location.pk)["geometry"]["coordinates"]
    tile = tile_polygon_3857(z, x, y)
    mercator = location.point.transform(3857, clone=True)
    min_x, min_y, max_x, max_y = tile.extent
    # mapbox-vector-tile decodes with y pointing up, 0..4096 across the tile
    assert drawn[0] == pytest.approx((mercator.x - min_x) / (max_x - min_x) * 4096, abs=1)
    assert drawn[1] == pytest.approx((mercator.y - min_y) / (max_y - min_y) * 4096, abs=1)


def test_the_filter_parameter_shows_only_matching_locations(
    client: Client, make_organisation: MakeOrganisation
) -> None:
    near = deelgemeente_point("Ledeberg")
    with_keyword = make_organisation("Schuldhulp", keywords=("schulden",))
    without = make_organisation("Zonder trefwoord", at=None, point=Point(near.x + 30, near.y, srid=31370))
    z, x, y = tile_at(near, 15)

    ids = {
        f["id"]
        for f in decode(client.get(f"/tiles/all/{z}/{x}/{y}.pbf?keyword=schulden").content)["locations"]["features"]
    }
    assert with_keyword.locations.get().pk in ids
    assert without.locations.get().pk not in ids

    response = client.get(f"/tiles/all/{z}/{x}/{y}.pbf?keyword=bestaat-niet-xyz")
    assert response.status_code == 400
    assert "keyword" in response.json()


def test_the_target_group_filter(client: Client, make_organisation: MakeOrganisation) -> None:
    code = TargetGroup.objects.order_by("code").values_list("code", flat=True)[0]
    near = deelgemeente_point("Ledeberg")
    matching = make_organisation("Voor doelgroep", target_groups=(code,))
    other = make_organisation("Voor iedereen", at=None, point=Point(near.x + 30, near.y, srid=31370))
    z, x, y = tile_at(near, 15)
    content = client.get(f"/tiles/all/{z}/{x}/{y}.pbf?target_group={code}").content
    ids = {f["id"] for f in decode(content)["locations"]["features"]} if content else set()
    assert matching.locations.get().pk in ids and other.locations.get().pk not in ids
    assert "target_group" in client.get(f"/tiles/all/{z}/{x}/{y}.pbf?target_group=geen-doelgroep").json()


def test_an_empty_tile_is_204_and_tiles_carry_cache_headers(
    client: Client, make_organisation: MakeOrganisation
) -> None:
    x, y = tile_for(2.0, 53.5, 10)  # the North Sea
    empty = client.get(f"/tiles/all/10/{x}/{y}.pbf")
    assert empty.status_code == 204 and empty.content == b""

    z, x, y = tile_at(make_organisation("Cache").locations.get().point, 14)
    full = client.get(f"/tiles/all/{z}/{x}/{y}.pbf")
    assert full.status_code == 200
    assert "max-age=" in full["Cache-Control"] and "public" in full["Cache-Control"]
    again = client.get(f"/tiles/all/{z}/{x}/{y}.pbf", HTTP_IF_NONE_MATCH=full["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("path", "field"),
    [("/tiles/all/23/0/0.pbf", "z"), ("/tiles/all/3/8/0.pbf", "x"), ("/tiles/all/3/0/99.pbf", "y")],
)
def test_a_tile_outside_the_grid_is_a_400_naming_the_field(client: Client, layers: None, path: str, field: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert field in response.json()


def test_an_unknown_layer_is_a_404(client: Client, layers: None) -> None:
    assert client.get("/tiles/bestaat-niet/10/520/340.pbf").status_code == 404
    assert client.get("/tiles/bestaat-niet.json").status_code == 404


def test_synthetic_locations_are_labelled_in_tiles(client: Client, make_organisation: MakeOrganisation) -> None:
    location = make_organisation("Voorbeeld", is_synthetic=True, at="Sint-Denijs-Westrem").locations.get()
    z, x, y = tile_at(location.point, 16)
    features = decode(client.get(f"/tiles/all/{z}/{x}/{y}.pbf").content)["locations"]["features"]
    properties = next(f for f in features if f["id"] == location.pk)["properties"]
    assert properties["voorbeeld"] is True and properties["label"] == "voorbeeld"
