"""Benchmark of the planners' view: cold and cached coverage per top-level rubric, beside the raw SQL time.

    DATABASE_URL=postgis://…/sk_planning .venv/bin/python bench/coverage.py [--levels municipality neighbourhood]

For every top-level rubric and unit level (all Flemish municipalities, all Flemish wijken) it
  1. empties the coverage cache and times `coverage_cached` (cold: data version, statement, figures, store),
  2. times it again (cached: data version + one indexed row read),
  3. times the bare coverage statement (geo.coverage.statement.unit_rows) on its own, rows fetched,
and prints the three times, the number of matching organisations and the ratios cold/SQL and the targets
(cold < 2 s municipalities, < 5 s wijken; cached < 50 ms). Run on the 35,000-organisation synthetic set
(`manage.py generate_synthetic --organisations 35000 --seed 1`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo.settings")
os.environ["DJANGO_DEBUG"] = "0"

TARGET_COLD_S = {"municipality": 2.0, "neighbourhood": 5.0, "submunicipality": 5.0}
TARGET_CACHED_MS = 50.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", nargs="+", default=["municipality", "neighbourhood"])
    parser.add_argument("--cached-repeats", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from geo.coverage.cache import coverage_cache_forget_recent, coverage_cached
    from geo.coverage.models import AreaUnitOverlap
    from geo.coverage.selectors import CoverageQuery, organisations_matching, scope_municipality_ids
    from geo.coverage.services import coverage_cache_clear
    from geo.coverage.statement import area_unit_overlaps_fill, unit_rows
    from geo.coverage.units import Level
    from geo.directory.models import Category, Organisation

    print(f"organisations: {Organisation.objects.count():,}")
    rubrics = list(Category.objects.filter(parent=None).order_by("path"))
    for level_name in args.levels:
        level = Level(level_name)
        # The (drawn area, unit) overlaps are geography: stored once (make import), then reused by every rubric.
        AreaUnitOverlap.objects.filter(level=level_name).delete()
        started = time.perf_counter()
        pairs = area_unit_overlaps_fill(level=level, organisations=Organisation.objects.filter(status="published"))
        print(
            f"\n{level_name}: overlaps of every drawn area with every unit, stored once per geography: "
            f"{time.perf_counter() - started:.1f} s ({pairs:,} pairs)"
        )
        # One computation first, not counted: the process's first one also pays for the connection's PROJ
        # set-up, imports and plans (about a second), which no planner's question after the first does.
        coverage_cached(CoverageQuery(category=rubrics[0], level=level))
        print(f"{level_name}: rubric | orgs | units | cold s | cached ms | SQL s | cold/SQL")
        colds, cacheds, sqls = [], [], []
        for category in rubrics:
            query = CoverageQuery(category=category, level=level)
            coverage_cache_clear()
            coverage_cache_forget_recent()
            started = time.perf_counter()
            units, hit = coverage_cached(query)
            cold = time.perf_counter() - started
            assert not hit
            runs = []
            for _ in range(args.cached_repeats):
                started = time.perf_counter()
                _, hit = coverage_cached(query)
                runs.append((time.perf_counter() - started) * 1000)
                assert hit
            cached = statistics.median(runs)
            started = time.perf_counter()
            unit_rows(
                level=level,
                organisations=organisations_matching(query),
                scope_municipality_ids=scope_municipality_ids(query),
                removed_location_ids=[],
                added_points=[],
            )
            sql = time.perf_counter() - started
            colds.append(cold)
            cacheds.append(cached)
            sqls.append(sql)
            orgs = organisations_matching(query).count()
            print(
                f"  {category.code:<14} | {orgs:>6,} | {len(units):>5} | {cold:6.2f} | {cached:8.1f} | {sql:5.2f} |"
                f" {cold / sql:4.2f}"
            )
        target = TARGET_COLD_S[level_name]
        print(
            f"  max cold {max(colds):.2f} s (target < {target} s: {'ok' if max(colds) < target else 'MISSED'}); "
            f"max cached {max(cacheds):.1f} ms (target < {TARGET_CACHED_MS:.0f} ms: "
            f"{'ok' if max(cacheds) < TARGET_CACHED_MS else 'MISSED'}); median SQL {statistics.median(sqls):.2f} s"
        )


if __name__ == "__main__":
    main()
