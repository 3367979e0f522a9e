"""Distances per address point: only from a loaded BeST register, checked against a direct PostGIS query.

The register is a BeST file written from the agency's real Gent pharmacy addresses and points (the demo has
no real register of homes; SOURCES.md allows tests to write one in the BeST format from real addresses).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
from django.db import connection

from geo.areas.models import Municipality
from geo.coverage.selectors import (
    CoverageQuery,
    coverage_compute,
    coverage_summary,
    organisations_matching,
    share_beyond,
)
from geo.coverage.units import Level
from geo.directory.models import Category
from importers.base import shared_data_path
from tests.importers.test_addresses import best_row, run_best, write_best

pytestmark = pytest.mark.django_db

GENT = "44021"


def justice_in_gent_wijken() -> CoverageQuery:
    return CoverageQuery(
        category=Category.objects.get(code="justitie"),
        level=Level.NEIGHBOURHOOD,
        municipality=Municipality.objects.get(code=GENT),
    )


def load_register(tmp_path: Path) -> None:
    with shared_data_path("poi", "pharmacies_gent_afmps.json").open(encoding="utf-8") as handle:
        ids = [item["authorization_id"] for item in json.load(handle)]
    rows = []
    for authorization_id in ids:
        try:
            rows.append(best_row(authorization_id, srid=31370))
        except (ValueError, AttributeError, StopIteration):  # a textual address the parser cannot split
            continue
    assert len(rows) > 100
    run_best(write_best(tmp_path / "best.csv", rows))


def direct_distances(query: CoverageQuery) -> dict[str, list[float]]:
    """Per wijk: the distance from each current BeST address point in it to the nearest matching location."""
    organisations = list(organisations_matching(query).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT n.code, (SELECT min(ST_Distance(a.point, l.point)) FROM directory_location l
                            WHERE l.organisation_id = ANY(%s) AND l.point IS NOT NULL AND l.status <> 'archived')
            FROM areas_neighbourhood n
            JOIN areas_address a ON ST_Intersects(n.geom, a.point)
            JOIN areas_datasource s ON s.id = a.source_id AND s.code = 'best-address'
            WHERE a.status = 'current' AND n.municipality_id = (SELECT id FROM areas_municipality WHERE code = %s)
            """,
            [organisations, GENT],
        )
        found: dict[str, list[float]] = {}
        for code, distance in cursor.fetchall():
            found.setdefault(code, []).append(distance)
    return found


def test_without_a_register_no_address_figures_are_made_up() -> None:
    units = coverage_compute(justice_in_gent_wijken())
    assert all(unit["address_points"] == 0 and unit["address_distance_median_m"] is None for unit in units)
    assert coverage_summary(units, threshold_m=1000)["address_points"] == 0


def test_address_distances_match_a_direct_postgis_query(tmp_path: Path) -> None:
    load_register(tmp_path)
    query = justice_in_gent_wijken()
    units = {unit["code"]: unit for unit in coverage_compute(query)}
    expected = direct_distances(query)
    assert expected and set(expected) <= set(units)
    for code, unit in units.items():
        distances = expected.get(code, [])
        assert unit["address_points"] == unit["address_points_used"] == len(distances)
        if distances:
            assert unit["address_distance_mean_m"] == pytest.approx(statistics.fmean(distances), abs=1.0)
            assert unit["address_distance_median_m"] == pytest.approx(statistics.median(distances), abs=1.0)
            exact = sum(1 for d in distances if d > 1500) / len(distances)
            # quantiles every 5 %, interpolated between the points: within one step plus one address's share
            tolerance = 0.05 + 1 / max(1, len(distances) - 1)
            assert share_beyond(unit["address_distance_quantiles_m"], 1500) == pytest.approx(exact, abs=tolerance)
    summary = coverage_summary(list(units.values()), threshold_m=1500)
    assert summary["address_points"] == sum(len(d) for d in expected.values())
    beyond = next(row for row in summary["beyond"] if row["threshold_m"] == 1500)
    assert 0 <= beyond["population_by_address"] <= summary["address_units_population"]
