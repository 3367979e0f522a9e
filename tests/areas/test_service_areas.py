"""Service areas: one row per distinct area, a subdivided copy for point-in-polygon, never invalid."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point, Polygon
from django.db import connection

from geo.areas.models import Municipality, Province, ServiceArea, ServiceAreaPart, SubMunicipality
from geo.areas.services import (
    SUBDIVIDE_MAX_VERTICES,
    ServiceAreaError,
    service_area_from_geometry,
    service_area_from_units,
)

pytestmark = pytest.mark.django_db

# Ledeberg town hall square and a point in Merelbeke-Melle, in WGS84.
LEDEBERG = Point(3.7438, 51.0377, srid=4326)
MERELBEKE = Point(3.7465, 50.9945, srid=4326)


def _municipalities(*codes: str) -> list[Municipality]:
    return list(Municipality.objects.filter(code__in=codes))


def test_the_same_set_of_municipalities_is_stored_once() -> None:
    first, created = service_area_from_units(units=_municipalities("44021", "44088"))
    again, created_again = service_area_from_units(units=list(reversed(_municipalities("44021", "44088"))))
    assert created and not created_again
    assert again.pk == first.pk
    assert ServiceArea.objects.filter(signature=first.signature).count() == 1
    assert set(first.municipalities.values_list("code", flat=True)) == {"44021", "44088"}


def test_a_union_of_municipalities_covers_exactly_their_area() -> None:
    gent, merelbeke = (Municipality.objects.get(code=c) for c in ("44021", "44088"))
    area, _ = service_area_from_units(units=[gent, merelbeke])
    assert area.geom.valid
    assert area.area_m2 == pytest.approx(gent.geom.area + merelbeke.geom.area, rel=1e-6)
    # The shared border is dissolved: one polygon, not two touching ones.
    assert area.geom.num_geom == gent.geom.union(merelbeke.geom).num_geom


def test_the_same_drawn_polygon_is_stored_once_even_in_another_crs() -> None:
    ledeberg = SubMunicipality.objects.get(code="44021G")
    area, created = service_area_from_geometry(geom=ledeberg.geom, name="Ledeberg getekend")
    same, created_again = service_area_from_geometry(geom=ledeberg.geom.clone(), name="nog eens")
    assert created and not created_again and same.pk == area.pk


def test_large_areas_are_subdivided_and_the_pieces_cover_the_whole() -> None:
    province = Province.objects.get(code="40000")
    area, _ = service_area_from_units(units=[province])
    parts = ServiceAreaPart.objects.filter(service_area=area)
    assert parts.count() > 10
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT max(ST_NPoints(geom)), sum(ST_Area(geom)) FROM areas_serviceareapart WHERE service_area_id = %s",
            [area.pk],
        )
        max_points, total_area = cursor.fetchone()
    assert max_points <= SUBDIVIDE_MAX_VERTICES
    assert total_area == pytest.approx(area.geom.area, rel=1e-6)


def test_point_in_polygon_on_the_parts_gives_the_same_answer_as_on_the_whole() -> None:
    area, _ = service_area_from_units(units=_municipalities("44021"))
    for point, inside in ((LEDEBERG, True), (MERELBEKE, False)):
        local = point.transform(31370, clone=True)
        assert ServiceAreaPart.objects.filter(service_area=area, geom__intersects=local).exists() is inside
        assert area.geom.intersects(local) is inside


def test_an_invalid_polygon_is_repaired_before_it_is_stored() -> None:
    # A bow-tie (self-intersecting ring) around Ledeberg, in Lambert 72.
    bowtie = Polygon(
        ((105000, 192000), (106000, 193000), (106000, 192000), (105000, 193000), (105000, 192000)), srid=31370
    )
    assert not bowtie.valid
    area, _ = service_area_from_geometry(geom=bowtie, name="vlinder")
    area.refresh_from_db()
    assert area.geom.valid
    assert area.geom.area == pytest.approx(500_000, rel=1e-6)  # two triangles of 250,000 m²


def test_a_geometry_without_area_is_refused() -> None:
    line = GEOSGeometry("SRID=31370;LINESTRING(105000 192000, 106000 193000)")
    with pytest.raises(ValueError):
        service_area_from_geometry(geom=line, name="lijn")


def test_a_unit_without_boundary_is_refused_with_its_code() -> None:
    namur = Municipality.objects.get(code="92094")  # Wallonia: no boundary in the demo data
    with pytest.raises(ServiceAreaError, match="92094"):
        service_area_from_units(units=[namur])


def test_the_database_refuses_an_invalid_geometry() -> None:
    from django.db import IntegrityError, transaction

    bowtie = GEOSGeometry("SRID=31370;MULTIPOLYGON(((0 0,1 1,1 0,0 1,0 0)))")
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceArea.objects.create(name="x", kind="drawn", signature="geom:test", geom=bowtie)
