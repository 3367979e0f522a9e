"""One page of who-serves results, with the total, as one hand-written statement.

"Who serves this address" is the API's defining question and can have thousands of answers in a city; the
page is the same every time (the organisation's summary, the location nearest to the point with its
distance, the categories), so its select list is written out once instead of being rebuilt by the ORM on
every request. Which organisations serve the point stays the selectors' business
(organisations_serving_point): its queryset is compiled by Django and used here as a subquery; it yields
id, name and effective area only, the columns the sort and the count need for every match.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet

from geo.directory.models import Organisation
from geo.spatial import storage_srid
from geo.sql import named_sql

COORDINATE_DECIMALS = 7

_PAGE_SQL = """
WITH found AS ({organisations}),
covering AS MATERIALIZED (  -- the service areas covering the point, for the services column
    SELECT coalesce(array_agg(DISTINCT part.service_area_id), '{{}}') AS ids
    FROM areas_serviceareapart part WHERE ST_Intersects(part.geom, {here})
),
page AS (  -- the page's organisations in order: id, name and area only, so every matching row stays cheap
    SELECT o.id, o.name, o.effective_area_id, sa.name AS effective_area__name, count(*) OVER () AS total_count,
           {first_category} AS sort_category, sa.area_m2 AS sort_area
    FROM found o  -- Django's own query of the serving organisations, read once through its indexes
    LEFT JOIN areas_servicearea sa ON sa.id = o.effective_area_id
    ORDER BY sort_category NULLS LAST, sort_area NULLS LAST, o.name, o.id  -- a top-N sort, no full sort
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.*, org.is_synthetic, org.operational_status, org.parent_id, shown.location_json, shown.distance_m,
       (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'path', c.path)
                                 ORDER BY c.path), '[]')
        FROM directory_organisation_categories oc JOIN directory_category c ON c.id = oc.category_id
        WHERE oc.organisation_id = page.id) AS categories_json,
       (SELECT coalesce(json_agg(s.name ORDER BY s.name), '[]')  -- services whose own area covers the point
        FROM directory_service s
        WHERE s.organisation_id = page.id AND s.status = 'published'
          AND s.service_area_id = ANY(covering.ids)) AS services_json
FROM page
JOIN directory_organisation org ON org.id = page.id  -- the other columns: for this page's rows only
CROSS JOIN covering
LEFT JOIN LATERAL (  -- the nearest located location: for this page's rows only
    SELECT json_build_object(
               'id', l.id, 'name', l.name, 'street', l.street, 'house_number', l.house_number,
               'box_number', l.box_number, 'postcode', l.postcode, 'municipality', l.municipality_name,
               'municipality_code', m.code, 'precision', l.geocode_precision, 'is_main', l.is_main,
               'lon', round(ST_X(ST_Transform(l.point, 4326))::numeric, {decimals}),
               'lat', round(ST_Y(ST_Transform(l.point, 4326))::numeric, {decimals}),
               'distance_m', round((l.point <-> {here})::numeric, 1)) AS location_json,
           round((l.point <-> {here})::numeric, 1)::float8 AS distance_m
    FROM directory_location l LEFT JOIN areas_municipality m ON m.id = l.municipality_id
    WHERE l.organisation_id = page.id AND l.point IS NOT NULL AND l.status <> 'archived'
    ORDER BY l.point <-> {here}
    LIMIT 1
) shown ON true
ORDER BY page.sort_category NULLS LAST, page.sort_area NULLS LAST, page.name, page.id
"""

_FIRST_CATEGORY = """(SELECT min(c.path) FROM directory_organisation_categories oc
        JOIN directory_category c ON c.id = oc.category_id WHERE oc.organisation_id = o.id)"""


def serving_page(
    *,
    organisations: QuerySet[Organisation, Any],
    lon: float,
    lat: float,
    limit: int,
    offset: int,
    by_category: bool = False,
) -> list[dict[str, Any]]:
    """Rows of `organisations` (id, name, effective_area_id: organisations_serving_point), most local service
    area first (grouped by first category when asked), each with `total_count`, its nearest located location
    to the WGS84 point as `location_json` and `distance_m` (both None without one), `categories_json`, and as
    `services_json` the names of its published services whose own service area covers the point."""
    here = f"ST_Transform(ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326), {storage_srid():d})"
    organisations_sql, params = named_sql(organisations, "o")
    sql = _PAGE_SQL.format(
        organisations=organisations_sql,
        here=here,
        decimals=COORDINATE_DECIMALS,
        first_category=_FIRST_CATEGORY if by_category else "NULL::text",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "lon": lon, "lat": lat, "limit": limit, "offset": offset})
        names = [column.name for column in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
