"""Benchmark of the BeST-Address import: time and peak memory for a Flanders-size file.

    DATABASE_URL=postgis://…/sk_geocoding .venv/bin/python bench/register.py [--rows 3500000] [--variant 31370|3812]

1. writes a synthetic file in the BeST-Address format to /tmp (the real column set, either coordinate header
   variant; streets named "Voorbeeldstraat N" in the real Flemish municipalities, points scattered around
   each municipality's centre; about a tenth of the addresses with a box number, a few percent retired),
2. runs `manage.py import_addresses FILE --dry-run` in a child process: the whole import (COPY into the
   staging table, street and address upserts, retirement, gazetteer rebuild) runs and is then rolled back,
   so the database is left as it was,
3. prints wall time, rows per second and the child's peak resident memory, against the targets
   (3.5 million rows in under 10 minutes and 500 MB), extrapolated linearly when --rows is smaller.
`--commit` keeps the synthetic register (only on a scratch database: its source is "best-address").
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo.settings")
os.environ["DJANGO_DEBUG"] = "0"

FLANDERS_ROWS = 3_500_000
TARGET_SECONDS = 600
TARGET_MB = 500
HEADER = [
    "EPSG:31370_x", "EPSG:31370_y", "EPSG:4326_lat", "EPSG:4326_lon", "address_id", "box_number", "house_number",
    "municipality_id", "municipality_name_de", "municipality_name_fr", "municipality_name_nl", "postcode",
    "postname_fr", "postname_nl", "street_id", "streetname_de", "streetname_fr", "streetname_nl", "region_code",
    "status",
]  # fmt: skip


def municipalities() -> list[tuple[str, str, str, float, float, float, float]]:
    """(code, name, postcode, x72, y72, x08, y08) of the Flemish municipalities with a boundary."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT m.code, m.name_nl, min(pa.postcode), ST_X(c), ST_Y(c), ST_X(ST_Transform(c, 3812)),
                   ST_Y(ST_Transform(c, 3812))
            FROM areas_municipality m
            CROSS JOIN LATERAL ST_PointOnSurface(m.geom) AS c
            JOIN areas_postalarea_municipalities pm ON pm.municipality_id = m.id
            JOIN areas_postalarea pa ON pa.id = pm.postalarea_id
            WHERE m.region_id = (SELECT id FROM areas_region WHERE code = '02000')
            GROUP BY m.id, c ORDER BY m.code
            """
        )
        return list(cursor.fetchall())


def write_file(path: Path, rows: int, srid: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    towns = municipalities()
    per_town = rows // len(towns) + 1
    header = HEADER if srid == 31370 else ["EPSG:3812_x", "EPSG:3812_y", *HEADER[2:]]
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for code, name, postcode, x72, y72, x08, y08 in towns:
            x0, y0 = (x72, y72) if srid == 31370 else (x08, y08)
            for index in range(min(per_town, rows - written)):
                street, number = divmod(index, 40)
                box = str(rng.randint(1, 12)) if rng.random() < 0.1 else ""
                status = "retired" if rng.random() < 0.03 else "current"
                writer.writerow([
                    f"{x0 + rng.uniform(-2500, 2500):.2f}", f"{y0 + rng.uniform(-2500, 2500):.2f}", "", "",
                    f"{code}-{written}", box, str(number * 2 + 1), code, "", "", name, postcode, "", name,
                    f"{code}-s{street}", "", "", f"Voorbeeldstraat {street}", "BE-VLG", status,
                ])  # fmt: skip
                written += 1
            if written >= rows:
                break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=FLANDERS_ROWS)
    parser.add_argument("--variant", type=int, choices=[31370, 3812], default=31370)
    parser.add_argument("--commit", action="store_true", help="keep the synthetic register (scratch database only)")
    args = parser.parse_args()
    import django

    django.setup()

    path = Path(tempfile.gettempdir()) / f"best-bench-{args.rows}-{args.variant}.csv"
    if not path.exists():
        started = time.perf_counter()
        write_file(path, args.rows, args.variant)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s")
    command = [sys.executable, str(ROOT / "manage.py"), "import_addresses", str(path)]
    if not args.commit:
        command.append("--dry-run")
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-2000:])
    if result.returncode != 0:
        sys.exit(result.returncode)
    if not args.commit:
        # The rolled-back rows stay behind as dead tuples and would slow the next run down: clean them up.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE areas_address")
            cursor.execute("VACUUM ANALYZE areas_street")
    rate = args.rows / seconds
    print(f"rows: {args.rows:,}  header: EPSG:{args.variant}  import: {seconds:.1f} s  ({rate:,.0f} rows/s)")
    print(f"peak memory of the import process: {peak_mb:.0f} MB  (target < {TARGET_MB} MB)")
    if args.rows != FLANDERS_ROWS:
        print(
            f"extrapolated to {FLANDERS_ROWS:,} rows: {FLANDERS_ROWS / rate:.0f} s "
            f"(target < {TARGET_SECONDS} s; ratio {FLANDERS_ROWS / rate / TARGET_SECONDS:.2f})"
        )
    else:
        print(f"ratio to target: time {seconds / TARGET_SECONDS:.2f}, memory {peak_mb / TARGET_MB:.2f}")


if __name__ == "__main__":
    main()
