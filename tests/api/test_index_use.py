"""The spatial and text filters are written so PostgreSQL can answer them from their indexes.

The test tables are small, so the planner would rightly prefer a sequential scan; with seq scans switched
off it must still find an index path, which a non-sargable filter (ST_Distance <= d, NOT ST_Disjoint, a
distance in degrees) would not have. bench/api.py prints the plans on the 35,000-organisation set.
"""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import World


def plans_of(url: str, *, without_sort: bool = False) -> str:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        if without_sort:
            # On a few dozen rows "fetch by organisation, then sort" costs about what the KNN walk does and
            # the planner's choice follows the table statistics; forbidding the sort asks whether a
            # nearest-first index path exists at all, which is the property the big data set relies on.
            cursor.execute("SET LOCAL enable_sort = off")
        for query in captured.captured_queries:
            if query["sql"].lstrip().startswith(("SELECT", "WITH")):
                cursor.execute("EXPLAIN " + query["sql"])
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return "\n\n".join(plans)


def test_who_serves_uses_the_gist_index_of_the_subdivided_areas(world: World) -> None:
    plans = plans_of("/api/who-serves/?lon=3.7317&lat=51.0345")
    assert "servicearea_part_geom_gist" in plans
    # the organisations of the covering areas come from an index on effective_area_id (on the 35,000 set an
    # index-only scan of organisation_serving_cover, see bench/api.py --explain; which index a near-empty
    # test table gets depends on its fresh statistics), not from a filter over every organisation
    assert "Index Cond: (effective_area_id = ANY" in plans


def test_nearest_walks_the_location_gist_index_nearest_first(world: World) -> None:
    plans = plans_of("/api/nearest/?lon=3.72&lat=51.05&n=10", without_sort=True)
    assert "location_point_gist" in plans
    assert "Order By: (point <->" in plans


def test_text_search_uses_the_gin_indexes(world: World) -> None:
    plans = plans_of("/api/organisations/?q=vredegerect")
    assert "directory_orgsearch_document_gin" in plans
    assert "directory_search_word_trgm" in plans or "directory_search_word_pkey" in plans


def test_where_uses_the_gist_index_of_the_subdivided_areas(world: World) -> None:
    assert "servicearea_part_geom_gist" in plans_of("/api/organisations/?where=Ledeberg")
