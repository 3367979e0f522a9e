"""Facet counts of a search result, for refining within it.

municipality: the municipalities where the found organisations have a location (organisations without a
located vestiging are counted under code None); refine with `municipality=<code>`.
category: every rubric with the number of found organisations in it or in one of its sub-rubrics, through
their own categories or their services'; refine with `category=<code>`. An organisation counts once per rubric.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from geo.directory.models import Category, Organisation
from geo.sql import named_sql


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

# (organisation, category) pairs of the found organisations, through their own categories and their
# published services'. The roll-up to the ancestors happens in Python on the (small, cached) category tree:
# a LIKE-join on paths per pair costs more than the whole query.
_CATEGORY_SQL = """
WITH found AS ({found})
SELECT oc.organisation_id, oc.category_id
FROM found f JOIN directory_organisation_categories oc ON oc.organisation_id = f.id
UNION
SELECT s.organisation_id, sc.category_id
FROM found f JOIN directory_service s ON s.organisation_id = f.id AND s.status = 'published'
JOIN directory_service_categories sc ON sc.service_id = s.id
"""


def _run(sql: str, queryset: QuerySet[Organisation, Any]) -> list[tuple[Any, ...]]:
    found_sql, params = named_sql(queryset.order_by().values("id"), "f")  # also when nothing can match
    with connection.cursor() as cursor:
        cursor.execute(sql.format(found=found_sql), params)
        return cursor.fetchall()


def municipality_facets(queryset: QuerySet[Organisation, Any]) -> list[FacetCount]:
    return [
        FacetCount(code=code, name=name or "", count=count) for code, name, count in _run(_MUNICIPALITY_SQL, queryset)
    ]


def category_facets(queryset: QuerySet[Organisation, Any]) -> list[FacetCount]:
    tree = {row["id"]: row for row in Category.objects.values("id", "code", "name", "path")}
    by_path = {row["path"]: row for row in tree.values()}
    members: dict[str, set[int]] = defaultdict(set)
    for organisation_id, category_id in _run(_CATEGORY_SQL, queryset):
        path = tree[category_id]["path"]
        parts = path.split("/")
        for depth in range(len(parts)):  # the category and each of its ancestors
            members["/".join(parts[: depth + 1])].add(organisation_id)
    return [
        FacetCount(code=by_path[path]["code"], name=by_path[path]["name"], path=path, count=len(ids))
        for path, ids in sorted(members.items())
    ]
