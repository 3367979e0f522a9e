"""The gazetteer: municipalities, deelgemeenten, wijken and postal areas with a representative point.

Postal areas have no open polygons, so they are derived (see docs/geocoding.md): a postcode that is the only
one of its only municipality covers that municipality; otherwise each deelgemeente goes to the postcode most
of its register addresses carry, and the postal area is the union of its deelgemeenten. A postcode that wins
no deelgemeente but has addresses gets the address nearest their centre; a postcode with neither has no
place, and the geocoder falls back to its municipality.

Geometry never leaves the database: places are assembled in a temporary table, only their names travel to
Python for the normalised key (the same function the geocoder applies to queries).
"""

from __future__ import annotations

from django.db import connection, transaction

from geo.geocoding.normalize import place_key

ACTIVE = "status IN ('current', 'proposed')"
# Majority votes need no more than this many addresses: above it, a random sample votes.
VOTE_SAMPLE = 300_000
BUILD = "geocoding_place_build"


def _inside(g: str) -> str:
    """A point inside the polygon, as central as possible: the centroid when it falls inside."""
    return f"CASE WHEN ST_Intersects({g}, ST_Centroid({g})) THEN ST_Centroid({g}) ELSE ST_PointOnSurface({g}) END"


_COLUMNS = "kind, code, name, label, municipality_id, postcode, point, geom"

_MUNICIPALITIES = f"""
INSERT INTO {BUILD} ({_COLUMNS})
SELECT DISTINCT 'municipality', m.code, n.name, m.name_nl, m.id, '', COALESCE({_inside("m.geom")}, r.centre), NULL
FROM areas_municipality m
CROSS JOIN LATERAL unnest(ARRAY[m.name_nl, m.name_fr]) AS n(name)
LEFT JOIN LATERAL (
    SELECT ST_Centroid(ST_Collect(a.point)) AS centre FROM areas_address a
    JOIN areas_street s ON s.id = a.street_id WHERE m.geom IS NULL AND s.municipality_id = m.id AND a.{ACTIVE}
) r ON true
WHERE n.name <> '' AND (m.geom IS NOT NULL OR r.centre IS NOT NULL)
"""


def _parts(table: str, kind: str, label_suffix: str) -> str:
    name = "replace(p.name_nl, ' (Dg.)', '')"
    return f"""
    INSERT INTO {BUILD} ({_COLUMNS})
    SELECT '{kind}', p.code, {name},
           CASE WHEN {name} = m.name_nl THEN {name} ELSE {name} || ' ({label_suffix}' || m.name_nl || ')' END,
           m.id, '', {_inside("p.geom")}, NULL
    FROM {table} p JOIN areas_municipality m ON m.id = p.municipality_id WHERE p.geom IS NOT NULL
    """


_POSTAL_NAMES = """
    SELECT pm.postalarea_id, count(*) AS n, min(m.id) AS municipality_id,
           string_agg(m.name_nl, ' / ' ORDER BY m.name_nl) AS names
    FROM areas_postalarea_municipalities pm JOIN areas_municipality m ON m.id = pm.municipality_id
    GROUP BY pm.postalarea_id
"""


def _postal_areas(sample_percent: float) -> list[str]:
    insert = f"INSERT INTO {BUILD} ({_COLUMNS}) "
    label = "pa.postcode || ' ' || pn.names"
    not_yet = f"NOT EXISTS (SELECT 1 FROM {BUILD} b WHERE b.kind = 'postal_area' AND b.code = pa.postcode)"
    municipality = "CASE WHEN pn.n = 1 THEN pn.municipality_id END"
    return [
        # 1. The only postcode of the only municipality it belongs to: the municipality itself.
        insert
        + f"""
        SELECT 'postal_area', pa.postcode, pa.postcode, {label}, m.id, pa.postcode, {_inside("m.geom")}, m.geom
        FROM areas_postalarea pa JOIN ({_POSTAL_NAMES}) pn ON pn.postalarea_id = pa.id
        JOIN areas_municipality m ON m.id = pn.municipality_id
        WHERE pn.n = 1 AND m.geom IS NOT NULL
          AND (SELECT count(*) FROM areas_postalarea_municipalities y WHERE y.municipality_id = m.id) = 1
        """,
        # 2. Deelgemeenten by majority vote of their addresses' postcodes.
        insert
        + f"""
        WITH votes AS (
            SELECT sm.id AS part_id, a.postcode, count(*) AS n
            FROM areas_address a TABLESAMPLE BERNOULLI ({sample_percent:.4f})
            JOIN areas_street s ON s.id = a.street_id
            JOIN areas_submunicipality sm ON sm.municipality_id = s.municipality_id AND ST_Intersects(sm.geom, a.point)
            WHERE a.postcode <> '' AND a.{ACTIVE}
            GROUP BY sm.id, a.postcode
        ), winners AS (
            SELECT DISTINCT ON (part_id) part_id, postcode FROM votes ORDER BY part_id, n DESC, postcode
        ), unions AS (
            SELECT w.postcode, ST_Multi(ST_Union(sm.geom)) AS geom,
                   string_agg(replace(sm.name_nl, ' (Dg.)', ''), ', ' ORDER BY sm.name_nl) AS parts
            FROM winners w JOIN areas_submunicipality sm ON sm.id = w.part_id GROUP BY w.postcode
        )
        SELECT 'postal_area', pa.postcode, pa.postcode,
               {label} || CASE WHEN u.parts = pn.names THEN '' ELSE ' (' || u.parts || ')' END, {municipality},
               pa.postcode, {_inside("u.geom")}, u.geom
        FROM unions u JOIN areas_postalarea pa ON pa.postcode = u.postcode
        JOIN ({_POSTAL_NAMES}) pn ON pn.postalarea_id = pa.id
        WHERE {not_yet}
        """,
        # 3. Otherwise the register address nearest the centre of the postcode's addresses.
        insert
        + f"""
        SELECT 'postal_area', pa.postcode, pa.postcode, {label}, {municipality}, pa.postcode,
               (SELECT a.point FROM areas_address a WHERE a.postcode = c.postcode AND a.{ACTIVE}
                ORDER BY a.point <-> c.centre LIMIT 1), NULL
        FROM (SELECT postcode, ST_Centroid(ST_Collect(point)) AS centre FROM areas_address
              WHERE postcode <> '' AND {ACTIVE} GROUP BY postcode) c
        JOIN areas_postalarea pa ON pa.postcode = c.postcode
        JOIN ({_POSTAL_NAMES}) pn ON pn.postalarea_id = pa.id
        WHERE {not_yet}
        """,
    ]


@transaction.atomic
def places_rebuild() -> int:
    """Recompute the whole gazetteer from the geography and the register; returns the number of places."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BUILD}")
        cursor.execute(
            f"CREATE TEMP TABLE {BUILD} (id serial PRIMARY KEY, kind text, code text, name text, label text, "
            "municipality_id bigint, postcode text, point geometry, geom geometry, normalized_name text) "
            "ON COMMIT DROP"
        )
        cursor.execute("SELECT count(*) FROM areas_address")
        (total,) = cursor.fetchone()
        sample_percent = min(100.0, 100.0 * VOTE_SAMPLE / max(total, 1))
        for sql in [
            _MUNICIPALITIES,
            _parts("areas_submunicipality", "submunicipality", ""),
            _parts("areas_neighbourhood", "neighbourhood", "wijk, "),
            *_postal_areas(sample_percent),
        ]:
            cursor.execute(sql)
        cursor.execute(f"SELECT id, name FROM {BUILD}")
        keys = [(place_key(name), pk) for pk, name in cursor.fetchall()]
        cursor.executemany(f"UPDATE {BUILD} SET normalized_name = %s WHERE id = %s", keys)
        cursor.execute("DELETE FROM geocoding_place")
        cursor.execute(
            f"""
            INSERT INTO geocoding_place (kind, code, name, normalized_name, label, point, geom, municipality_id,
                                         postcode)
            SELECT kind, code, name, normalized_name, label, point,
                   CASE WHEN GeometryType(geom) = 'MULTIPOLYGON' THEN geom END, municipality_id, postcode
            FROM {BUILD} WHERE point IS NOT NULL ORDER BY id
            """
        )
        return cursor.rowcount
