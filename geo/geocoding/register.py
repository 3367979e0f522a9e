"""Reads of the address register for the local geocoder: streets by key (exact, then fuzzy with pg_trgm),
address points, interpolated house numbers, a street's representative point, the nearest address.

Only current and proposed addresses count: retired and rejected ones are history.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import psycopg
from django.contrib.gis.geos import Point
from django.db import connection

from geo.spatial import LAMBERT72

ACTIVE_SQL = "a.status IN ('current', 'proposed')"
# Below this pg_trgm similarity two street keys are different streets ("heerwegnoord"/"heerwegzuid": 0.39).
FUZZY_THRESHOLD = 0.5
# Preferred source when two sources hold the same address: the official register first.
SOURCE_RANK_SQL = "CASE src.code WHEN 'best-address' THEN 0 WHEN 'synthetic' THEN 2 ELSE 1 END"


def _cursor() -> psycopg.Cursor[Any]:
    """A server-binding cursor on Django's connection (same transaction). Django's own cursors bind on the
    client, so PostgreSQL plans every query anew; these few queries run once per address, and psycopg
    prepares them after five uses: planning once instead of 35,000 times is most of the batch's speed."""
    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


@dataclass(frozen=True)
class StreetMatch:
    id: int
    name: str
    municipality_id: int
    municipality_code: str
    municipality_name: str
    similarity: float


@dataclass(frozen=True)
class AddressHit:
    house_number: str
    box: str
    postcode: str
    point: Point


def find_streets(key: str, *, municipality_ids: Collection[int] | None, limit: int = 10) -> list[StreetMatch]:
    """Streets with this key (Dutch or alternative name); when there is none, the most similar ones."""
    where, params = "", []
    if municipality_ids is not None:
        where, params = " AND s.municipality_id = ANY(%s)", [list(municipality_ids)]
    select = (
        "SELECT s.id, s.name_nl, m.id, m.code, m.name_nl, {similarity} FROM areas_street s "
        "JOIN areas_municipality m ON m.id = s.municipality_id "
        "WHERE {condition}"
        + where
        + " AND EXISTS (SELECT 1 FROM areas_address a WHERE a.street_id = s.id AND "
        + ACTIVE_SQL
        + ") ORDER BY 6 DESC, m.name_nl LIMIT %s"
    )
    with _cursor() as cursor:
        cursor.execute(
            select.format(similarity="1.0", condition="(s.normalized_name = %s OR s.normalized_name_alt = %s)"),
            [key, key, *params, limit],
        )
        rows = cursor.fetchall()
        if not rows and len(key) >= 4:
            similarity = "GREATEST(similarity(s.normalized_name, %s), similarity(s.normalized_name_alt, %s))"
            condition = "(s.normalized_name %% %s OR s.normalized_name_alt %% %s)"
            cursor.execute(
                select.format(similarity=similarity, condition=condition),
                [key, key, key, key, *params, limit],
            )
            rows = [row for row in cursor.fetchall() if row[5] >= FUZZY_THRESHOLD]
    return [StreetMatch(row[0], row[1], row[2], row[3], row[4], similarity=float(row[5])) for row in rows]


def _hit(row: tuple[Any, ...]) -> AddressHit:
    house_number, box, postcode, x, y = row
    return AddressHit(house_number=house_number, box=box, postcode=postcode, point=Point(x, y, srid=LAMBERT72))


def find_addresses(street_id: int, house_number: str) -> list[AddressHit]:
    """Every active address with this house number on the street (all boxes), preferred source first."""
    with _cursor() as cursor:
        cursor.execute(
            "SELECT a.house_number, a.box_number, a.postcode, ST_X(a.point), ST_Y(a.point) FROM areas_address a "
            f"JOIN areas_datasource src ON src.id = a.source_id WHERE a.street_id = %s AND a.house_number = %s "
            f"AND {ACTIVE_SQL} ORDER BY {SOURCE_RANK_SQL}, a.box_number, a.id",
            [street_id, house_number],
        )
        return [_hit(row) for row in cursor.fetchall()]


def interpolate(street_id: int, number: int, postcode: str = "") -> tuple[Point, str] | None:
    """A point between the nearest known numbers below and above `number` on the same side of the street.

    Belgian streets number odd on one side and even on the other: neighbours of the same parity only.
    """
    sql = (
        "SELECT a.number, ST_X(a.point), ST_Y(a.point), a.postcode FROM areas_address a WHERE a.street_id = %s "
        f"AND {ACTIVE_SQL} AND a.number {{op}} %s AND a.number %% 2 = %s AND (%s = '' OR a.postcode IN (%s, '')) "
        "ORDER BY a.number {order}, a.id LIMIT 1"
    )
    params = [street_id, number, number % 2, postcode, postcode]
    with _cursor() as cursor:
        cursor.execute(sql.format(op="<", order="DESC"), params)
        below = cursor.fetchone()
        cursor.execute(sql.format(op=">", order="ASC"), params)
        above = cursor.fetchone()
    if below is None or above is None:
        return None
    ratio = (number - below[0]) / (above[0] - below[0])
    point = Point(below[1] + ratio * (above[1] - below[1]), below[2] + ratio * (above[2] - below[2]), srid=LAMBERT72)
    return point, below[3] or above[3]


def street_point(street_id: int, postcode: str = "") -> tuple[Point, str] | None:
    """The street's address nearest the centre of its addresses (of that postcode, when the street has any)."""
    with _cursor() as cursor:
        cursor.execute(
            f"""
            WITH chosen AS (
                SELECT a.point, a.postcode FROM areas_address a WHERE a.street_id = %s AND {ACTIVE_SQL}
                AND (%s = '' OR a.postcode = %s OR NOT EXISTS (
                    SELECT 1 FROM areas_address b WHERE b.street_id = %s AND b.postcode = %s))
            )
            SELECT ST_X(c.point), ST_Y(c.point), c.postcode FROM chosen c
            ORDER BY c.point <-> (SELECT ST_Centroid(ST_Collect(point)) FROM chosen), c.postcode DESC LIMIT 1
            """,
            [street_id, postcode, postcode, street_id, postcode],
        )
        row = cursor.fetchone()
    return (Point(row[0], row[1], srid=LAMBERT72), row[2]) if row else None


@dataclass(frozen=True)
class NearestAddress:
    street: str
    house_number: str
    box: str
    postcode: str
    municipality_code: str
    municipality_name: str
    point: Point
    distance: float


def nearest_address(point: Point, *, max_distance: float) -> NearestAddress | None:
    """The active address nearest `point` (storage CRS) within `max_distance` metres (KNN on the GiST index)."""
    with _cursor() as cursor:
        cursor.execute(
            f"""
            SELECT s.name_nl, a.house_number, a.box_number, a.postcode, m.code, m.name_nl,
                   ST_X(a.point), ST_Y(a.point), ST_Distance(a.point, %s::geometry)
            FROM areas_address a JOIN areas_street s ON s.id = a.street_id
            JOIN areas_municipality m ON m.id = s.municipality_id
            WHERE {ACTIVE_SQL} AND ST_DWithin(a.point, %s::geometry, %s)
            ORDER BY a.point <-> %s::geometry, a.box_number LIMIT 1
            """,
            [point.ewkb, point.ewkb, max_distance, point.ewkb],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    street, number, box, postcode, code, town, x, y, distance = row
    return NearestAddress(street, number, box, postcode, code, town, Point(x, y, srid=LAMBERT72), float(distance))


def find_addresses_many(
    wanted: list[tuple[int, str, str, int]],
) -> dict[int, list[tuple[StreetMatch, AddressHit]]]:
    """Exact matches for many (query index, street key, house number, municipality id) at once: one query.

    The batch's fast path; anything it does not settle goes through find_streets/find_addresses.
    """
    if not wanted:
        return {}
    indexes, keys, numbers, municipality_ids = (list(column) for column in zip(*wanted, strict=True))
    found: dict[int, list[tuple[StreetMatch, AddressHit]]] = {}
    with _cursor() as cursor:
        cursor.execute(
            f"""
            SELECT q.idx, s.id, s.name_nl, m.id, m.code, m.name_nl,
                   a.house_number, a.box_number, a.postcode, ST_X(a.point), ST_Y(a.point)
            FROM unnest(%s::int[], %s::text[], %s::text[], %s::bigint[]) AS q(idx, street_key, house_number, mid)
            JOIN areas_street s ON s.municipality_id = q.mid
                 AND (s.normalized_name = q.street_key OR s.normalized_name_alt = q.street_key)
            JOIN areas_municipality m ON m.id = s.municipality_id
            JOIN areas_address a ON a.street_id = s.id AND a.house_number = q.house_number AND {ACTIVE_SQL}
            JOIN areas_datasource src ON src.id = a.source_id
            ORDER BY q.idx, {SOURCE_RANK_SQL}, a.box_number, a.id
            """,
            [indexes, keys, numbers, municipality_ids],
        )
        for idx, street_id, name, mid, code, town, *hit in cursor.fetchall():
            street = StreetMatch(street_id, name, mid, code, town, similarity=1.0)
            found.setdefault(idx, []).append((street, _hit(tuple(hit))))
    return found
