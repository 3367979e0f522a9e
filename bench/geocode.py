"""Benchmark of the geocoding batch: addresses per second for the synthetic Flanders-scale directory.

    DATABASE_URL=postgis://…/sk_geocoding .venv/bin/python bench/geocode.py [--organisations 35000] [--seed 1]

1. `manage.py generate_synthetic --organisations N --seed S --without-points --replace`: synthetic organisations
   whose locations have an address but no point, with a matching synthetic register (source "synthetic"),
2. `locations_geocode(only_missing=True)` with the local register (what `manage.py geocode --only-missing`
   runs), timed: one Python process, one database connection,
3. the same addresses geocoded one by one (`LocalGeocoder.geocode`, no batch fast path) on a sample, for the
   ratio between the two paths,
4. prints locations per second, the grades, and the ratio to the target (35,000 organisations in under 60 s);
   then removes the synthetic records again (`--keep` leaves them).
generate_synthetic --replace/--delete remove every record of source "synthetic", the demo's sample records
included: run this on a scratch database (e.g. DATABASE_URL=…/sk_geocoding) and `load_demo` there afterwards.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo.settings")
os.environ["DJANGO_DEBUG"] = "0"

TARGET_SECONDS = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisations", type=int, default=35_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=2_000, help="addresses geocoded one by one for the ratio")
    parser.add_argument("--keep", action="store_true", help="leave the synthetic records in the database")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    from geo.directory.models import Location
    from geo.geocoding.apply import location_query
    from geo.geocoding.local import LocalGeocoder
    from geo.geocoding.services import locations_geocode

    started = time.perf_counter()
    call_command(
        "generate_synthetic",
        organisations=args.organisations,
        seed=args.seed,
        without_points=True,
        replace=True,
        stdout=io.StringIO(),
    )
    print(f"generated {args.organisations:,} synthetic organisations in {time.perf_counter() - started:.0f} s")
    missing = Location.objects.filter(point__isnull=True, point_locked=False)
    synthetic = missing.filter(is_synthetic=True).count()
    print(f"locations without a point: {missing.count():,} ({synthetic:,} synthetic)")

    summary = locations_geocode(only_missing=True, provider="local", progress=False)
    rate = summary.processed / summary.seconds
    print("batch (manage.py geocode --only-missing):")
    for line in summary.lines():
        print(f"  {line}")
    print(f"  {rate:,.0f} locations/s on one core; target {synthetic:,} in < {TARGET_SECONDS} s")
    print(f"  ratio to target: {summary.seconds / TARGET_SECONDS:.2f} (below 1 is within the target)")

    queries = [
        location_query(location)
        for location in Location.objects.filter(is_synthetic=True).order_by("pk")[: args.sample]
    ]
    geocoder = LocalGeocoder()
    started = time.perf_counter()
    for query in queries:
        geocoder.geocode(query)
    single = len(queries) / (time.perf_counter() - started)
    started = time.perf_counter()
    geocoder.geocode_many(queries)
    many = len(queries) / (time.perf_counter() - started)
    print(
        f"geocoding only, {len(queries):,} addresses: one by one {single:,.0f}/s, batched {many:,.0f}/s "
        f"(ratio {many / single:.1f})"
    )

    if not args.keep:
        call_command("generate_synthetic", delete=True, stdout=io.StringIO())
        print("synthetic records removed")


if __name__ == "__main__":
    main()
