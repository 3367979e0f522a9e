"""Set-based load of staged BeST-Address rows into the register (streets, addresses), inside the caller's
transaction. The staging table is temporary: it disappears with the transaction, also on a dry run."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection

from geo.spatial import LAMBERT72

STAGE = "best_stage"
STREETS = "best_stage_street"


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    unknown_rows: int = 0
    unknown_municipalities: tuple[str, ...] = ()


def stage_create() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}; DROP TABLE IF EXISTS {STREETS}")
        cursor.execute(
            f"""
            CREATE TEMP TABLE {STAGE} (
                address_id text, municipality_code text, street_key text, house_number text, number integer,
                box_number text, postcode text, x float8, y float8, status text
            ) ON COMMIT DROP;
            CREATE TEMP TABLE {STREETS} (
                municipality_code text, street_key text, street_id text, name_nl text, name_fr text, key_alt text
            ) ON COMMIT DROP
            """
        )


def stage_copy(rows: Iterator[tuple[Any, ...]]) -> int:
    """COPY rows into the staging table as they stream in (psycopg's copy buffers a few MB at most).

    An exception raised while producing a row aborts the COPY and propagates unchanged.
    """
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(  # the psycopg cursor under Django's wrapper
            f"COPY {STAGE} (address_id, municipality_code, street_key, house_number, number, box_number, "
            "postcode, x, y, status) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def stage_streets(streets: dict[tuple[str, str], tuple[str, str, str, str]]) -> None:
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {STREETS} (municipality_code, street_key, street_id, name_nl, name_fr, key_alt) FROM STDIN"
        ) as copy,
    ):
        for (municipality, key), (street_id, name_nl, name_fr, key_alt) in streets.items():
            copy.write_row((municipality, key, street_id, name_nl, name_fr, key_alt))


def stage_duplicate_address() -> str | None:
    """An address_id that occurs twice (a broken file), else None. Also indexes the stage for the anti-join."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT address_id FROM {STAGE} GROUP BY address_id HAVING count(*) > 1 LIMIT 1")
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"CREATE UNIQUE INDEX ON {STAGE} (address_id); ANALYZE {STAGE}; ANALYZE {STREETS}")
    return row[0] if row else None


def _scalar(sql: str, params: Iterable[Any]) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchone()


def stage_apply(*, source_id: int, srid: int) -> LoadCounts:
    counts = LoadCounts()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT s.municipality_code FROM {STREETS} s "
            "LEFT JOIN areas_municipality m ON m.code = s.municipality_code WHERE m.id IS NULL ORDER BY 1"
        )
        counts.unknown_municipalities = tuple(code for (code,) in cursor.fetchall())
        # Streets: the register's name for (municipality, key); the official one replaces a seeded one.
        cursor.execute(
            f"""
            INSERT INTO areas_street (municipality_id, name_nl, name_fr, normalized_name, normalized_name_alt,
                                      external_id, source_id)
            SELECT m.id, s.name_nl, s.name_fr, s.street_key, s.key_alt, s.street_id, %s
            FROM {STREETS} s JOIN areas_municipality m ON m.code = s.municipality_code
            ON CONFLICT (municipality_id, normalized_name) DO UPDATE SET
                name_nl = EXCLUDED.name_nl, name_fr = EXCLUDED.name_fr,
                normalized_name_alt = EXCLUDED.normalized_name_alt, external_id = EXCLUDED.external_id,
                source_id = EXCLUDED.source_id
            WHERE (areas_street.name_nl, areas_street.name_fr, areas_street.normalized_name_alt,
                   areas_street.external_id, areas_street.source_id)
                  IS DISTINCT FROM (EXCLUDED.name_nl, EXCLUDED.name_fr, EXCLUDED.normalized_name_alt,
                                    EXCLUDED.external_id, EXCLUDED.source_id)
            """,
            [source_id],
        )
    point = "ST_SetSRID(ST_MakePoint(st.x, st.y), %s)"
    if srid != LAMBERT72:
        point = f"ST_Transform({point}, {LAMBERT72})"
    created, updated = _scalar(
        f"""
        WITH upserted AS (
            INSERT INTO areas_address (street_id, house_number, number, box_number, postcode, point, status,
                                       source_id, external_id)
            SELECT s.id, st.house_number, st.number, st.box_number, st.postcode, {point}, st.status, %s, st.address_id
            FROM {STAGE} st
            JOIN areas_municipality m ON m.code = st.municipality_code
            JOIN areas_street s ON s.municipality_id = m.id AND s.normalized_name = st.street_key
            ON CONFLICT (source_id, external_id) DO UPDATE SET
                street_id = EXCLUDED.street_id, house_number = EXCLUDED.house_number, number = EXCLUDED.number,
                box_number = EXCLUDED.box_number, postcode = EXCLUDED.postcode, point = EXCLUDED.point,
                status = EXCLUDED.status
            WHERE (areas_address.street_id, areas_address.house_number, areas_address.number,
                   areas_address.box_number, areas_address.postcode, areas_address.status)
                  IS DISTINCT FROM (EXCLUDED.street_id, EXCLUDED.house_number, EXCLUDED.number,
                                    EXCLUDED.box_number, EXCLUDED.postcode, EXCLUDED.status)
               OR NOT ST_DWithin(areas_address.point, EXCLUDED.point, 0.001)
            RETURNING (xmax = 0) AS created
        )
        SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM upserted
        """,
        [srid, source_id],
    )
    staged = _scalar(f"SELECT count(*) FROM {STAGE} st JOIN areas_municipality m ON m.code = st.municipality_code", [])[
        0
    ]
    # Addresses of the municipalities in this file that the file no longer has: retired, not deleted.
    (counts.retired,) = _scalar(
        f"""
        WITH retired AS (
            UPDATE areas_address a SET status = 'retired'
            FROM areas_street s JOIN areas_municipality m ON m.id = s.municipality_id
            WHERE a.street_id = s.id AND a.source_id = %s AND a.status <> 'retired'
              AND m.code IN (SELECT DISTINCT municipality_code FROM {STREETS})
              AND NOT EXISTS (SELECT 1 FROM {STAGE} st WHERE st.address_id = a.external_id)
            RETURNING 1
        )
        SELECT count(*) FROM retired
        """,
        [source_id],
    )
    counts.created, counts.updated = created, updated
    counts.unchanged = staged - created - updated
    counts.unknown_rows = _scalar(f"SELECT count(*) FROM {STAGE}", [])[0] - staged
    return counts
