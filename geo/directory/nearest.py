"""The nearest locations to a point, as one hand-written statement.

It is the hottest query of the map ("what is near me"), so it is compiled once, not per request by the ORM,
and it returns each location with its organisation's summary in one round trip. The GiST index walks the
locations nearest-first (KNN `<->`) and stops after `limit` rows that pass the organisation filter; the
maximum distance is applied to those few rows (an ST_DWithin in the WHERE would tempt the planner into
collecting every location within the radius and sorting them all). Organisations without a located
vestiging are never near anything.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet

from geo.directory.models import Organisation
from geo.spatial import storage_srid
from geo.sql import named_sql

COORDINATE_DECIMALS = 7

_NEAREST_SQL = """
WITH near AS (
    SELECT l.id, l.point <-> {here} AS knn
    FROM directory_location l
    WHERE l.point IS NOT NULL AND l.status <> 'archived' AND l.organisation_id IN ({organisations})
    ORDER BY l.point <-> {here}
    LIMIT %(limit)s
)
SELECT l.id, l.organisation_id, l.name, l.street, l.house_number, l.box_number, l.postcode,
       l.municipality_name AS municipality, m.code AS municipality_code, l.geocode_precision AS precision,
       l.is_main,
       round(ST_X(ST_Transform(l.point, 4326))::numeric, {decimals})::float8 AS lon,
       round(ST_Y(ST_Transform(l.point, 4326))::numeric, {decimals})::float8 AS lat,
       round(near.knn::numeric, 1)::float8 AS distance_m,
       o.name AS organisation_name, o.is_synthetic, o.operational_status, o.parent_id, o.effective_area_id,
       sa.name AS effective_area_name,
       (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'path', c.path)
                                 ORDER BY c.path), '[]')
        FROM directory_organisation_categories oc JOIN directory_category c ON c.id = oc.category_id
        WHERE oc.organisation_id = o.id) AS categories_json
FROM near
JOIN directory_location l ON l.id = near.id
JOIN directory_organisation o ON o.id = l.organisation_id
LEFT JOIN areas_municipality m ON m.id = l.municipality_id
LEFT JOIN areas_servicearea sa ON sa.id = o.effective_area_id
WHERE near.knn <= %(max_distance)s
ORDER BY near.knn, l.id
"""


def locations_nearest(
    *, lon: float, lat: float, limit: int, max_distance_m: float, organisations: QuerySet[Organisation]
) -> list[dict[str, Any]]:
    """The `limit` nearest published locations of `organisations` to the WGS84 point, within the distance."""
    # ST_Transform of a constant is immutable: the planner folds it, so the index can order by it
    here = f"ST_Transform(ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326), {storage_srid():d})"
    # the organisation filter is Django's own SQL, its placeholders named for this statement
    organisations_sql, params = named_sql(organisations.order_by().values("pk"), "o")
    sql = _NEAREST_SQL.format(here=here, organisations=organisations_sql, decimals=COORDINATE_DECIMALS)
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "lon": lon, "lat": lat, "limit": limit, "max_distance": max_distance_m})
        columns = [column.name for column in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
