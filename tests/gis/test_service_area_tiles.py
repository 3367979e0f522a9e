"""Service-area tiles: one feature per distinct werkingsgebied, geometry generalised per zoom band in advance."""

from __future__ import annotations

import mapbox_vector_tile
import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test import Client

from geo.areas.models import Municipality, ServiceArea, SubMunicipality
from geo.areas.services import service_area_from_units
from geo.directory.models import Organisation
from layers.gis.services import service_area_generalised_refresh
from tests.gis.conftest import MakeOrganisation
from tests.gis.helpers import tile_for, tile_polygon_3857

pytestmark = pytest.mark.django_db


def served_areas(z: int, x: int, y: int, *, category_path: str) -> dict[int, int]:
    """Direct query: {area id: number of published organisations of the layer} for areas in the tile."""
    area = tile_polygon_3857(z, x, y, buffer=64 / 4096).transform(31370, clone=True)
    organisations = Organisation.objects.filter(status="published", effective_area__geom__intersects=area).filter(
        Q(categories__path=category_path) | Q(categories__path__startswith=f"{category_path}/")
    )
    rows = organisations.values("effective_area_id").annotate(n=Count("id", distinct=True))
    return {row["effective_area_id"]: row["n"] for row in rows}


def test_a_known_tile_holds_the_served_areas_a_direct_query_finds(
    client: Client, make_organisation: MakeOrganisation
) -> None:
    gent, _ = service_area_from_units(units=[Municipality.objects.get(code="44021")])
    ledeberg, _ = service_area_from_units(units=[SubMunicipality.objects.get(name_nl="Ledeberg")])
    make_organisation("Thuiszorg Gent A", category="thuiszorg.verpleging", at=None, service_area=gent)
    make_organisation("Thuiszorg Gent B", category="thuiszorg.gezinszorg", service_area=gent)
    make_organisation("Thuiszorg Ledeberg", category="thuiszorg.verpleging", at=None, service_area=ledeberg)
    make_organisation("Apotheek Gent", category="gezondheid.apotheken", at=None, service_area=gent)
    ledeberg_point = ledeberg.geom.point_on_surface.transform(4326, clone=True)
    x, y = tile_for(ledeberg_point.x, ledeberg_point.y, 12)

    response = client.get(f"/tiles/thuiszorg/service-areas/12/{x}/{y}.pbf")
    assert response.status_code == 200
    features = mapbox_vector_tile.decode(response.content)["service_areas"]["features"]
    drawn = {f["id"]: f["properties"]["organisations"] for f in features}
    assert drawn == served_areas(12, x, y, category_path="thuiszorg")
    assert drawn[gent.pk] >= 2 and drawn[ledeberg.pk] >= 1
    names = {f["id"]: f["properties"]["name"] for f in features}
    assert names[gent.pk] == gent.name


def test_low_zoom_tiles_draw_the_generalised_geometry(client: Client, make_organisation: MakeOrganisation) -> None:
    gent, _ = service_area_from_units(units=[Municipality.objects.get(code="44021")])
    make_organisation("Werkingsgebied Gent", category="thuiszorg.verpleging", at=None, service_area=gent)

    def generalised_vertices() -> dict[int, int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT band, ST_NPoints(geom) FROM layers_service_area_generalised WHERE service_area_id = %s "
                "ORDER BY band",
                [gent.pk],
            )
            return dict(cursor.fetchall())

    vertices = generalised_vertices()
    if not vertices:  # Gent's area is not in the demo yet: refresh (slow: every area of the demo)
        service_area_generalised_refresh()
        vertices = generalised_vertices()
    assert list(vertices) == [0, 1, 2, 3]
    assert vertices[0] < vertices[1] < vertices[2] <= vertices[3] <= gent.geom.num_points

    def drawn_vertices(z: int) -> int:
        point = gent.geom.point_on_surface.transform(4326, clone=True)
        x, y = tile_for(point.x, point.y, z)
        features = mapbox_vector_tile.decode(client.get(f"/tiles/thuiszorg/service-areas/{z}/{x}/{y}.pbf").content)
        polygon = next(f for f in features["service_areas"]["features"] if f["id"] == gent.pk)["geometry"]
        coordinates = polygon["coordinates"]
        rings = coordinates if polygon["type"] == "Polygon" else [r for p in coordinates for r in p]
        return sum(len(ring) for ring in rings)

    assert drawn_vertices(7) < drawn_vertices(11)


def test_an_area_made_after_the_refresh_is_still_drawn(client: Client, make_organisation: MakeOrganisation) -> None:
    # load_demo refreshed the generalised areas; this area is new since then.
    area, created = service_area_from_units(units=[SubMunicipality.objects.get(name_nl="Mariakerke")])
    make_organisation("Nieuw gebied", category="thuiszorg.verpleging", at=None, service_area=area)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM layers_service_area_generalised WHERE service_area_id = %s", [area.pk])
        assert cursor.fetchone()[0] == (0 if created else 4)
    point = area.geom.point_on_surface.transform(4326, clone=True)
    x, y = tile_for(point.x, point.y, 10)
    features = mapbox_vector_tile.decode(client.get(f"/tiles/thuiszorg/service-areas/10/{x}/{y}.pbf").content)
    assert area.pk in {f["id"] for f in features["service_areas"]["features"]}
    assert ServiceArea.objects.filter(pk=area.pk).exists()
