"""The coverage statement: one query per (rubric, unit level), figures per unit.

Why it is shaped this way: most service areas are unions of whole municipalities (bodies, and every
organisation without an explicit area, by the data model's rule), so "which municipalities does some
matching area contain whole" is a join on the area's unit relations, not geometry. Only areas that are not
made of whole municipalities (drawn polygons such as judicial cantons, areas with deelgemeenten) are cut
with ST_Intersection on their subdivided parts, found through the parts' GiST index (ST_Intersects).
The nearest matching location per unit is a KNN (`<->`) walk of the location index from the unit's
representative point (ST_PointOnSurface).
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from geo.coverage.units import UNIT_TABLES, Level
from geo.directory.models import Organisation
from geo.spatial import storage_srid

# A drawn area counts as serving a unit when it covers more than this share of it: boundaries from two
# sources (a canton polygon against a municipality) leave slivers that are no real service.
MIN_SERVED_SHARE = 0.001

# Distances per address point: at most this many address points per unit (a deterministic sample, so the
# cached answer is reproducible) keep a Flemish-wide computation on the full register within seconds; the
# distribution is kept as these quantiles (every 5 %), enough to read off the share beyond any threshold.
ADDRESS_SAMPLE = 400
ADDRESS_QUANTILES = [step / 20 for step in range(21)]

_SQL = """
WITH org(id) AS MATERIALIZED ({organisations}),
added AS MATERIALIZED (
    SELECT a.i AS idx, ST_Transform(ST_SetSRID(ST_MakePoint(a.lon, a.lat), 4326), {srid}) AS geom
    FROM unnest(%(added_lon)s::float8[], %(added_lat)s::float8[]) WITH ORDINALITY AS a(lon, lat, i)
),
affected AS MATERIALIZED (  -- organisations served by their locations that lose one in the what-if
    SELECT DISTINCT l.organisation_id AS id
    FROM directory_location l JOIN directory_organisation o ON o.id = l.organisation_id
    WHERE l.id = ANY(%(removed)s::bigint[]) AND o.service_area_id IS NULL AND o.id IN (SELECT id FROM org)
),
areas AS MATERIALIZED (
    SELECT o.effective_area_id AS id, count(*) AS n
    FROM directory_organisation o
    WHERE o.id IN (SELECT id FROM org) AND o.effective_area_id IS NOT NULL
      AND o.id NOT IN (SELECT id FROM affected)
    GROUP BY o.effective_area_id
),
whole AS MATERIALIZED (  -- (municipality, who serves it whole, how many organisations that is)
    SELECT sm.municipality_id AS mun, 'a' || a.id AS server, a.n
    FROM areas a JOIN areas_servicearea_municipalities sm ON sm.servicearea_id = a.id
    UNION
    SELECT m.id, 'a' || a.id, a.n
    FROM areas a JOIN areas_servicearea_provinces sp ON sp.servicearea_id = a.id
    JOIN areas_municipality m ON m.province_id = sp.province_id
    UNION
    SELECT m.id, 'a' || a.id, a.n
    FROM areas a JOIN areas_servicearea_regions sr ON sr.servicearea_id = a.id
    JOIN areas_municipality m ON m.region_id = sr.region_id
    UNION
    SELECT l.municipality_id, 'o' || l.organisation_id, 1
    FROM directory_location l
    WHERE l.organisation_id IN (SELECT id FROM affected) AND NOT (l.id = ANY(%(removed)s::bigint[]))
      AND l.status <> 'archived' AND l.point IS NOT NULL AND l.municipality_id IS NOT NULL
    UNION
    SELECT m.id, 'p' || ad.idx, 1 FROM added ad JOIN areas_municipality m ON ST_Intersects(m.geom, ad.geom)
),
geo_areas AS MATERIALIZED (  -- areas not made of whole municipalities: these need geometry
    SELECT a.id, a.n FROM areas a JOIN areas_servicearea sa ON sa.id = a.id
    WHERE sa.kind = 'drawn'
       OR EXISTS (SELECT 1 FROM areas_servicearea_submunicipalities ss WHERE ss.servicearea_id = a.id)
),
units AS MATERIALIZED (
    SELECT u.id, u.code, u.name_nl AS name, {municipality_id} AS mun, u.geom, ST_Area(u.geom) AS area,
           {own_population} AS own_population
    FROM {table} u
    WHERE u.geom IS NOT NULL
      AND (%(scope)s::bigint[] IS NULL OR {municipality_id} = ANY(%(scope)s::bigint[]))
),
municipalities AS MATERIALIZED (
    SELECT m.id, m.code, m.name_nl, m.population, {municipality_area} AS area
    FROM areas_municipality m WHERE m.id IN (SELECT mun FROM units)
),
pieces AS MATERIALIZED (
    -- a unit inside one subdivided part (or a part inside the unit) needs no ST_Intersection
    SELECT u.id AS unit, u.area AS unit_area, 'a' || g.id AS server, g.n,
           CASE WHEN ST_CoveredBy(u.geom, p.geom) THEN u.geom
                WHEN ST_CoveredBy(p.geom, u.geom) THEN p.geom
                ELSE ST_CollectionExtract(ST_Intersection(u.geom, p.geom), 3) END AS geom
    FROM units u
    JOIN areas_serviceareapart p ON ST_Intersects(u.geom, p.geom)
    JOIN geo_areas g ON g.id = p.service_area_id
),
per_server AS MATERIALIZED (  -- the parts of one area never overlap: their areas add up
    SELECT unit, server, max(n) AS n, sum(ST_Area(geom)) AS area, max(unit_area) AS unit_area
    FROM pieces GROUP BY unit, server
),
served_by_geometry AS (
    SELECT unit, server, n FROM per_server WHERE area > %(min_share)s * unit_area
),
covered_geometry AS (
    -- one area covering (nearly) the whole unit settles it; only the others need the union of the pieces
    SELECT unit, max(area) AS covered FROM per_server GROUP BY unit HAVING max(area) >= 0.9999 * max(unit_area)
    UNION ALL
    SELECT p.unit, ST_Area(ST_Union(p.geom)) FROM pieces p
    WHERE NOT ST_IsEmpty(p.geom) AND p.unit IN (
        SELECT unit FROM per_server GROUP BY unit HAVING max(area) < 0.9999 * max(unit_area))
    GROUP BY p.unit
)
SELECT u.id, u.code, u.name, m.code AS municipality_code, m.name_nl AS municipality_name, u.area,
       u.own_population, m.population AS municipality_population, m.area AS municipality_area,
       EXISTS (SELECT 1 FROM whole w WHERE w.mun = u.mun) AS whole,
       coalesce(cg.covered, 0) AS covered_area,
       (SELECT coalesce(sum(x.n), 0) FROM (
            SELECT s.server, max(s.n) AS n FROM (
                SELECT w.server, w.n FROM whole w WHERE w.mun = u.mun
                UNION ALL
                SELECT g.server, g.n FROM served_by_geometry g WHERE g.unit = u.id
            ) s GROUP BY s.server
        ) x) AS organisations,
       near.d AS distance,
       ST_X(ST_Transform(r.rp, 4326)) AS lon, ST_Y(ST_Transform(r.rp, 4326)) AS lat,
       coalesce(addr.total, 0) AS address_points, coalesce(addr.used, 0) AS address_points_used,
       addr.mean AS address_distance_mean, addr.quantiles AS address_distance_quantiles
FROM units u
JOIN municipalities m ON m.id = u.mun
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(u.geom) AS rp) r
LEFT JOIN covered_geometry cg ON cg.unit = u.id
LEFT JOIN LATERAL (
    SELECT c.point <-> r.rp AS d FROM pg_temp.coverage_points c ORDER BY c.point <-> r.rp LIMIT 1
) near ON true
LEFT JOIN LATERAL (
    -- every current address point of the unit (a deterministic sample of at most `address_sample` in a
    -- big unit) and the straight-line distance from each to its nearest matching location
    SELECT max(a.total) AS total, count(*) AS used, avg(nn.d) AS mean,
           percentile_cont(%(quantiles)s::float8[]) WITHIN GROUP (ORDER BY nn.d) AS quantiles
    FROM (
        SELECT ad.point, count(*) OVER () AS total
        FROM areas_address ad
        WHERE ad.source_id = %(address_source)s AND ad.status = 'current' AND ST_Intersects(u.geom, ad.point)
        ORDER BY hashint8(ad.id)
        LIMIT %(address_sample)s
    ) a
    LEFT JOIN LATERAL (  -- no matching location at all: the addresses still count, their distance is unknown
        SELECT c.point <-> a.point AS d FROM pg_temp.coverage_points c ORDER BY c.point <-> a.point LIMIT 1
    ) nn ON true
) addr ON %(address_source)s::bigint IS NOT NULL
ORDER BY u.code
"""


# The matching locations (minus the removed, plus the added) in a scratch table with its own GiST index: a
# KNN walk of the whole location index filtered by rubric would read every location for a unit when the
# rubric has few or no located locations. ON COMMIT DROP: it never outlives the statement's transaction.
_POINTS_SQL = [
    # JIT compiling this large statement costs ~1.2 s and never pays back on a few thousand rows
    "SET LOCAL jit = off",
    "DROP TABLE IF EXISTS pg_temp.coverage_points",
    """CREATE TEMP TABLE coverage_points ON COMMIT DROP AS
       SELECT l.point FROM directory_location l
       WHERE l.point IS NOT NULL AND l.status <> 'archived' AND l.organisation_id IN ({organisations})
         AND NOT (l.id = ANY(%(removed)s::bigint[]))
       UNION ALL
       SELECT ST_Transform(ST_SetSRID(ST_MakePoint(a.lon, a.lat), 4326), {srid})
       FROM unnest(%(added_lon)s::float8[], %(added_lat)s::float8[]) AS a(lon, lat)""",
    "CREATE INDEX ON pg_temp.coverage_points USING gist (point)",
    "ANALYZE pg_temp.coverage_points",
]


def named_sql(queryset: QuerySet[Any], prefix: str) -> tuple[str, dict[str, Any]]:
    """Django's SQL for `queryset` with its %s placeholders renamed %(<prefix><n>)s, to embed it."""
    sql, params = queryset.query.sql_with_params()
    named = sql.replace("%%", "\x00")
    for index in range(len(params)):
        named = named.replace("%s", f"%({prefix}{index})s", 1)
    return named.replace("\x00", "%%"), {f"{prefix}{index}": value for index, value in enumerate(params)}


def unit_rows(
    *,
    level: Level,
    organisations: QuerySet[Organisation],
    scope_municipality_ids: list[int] | None,
    removed_location_ids: list[int],
    added_points: list[tuple[float, float]],
    address_source_id: int | None = None,
) -> list[dict[str, Any]]:
    """Raw figures per unit: area, covered area, organisations serving it, distance to the nearest location
    from the unit's representative point and, when `address_source_id` names a loaded address register,
    from its address points."""
    table = UNIT_TABLES[level]
    organisations_sql, params = named_sql(organisations.order_by().values("pk"), "o")
    sql = _SQL.format(
        organisations=organisations_sql,
        srid=storage_srid(),
        table=table.table,
        municipality_id=table.municipality_id,
        own_population=table.own_population,
        # a municipality's own area is already computed as the unit's; other levels need their municipality's
        municipality_area="ST_Area(m.geom)"
        if level != Level.MUNICIPALITY
        else "(SELECT u.area FROM units u WHERE u.id = m.id)",
    )
    params.update(
        added_lon=[lon for lon, _ in added_points],
        added_lat=[lat for _, lat in added_points],
        removed=removed_location_ids,
        scope=scope_municipality_ids,
        min_share=MIN_SERVED_SHARE,
        address_source=address_source_id,
        address_sample=ADDRESS_SAMPLE,
        quantiles=ADDRESS_QUANTILES,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in _POINTS_SQL:
            cursor.execute(statement.format(organisations=organisations_sql, srid=storage_srid()), params)
        cursor.execute(sql, params)
        columns = [column.name for column in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
