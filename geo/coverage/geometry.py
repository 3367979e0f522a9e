"""Unit boundaries for the planning map, simplified and in WGS84, made in the database."""

from __future__ import annotations

from django.db import connection

from geo.coverage.units import UNIT_TABLES, Level

_SQL = """
SELECT u.code, ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(u.geom, %(tolerance)s), 4326), 5)
FROM {table} u
WHERE u.geom IS NOT NULL AND (%(scope)s::bigint[] IS NULL OR {municipality_id} = ANY(%(scope)s::bigint[]))
"""


def unit_geometries(*, level: Level, scope_municipality_ids: list[int] | None, tolerance_m: float) -> dict[str, str]:
    """code -> GeoJSON geometry text (simplified by `tolerance_m`: a choropleth needs no survey precision)."""
    table = UNIT_TABLES[level]
    sql = _SQL.format(table=table.table, municipality_id=table.municipality_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"tolerance": tolerance_m, "scope": scope_municipality_ids})
        return {code: geojson for code, geojson in cursor.fetchall()}
