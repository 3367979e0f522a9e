"""Coverage on the demo's real geometry, checked against the real source tables and direct PostGIS queries."""

from __future__ import annotations

import csv

import pytest
from django.db import connection

from geo.areas.models import Municipality
from geo.coverage.cache import coverage_cached
from geo.coverage.selectors import CoverageQuery, WhatIf, coverage_compute, coverage_summary
from geo.coverage.units import Level
from geo.directory.models import Category, Keyword, Location, Organisation
from importers.base import shared_data_path

pytestmark = pytest.mark.django_db

GENT = "44021"
GENT_WOONMAATSCHAPPIJ = "11"  # municipality_to_woonmaatschappij.csv: Gent (44021) belongs to area 11


def woonmaatschappij_members(code: str) -> set[str]:
    path = shared_data_path("service_areas", "municipality_to_woonmaatschappij.csv")
    with path.open(encoding="utf-8") as handle:
        return {row["gemeente"] for row in csv.DictReader(handle) if row["woonmaatschappij"] == code}


def only_gents_woonmaatschappij() -> CoverageQuery:
    """Sociale huisvesting narrowed by a keyword that only Gent's woonmaatschappij carries."""
    body = Organisation.objects.get(external_id=f"body:woonmaatschappij:{GENT_WOONMAATSCHAPPIJ}")
    keyword = Keyword.objects.create(name="planningtest", slug="planningtest")
    body.keywords.add(keyword)
    return CoverageQuery(
        category=Category.objects.get(code="huisvesting.sociaal"), level=Level.MUNICIPALITY, keywords=(keyword,)
    )


def test_it_covers_exactly_the_municipalities_of_the_one_body() -> None:
    units = coverage_compute(only_gents_woonmaatschappij())
    members = woonmaatschappij_members(GENT_WOONMAATSCHAPPIJ)
    assert GENT in members
    covered = {unit["code"] for unit in units if unit["covered_share"] > 0}
    assert covered == members
    assert all(unit["covered_share"] == 1.0 and unit["organisations"] == 1 for unit in units if unit["code"] in members)
    assert all(unit["organisations"] == 0 for unit in units if unit["code"] not in members)


def test_it_counts_the_other_municipalities_population_as_uncovered() -> None:
    units = coverage_compute(only_gents_woonmaatschappij())
    summary = coverage_summary(units, threshold_m=2000)
    members = woonmaatschappij_members(GENT_WOONMAATSCHAPPIJ)
    flemish = Municipality.objects.exclude(geom=None)
    others = sum(m.population or 0 for m in flemish.exclude(code__in=members))
    assert summary["population_uncovered"] == others
    assert summary["population_covered"] == sum(m.population or 0 for m in flemish.filter(code__in=members))


def pharmacies_in_gent_wijken() -> CoverageQuery:
    return CoverageQuery(
        category=Category.objects.get(code="gezondheid.apotheken"),
        level=Level.NEIGHBOURHOOD,
        municipality=Municipality.objects.get(code=GENT),
    )


def direct_distances() -> dict[str, float]:
    """Brute force, no index: distance from each Gent wijk's ST_PointOnSurface to the nearest pharmacy."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT n.code, min(ST_Distance(ST_PointOnSurface(n.geom), l.point))
            FROM areas_neighbourhood n
            JOIN areas_municipality m ON m.id = n.municipality_id AND m.code = %s
            CROSS JOIN directory_location l
            JOIN directory_organisation o ON o.id = l.organisation_id AND o.status = 'published'
            WHERE l.point IS NOT NULL AND l.status <> 'archived' AND EXISTS (
                SELECT 1 FROM directory_organisation_categories oc JOIN directory_category c ON c.id = oc.category_id
                WHERE oc.organisation_id = o.id AND c.path LIKE 'gezondheid/gezondheid.apotheken%%')
            GROUP BY n.code
            """,
            [GENT],
        )
        return dict(cursor.fetchall())


def test_distances_match_a_direct_postgis_query_within_a_metre() -> None:
    units = coverage_compute(pharmacies_in_gent_wijken())
    expected = direct_distances()
    assert len(units) == 25 and set(expected) == {unit["code"] for unit in units}
    for unit in units:
        assert unit["distance_m"] == pytest.approx(expected[unit["code"]], abs=1.0)
    summary = coverage_summary(units, threshold_m=1000)
    assert summary["distance_median_m"] == pytest.approx(sorted(expected.values())[12], abs=1.0)


def test_a_what_if_point_in_an_uncovered_municipality_covers_it_and_shortens_its_distance() -> None:
    query = CoverageQuery(category=Category.objects.get(code="gezondheid.apotheken"), level=Level.MUNICIPALITY)
    before = {unit["code"]: unit for unit in coverage_compute(query)}
    # pharmacies are only in and around Gent: Antwerpen (11002) has none of the demo's
    antwerpen = before["11002"]
    assert antwerpen["covered_share"] == 0 and antwerpen["distance_m"] > 1000
    with connection.cursor() as cursor:  # a point 300 m east of the unit's representative point, inside it
        cursor.execute(
            """SELECT ST_X(p), ST_Y(p), ST_Distance(ST_Transform(p, 31370), ST_PointOnSurface(m.geom))
               FROM areas_municipality m, LATERAL (SELECT ST_Transform(ST_Translate(ST_PointOnSurface(m.geom), 300, 0),
               4326) AS p) x WHERE m.code = %s AND ST_Intersects(m.geom, ST_Transform(p, 31370))""",
            [antwerpen["code"]],
        )
        lon, lat, expected_distance = cursor.fetchone()
    after = {unit["code"]: unit for unit in coverage_compute(query, WhatIf(added_points=((lon, lat),)))}
    changed = after[antwerpen["code"]]
    assert changed["distance_m"] == pytest.approx(expected_distance, abs=1.0)
    assert changed["covered_share"] == 1.0 and changed["population_uncovered"] == 0
    gained = antwerpen["population_uncovered"]
    assert coverage_summary(list(after.values()), threshold_m=2000)["population_uncovered"] == (
        coverage_summary(list(before.values()), threshold_m=2000)["population_uncovered"] - gained
    )
    assert Location.objects.filter(organisation__categories__code="gezondheid.apotheken").count() == 212


def test_removing_the_nearest_location_lengthens_the_distance_to_the_next_one() -> None:
    query = pharmacies_in_gent_wijken()
    unit = coverage_compute(query)[0]
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT l.id FROM directory_location l, areas_neighbourhood n WHERE n.code = %s
               AND l.organisation_id IN (SELECT oc.organisation_id FROM directory_organisation_categories oc
               JOIN directory_category c ON c.id = oc.category_id WHERE c.code = 'gezondheid.apotheken')
               ORDER BY l.point <-> ST_PointOnSurface(n.geom) LIMIT 2""",
            [unit["code"]],
        )
        nearest, _ = (row[0] for row in cursor.fetchall())
    after = coverage_compute(query, WhatIf(removed_location_ids=(nearest,)))[0]
    assert after["distance_m"] > unit["distance_m"]


def test_the_cache_answers_until_the_directory_changes() -> None:
    query = only_gents_woonmaatschappij()
    first, cached = coverage_cached(query)
    assert not cached
    second, cached = coverage_cached(query)
    assert cached and second == first
    # an edit: a second woonmaatschappij gets the keyword, so its municipalities become covered
    other = Organisation.objects.get(external_id="body:woonmaatschappij:1")
    other.keywords.add(*query.keywords)
    third, cached = coverage_cached(query)
    assert not cached
    covered = {unit["code"] for unit in third if unit["covered_share"] > 0}
    assert covered == woonmaatschappij_members(GENT_WOONMAATSCHAPPIJ) | woonmaatschappij_members("1")
