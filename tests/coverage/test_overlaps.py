"""The stored (service area, unit) overlaps: right against direct PostGIS, reused, recomputed when a unit changes."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import MultiPolygon
from django.db import connection

from geo.areas.models import Neighbourhood
from geo.coverage.models import AreaUnitOverlap
from geo.coverage.selectors import coverage_compute
from tests.coverage.test_address_distances import justice_in_gent_wijken

pytestmark = pytest.mark.django_db

GENT = "44021"


def direct_overlap(service_area_id: int, unit_id: int) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_Area(ST_Intersection(n.geom, sa.geom)) FROM areas_neighbourhood n, areas_servicearea sa"
            " WHERE n.id = %s AND sa.id = %s",
            [unit_id, service_area_id],
        )
        return float(cursor.fetchone()[0])


def test_overlaps_are_stored_once_and_match_a_direct_intersection() -> None:
    first = coverage_compute(justice_in_gent_wijken())
    stored = list(AreaUnitOverlap.objects.filter(level="neighbourhood", overlap_m2__gt=0))
    assert len(stored) > 25  # every wijk lies in several courts' areas (canton, district, …)
    for overlap in stored[:40]:
        assert overlap.overlap_m2 == pytest.approx(direct_overlap(overlap.service_area_id, overlap.unit_id), abs=1.0)
        partial = overlap.overlap_m2 < 0.9999 * overlap.unit_area
        assert (overlap.piece is not None) == partial  # the piece is kept only where the union needs it
    count = AreaUnitOverlap.objects.count()
    assert coverage_compute(justice_in_gent_wijken()) == first  # the second computation reuses them
    assert AreaUnitOverlap.objects.count() == count
    # every Gent wijk lies in a Gent canton: covered whole, by the same courts as the direct intersection says
    assert all(unit["covered_share"] == 1.0 for unit in first)


def test_a_changed_unit_boundary_is_recomputed() -> None:
    coverage_compute(justice_in_gent_wijken())
    wijk = Neighbourhood.objects.filter(municipality__code=GENT).order_by("code").first()
    assert wijk is not None
    before = {o.service_area_id: o.overlap_m2 for o in AreaUnitOverlap.objects.filter(unit_id=wijk.pk)}
    shrunk = wijk.geom.buffer(-100)  # as if the geography was re-imported with another boundary
    Neighbourhood.objects.filter(pk=wijk.pk).update(
        geom=MultiPolygon(shrunk) if shrunk.geom_type == "Polygon" else shrunk
    )
    coverage_compute(justice_in_gent_wijken())
    after = {
        o.service_area_id: o.overlap_m2
        for o in AreaUnitOverlap.objects.filter(unit_id=wijk.pk)
        if abs(o.unit_area - shrunk.area) < 1  # rows of the old boundary are never read again
    }
    assert after
    assert set(after) <= set(before)
    assert all(after[area] < before[area] for area in after if before[area] > 0)
    for area, overlap in after.items():
        assert overlap == pytest.approx(direct_overlap(area, wijk.pk), abs=1.0)
