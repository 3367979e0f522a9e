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
from geo.sql import named_sql

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
unit_overlaps AS MATERIALIZED (  -- precomputed per (area, unit) by _OVERLAPS_SQL just before this statement
    SELECT ov.unit_id AS unit, 'a' || ov.service_area_id AS server, g.n, ov.overlap_m2 AS area,
           u.area AS unit_area, ov.piece
    FROM coverage_areaunitoverlap ov
    JOIN geo_areas g ON g.id = ov.service_area_id
    JOIN units u ON u.id = ov.unit_id AND abs(ov.unit_area - u.area) < 1
    WHERE ov.level = %(level)s AND ov.overlap_m2 > 0
),
served_by_geometry AS (
    SELECT unit, server, n FROM unit_overlaps WHERE area > %(min_share)s * unit_area
),
covered_geometry AS (
    -- one area covering the unit but for slivers (the same tolerance as for serving) settles it; only the
    -- others need the union of the pieces
    SELECT unit, max(area) AS covered FROM unit_overlaps GROUP BY unit
    HAVING max(area) >= (1 - %(min_share)s) * max(unit_area)
    UNION ALL
    SELECT o.unit, ST_Area(ST_Union(o.piece)) FROM unit_overlaps o
    WHERE o.piece IS NOT NULL AND o.unit IN (
        SELECT unit FROM unit_overlaps GROUP BY unit HAVING max(area) < (1 - %(min_share)s) * max(unit_area))
    GROUP BY o.unit
),
served_count AS (  -- distinct organisations per unit: whole-municipality areas and drawn ones, each once
    SELECT unit, sum(n) AS organisations FROM (
        SELECT unit, server, max(n) AS n FROM (
            SELECT u.id AS unit, w.server, w.n FROM units u JOIN whole w ON w.mun = u.mun
            UNION ALL
            SELECT unit, server, n FROM served_by_geometry
        ) s GROUP BY unit, server
    ) x GROUP BY unit
)
SELECT u.id, u.code, u.name, m.code AS municipality_code, m.name_nl AS municipality_name, u.area,
       u.own_population, m.population AS municipality_population, m.area AS municipality_area,
       EXISTS (SELECT 1 FROM whole w WHERE w.mun = u.mun) AS whole,
       coalesce(cg.covered, 0) AS covered_area,
       coalesce(sc.organisations, 0) AS organisations,
       near.d AS distance,
       ST_X(ST_Transform(r.rp, 4326)) AS lon, ST_Y(ST_Transform(r.rp, 4326)) AS lat,
       coalesce(addr.total, 0) AS address_points, coalesce(addr.used, 0) AS address_points_used,
       addr.mean AS address_distance_mean, addr.quantiles AS address_distance_quantiles
FROM units u
JOIN municipalities m ON m.id = u.mun
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(u.geom) AS rp) r
LEFT JOIN covered_geometry cg ON cg.unit = u.id
LEFT JOIN served_count sc ON sc.unit = u.id
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


# The overlap of each (area not made of whole municipalities, unit) pair that the coverage statement will
# read and coverage_areaunitoverlap does not hold yet: all pairs of an area never seen at this level, and all
# pairs of a unit whose boundary changed (its stored area differs). Once stored, the check is one index read
# per area, not a bounding-box join of every part with every unit. Pairs are found by bounding box on the
# GiST index of the subdivided parts; a unit inside one part (or a part inside
# the unit) needs no ST_Intersection. A pair that only touches is stored with 0, so it is not computed again.
_OVERLAPS_SQL = """
WITH org(id) AS MATERIALIZED ({organisations}),
geo_areas AS MATERIALIZED (
    SELECT DISTINCT o.effective_area_id AS id
    FROM directory_organisation o JOIN areas_servicearea sa ON sa.id = o.effective_area_id
    WHERE o.id IN (SELECT id FROM org)
      AND (sa.kind = 'drawn' OR EXISTS (
          SELECT 1 FROM areas_servicearea_submunicipalities ss WHERE ss.servicearea_id = sa.id))
),
units AS MATERIALIZED (
    SELECT u.id, u.geom, ST_Area(u.geom) AS area
    FROM {table} u
    WHERE u.geom IS NOT NULL
      AND (%(scope)s::bigint[] IS NULL OR {municipality_id} = ANY(%(scope)s::bigint[]))
),
stored AS MATERIALIZED (  -- what is stored for these areas at this level, and whether it is still current
    SELECT ov.service_area_id, ov.unit_id, abs(ov.unit_area - u.area) < 1 AS current
    FROM coverage_areaunitoverlap ov JOIN units u ON u.id = ov.unit_id
    WHERE ov.level = %(level)s AND ov.service_area_id IN (SELECT id FROM geo_areas)
),
new_areas AS MATERIALIZED (SELECT id FROM geo_areas WHERE id NOT IN (SELECT service_area_id FROM stored)),
stale_units AS MATERIALIZED (SELECT DISTINCT unit_id AS id FROM stored WHERE NOT current),
missing AS MATERIALIZED (
    -- every candidate pair of an area never seen at this level (each part finds its units on the units'
    -- GiST index), and of a unit whose boundary changed (it finds its parts on the parts' GiST index)
    SELECT DISTINCT p.service_area_id AS area_id, t.id AS unit_id
    FROM areas_serviceareapart p
    JOIN {table} t ON t.geom && p.geom
    WHERE p.service_area_id IN (SELECT id FROM new_areas) AND t.id IN (SELECT id FROM units)
    UNION
    SELECT p.service_area_id, u.id
    FROM units u
    JOIN areas_serviceareapart p ON p.geom && u.geom
    WHERE u.id IN (SELECT id FROM stale_units) AND p.service_area_id IN (SELECT id FROM geo_areas)
),
pieces AS MATERIALIZED (
    SELECT mi.area_id, mi.unit_id,
           CASE WHEN ST_CoveredBy(u.geom, p.geom) THEN u.geom
                WHEN ST_CoveredBy(p.geom, u.geom) THEN p.geom
                ELSE ST_CollectionExtract(ST_Intersection(u.geom, p.geom), 3) END AS geom
    FROM missing mi
    JOIN units u ON u.id = mi.unit_id
    JOIN areas_serviceareapart p ON p.service_area_id = mi.area_id AND ST_Intersects(u.geom, p.geom)
),
summed AS MATERIALIZED (  -- the parts of one area never overlap: their areas add up
    SELECT pc.area_id, pc.unit_id, sum(ST_Area(pc.geom)) AS overlap, max(u.area) AS unit_area
    FROM pieces pc JOIN units u ON u.id = pc.unit_id
    GROUP BY pc.area_id, pc.unit_id
),
partial AS (  -- the overlap itself, only where it is partial: the union of several areas' pieces needs it
    SELECT pc.area_id, pc.unit_id, ST_Multi(ST_Union(pc.geom)) AS piece
    FROM pieces pc
    JOIN summed s ON s.area_id = pc.area_id AND s.unit_id = pc.unit_id
    WHERE s.overlap > 0 AND s.overlap < 0.9999 * s.unit_area AND NOT ST_IsEmpty(pc.geom)
    GROUP BY pc.area_id, pc.unit_id
)
INSERT INTO coverage_areaunitoverlap (service_area_id, level, unit_id, unit_area, overlap_m2, piece)
SELECT mi.area_id, %(level)s, mi.unit_id, u.area, coalesce(s.overlap, 0), pa.piece
FROM missing mi
JOIN units u ON u.id = mi.unit_id
LEFT JOIN summed s ON s.area_id = mi.area_id AND s.unit_id = mi.unit_id
LEFT JOIN partial pa ON pa.area_id = mi.area_id AND pa.unit_id = mi.unit_id
ON CONFLICT (service_area_id, level, unit_id) DO UPDATE
SET unit_area = EXCLUDED.unit_area, overlap_m2 = EXCLUDED.overlap_m2, piece = EXCLUDED.piece
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


def area_unit_overlaps_fill(
    *, level: Level, organisations: QuerySet[Organisation], scope_municipality_ids: list[int] | None = None
) -> int:
    """Store the overlaps of the areas of `organisations` with the units of `level` that are not stored yet.

    The coverage statement does this for its own rubric; `manage.py refresh_coverage_features` (run by
    `make import`) does it for every rubric, so a planner's first question does not pay for it.
    Returns the number of pairs written.
    """
    table = UNIT_TABLES[level]
    organisations_sql, params = named_sql(organisations.order_by().values("pk"), "o")
    params.update(scope=scope_municipality_ids, level=str(level))
    sql = _OVERLAPS_SQL.format(
        organisations=organisations_sql, table=table.table, municipality_id=table.municipality_id
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


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
        level=str(level),
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in _POINTS_SQL:
            cursor.execute(statement.format(organisations=organisations_sql, srid=storage_srid()), params)
        area_unit_overlaps_fill(level=level, organisations=organisations, scope_municipality_ids=scope_municipality_ids)
        cursor.execute(sql, params)
        columns = [column.name for column in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
