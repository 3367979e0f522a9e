"""Bench of the GIS interfaces on the synthetic Flanders-scale directory.

    DATABASE_URL=postgis://…/sk_gis .venv/bin/python bench/gis.py [--tiles-per-zoom 25] [--repeat 7]

Needs `manage.py load_demo` and `manage.py generate_synthetic --organisations 35000 --seed 1` on that database.
Prints WFS GetFeature time for 1,000 features and vector-tile time per zoom (z8–z16), each beside the raw SQL
time of the same query, so the figures show what the HTTP/Django layer adds.
Targets: point tiles p50 ≤ 3 ms above raw SQL; service-area tiles at z10 < 50 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from geo.directory.models import Location, Organisation  # noqa: E402
from layers.gis.services import map_layers_refresh  # noqa: E402

ZOOMS = range(8, 17)
LAYERS = ("all", "gezondheid")


def timed_ms(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def sample_tiles(z: int, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Tiles around randomly drawn locations: where the map actually has data (a seeded, repeatable draw)."""
    ids = list(Location.objects.exclude(point=None).values_list("id", flat=True).order_by("id"))
    tiles: list[tuple[int, int]] = []
    for location_id in rng.sample(ids, min(count, len(ids))):
        point = Location.objects.get(pk=location_id).point
        assert point is not None
        wgs = point.transform(4326, clone=True)
        tiles.append(tile_of(wgs.x, wgs.y, z))
    return tiles


def raw_tile(function: str, z: int, x: int, y: int, category_path: str | None) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s, %s, %s, NULL, NULL)", [z, x, y, category_path])
        return bytes(cursor.fetchone()[0])


def bench_tiles(client: Client, *, kind: str, tiles_per_zoom: int, repeat: int) -> None:
    function = "layers_location_tile" if kind == "locations" else "layers_service_area_tile"
    suffix = "" if kind == "locations" else "/service-areas"
    print(f"\n{kind} tiles (p50 / p95 ms over {tiles_per_zoom} tiles x {repeat} runs; layers {', '.join(LAYERS)})")
    print(f"{'z':>3} {'raw SQL p50':>12} {'endpoint p50':>13} {'added p50':>10} {'endpoint p95':>13} {'avg KB':>7}")
    for z in ZOOMS:
        rng = random.Random(z)
        raw: list[float] = []
        endpoint: list[float] = []
        added: list[float] = []
        sizes: list[int] = []
        for x, y in sample_tiles(z, tiles_per_zoom, rng):
            for layer in LAYERS:
                path = None if layer == "all" else layer
                url = f"/tiles/{layer}{suffix}/{z}/{x}/{y}.pbf"
                sizes.append(len(raw_tile(function, z, x, y, path)))  # warm the caches once
                client.get(url)
                for _ in range(repeat):
                    raw_ms = timed_ms(lambda: raw_tile(function, z, x, y, path), 1)[0]  # noqa: B023
                    http_ms = timed_ms(lambda: client.get(url), 1)[0]  # noqa: B023
                    raw.append(raw_ms)
                    endpoint.append(http_ms)
                    added.append(http_ms - raw_ms)
        print(
            f"{z:>3} {p50(raw):>12.2f} {p50(endpoint):>13.2f} {p50(added):>10.2f} {p95(endpoint):>13.2f} "
            f"{statistics.mean(sizes) / 1024:>7.1f}"
        )


def bench_wfs(client: Client, *, repeat: int) -> None:
    print("\nWFS GetFeature, 1,000 features of sk:vestigingen (p50 / p95 ms)")
    raw_sql = (
        "SELECT id, name, organisation_name, category, municipality, is_synthetic, label, "
        "ST_AsGeoJSON(ST_Transform(point, 4326), 15) FROM layers_public_location ORDER BY id LIMIT 1000"
    )

    def run_raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(raw_sql)
            cursor.fetchall()

    raw = timed_ms(run_raw, repeat)
    print(f"{'raw SQL (view, GeoJSON geometry)':<40} {p50(raw):>8.1f} {p95(raw):>8.1f}")
    for label, output_format in (
        ("GeoJSON", "geojson"),
        ("GML 3.2", "application/gml+xml; version=3.2"),
        ("CSV", "csv"),
    ):

        def request(output_format: str = output_format) -> None:
            response = client.get(
                "/wfs",
                {
                    "SERVICE": "WFS",
                    "VERSION": "2.0.0",
                    "REQUEST": "GetFeature",
                    "TYPENAMES": "sk:vestigingen",
                    "COUNT": "1000",
                    "OUTPUTFORMAT": output_format,
                },
            )
            assert response.status_code == 200
            b"".join(response.streaming_content) if response.streaming else response.content

        request()
        samples = timed_ms(request, repeat)
        print(
            f"{'endpoint ' + label:<40} {p50(samples):>8.1f} {p95(samples):>8.1f}"
            f"   ({p50(samples) / p50(raw):.1f}x raw)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiles-per-zoom", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", choices=["wfs", "tiles", "service-areas"], help="run one part only")
    parser.add_argument("--zooms", default="8-16", help="zoom range of the tiles, e.g. 10-10")
    args = parser.parse_args()
    organisations = Organisation.objects.count()
    if organisations < 30_000:
        sys.exit(
            f"Only {organisations} organisations: run `manage.py generate_synthetic --organisations 35000 --seed 1`"
        )
    map_layers_refresh()
    print(
        f"{organisations} organisations, {Location.objects.exclude(point=None).count()} located locations "
        f"(database {connection.settings_dict['NAME']})"
    )
    first, _, last = args.zooms.partition("-")
    global ZOOMS
    ZOOMS = range(int(first), int(last or first) + 1)
    client = Client()
    if args.only in (None, "wfs"):
        bench_wfs(client, repeat=args.repeat * 2)
    if args.only in (None, "tiles"):
        bench_tiles(client, kind="locations", tiles_per_zoom=args.tiles_per_zoom, repeat=args.repeat)
    if args.only in (None, "service-areas"):
        bench_tiles(client, kind="service_areas", tiles_per_zoom=args.tiles_per_zoom, repeat=args.repeat)


if __name__ == "__main__":
    main()
