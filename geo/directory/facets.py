"""Facet counts of a search result, for refining within it.

municipality: the municipalities where the found organisations have a location (organisations without a
located vestiging are counted under code None); refine with `municipality=<code>`.
category: every rubric with the number of found organisations in it or in one of its sub-rubrics, through
their own categories or their services'; refine with `category=<code>`. An organisation counts once per rubric.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from geo.directory.models import Organisation


@dataclass(frozen=True)
class FacetCount:
    code: str | None
    name: str
    count: int
    path: str = ""


_MUNICIPALITY_SQL = """
WITH found AS ({found})
SELECT m.code, m.name_nl, count(DISTINCT f.id)
FROM found f
LEFT JOIN directory_location l ON l.organisation_id = f.id AND l.status <> 'archived'
LEFT JOIN areas_municipality m ON m.id = l.municipality_id
GROUP BY m.code, m.name_nl
ORDER BY count(DISTINCT f.id) DESC, m.name_nl NULLS LAST
"""

_CATEGORY_SQL = """
WITH found AS ({found}),
assigned AS (
    SELECT oc.organisation_id AS id, oc.category_id FROM directory_organisation_categories oc
    WHERE oc.organisation_id IN (SELECT id FROM found)
    UNION
    SELECT s.organisation_id, sc.category_id FROM directory_service_categories sc
    JOIN directory_service s ON s.id = sc.service_id
    WHERE s.organisation_id IN (SELECT id FROM found) AND s.status = 'published'
)
SELECT anc.code, anc.name, anc.path, count(DISTINCT a.id)
FROM assigned a
JOIN directory_category c ON c.id = a.category_id
JOIN directory_category anc ON anc.path = c.path OR c.path LIKE anc.path || '/%%'
GROUP BY anc.code, anc.name, anc.path
ORDER BY anc.path
"""


def _run(sql: str, queryset: QuerySet[Organisation]) -> list[tuple[Any, ...]]:
    found_sql, params = queryset.order_by().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql.format(found=found_sql), params)
        return cursor.fetchall()


def municipality_facets(queryset: QuerySet[Organisation]) -> list[FacetCount]:
    return [
        FacetCount(code=code, name=name or "", count=count) for code, name, count in _run(_MUNICIPALITY_SQL, queryset)
    ]


def category_facets(queryset: QuerySet[Organisation]) -> list[FacetCount]:
    return [
        FacetCount(code=code, name=name, path=path, count=count)
        for code, name, path, count in _run(_CATEGORY_SQL, queryset)
    ]
