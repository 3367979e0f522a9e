"""Bench of the map page on localhost: time to the first rendered map, time to the first results, and the
JS+CSS the page loads (gzipped; target < 400 kB with MapLibre).

    .venv/bin/python bench/ui.py [--repeat 5]          (DATABASE_URL: a database with `manage.py load_demo`)

Serves the app in-process on 127.0.0.1 two ways: a new thread and database connection per request (like
runserver and the test server), and a pool of 8 threads keeping their connections (like gunicorn --threads 8).
Drives Debian's Chromium headless through Playwright; timings are from navigation start, medians of --repeat.
"""

from __future__ import annotations

import argparse
import gzip
import os
import socket
import statistics
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo.settings")

import django

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, WSGIServer  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.test import Client  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
TARGET_BYTES = 400 * 1024
SEARCH = "/?q=apotheek&where=Gent"

# Recorded in the page from navigation start: the map's first `load` (base map drawn) and `idle` (every tile
# of every visible layer drawn), and the moment the first result appears in the list.
PROBE = """
Object.defineProperty(window, "socialeKaart", { configurable: true,
  get() { return this.__sk; },
  set(value) {
    this.__sk = value;
    value.map.once("load", () => { window.__mapLoad = performance.now(); });
    value.map.once("idle", () => { window.__mapIdle = performance.now(); });
  } });
new MutationObserver((_m, observer) => {
  if (document.querySelector("#results .result")) { window.__firstResult = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, childList: true });
"""


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class PooledWSGIServer(WSGIServer):
    """Requests handled by a fixed pool of threads, each keeping its database connection; TCP_NODELAY like
    production servers (without it, wsgiref's separate header and body writes wait ~40 ms for a delayed ACK)."""

    pool = ThreadPoolExecutor(max_workers=8)

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address

    def process_request(self, request: Any, client_address: Any) -> None:
        self.pool.submit(self._handle, request, client_address)

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        finally:
            self.shutdown_request(request)


@contextmanager
def serving(server_class: type[WSGIServer]) -> Iterator[str]:
    server = server_class(("127.0.0.1", 0), _Quiet, allow_reuse_address=True)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def measure(browser: Any, url: str, wait_for: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(PROBE)
    page.goto(url)
    page.wait_for_function(wait_for, timeout=60_000)
    values = page.evaluate("({load: window.__mapLoad, idle: window.__mapIdle, result: window.__firstResult})")
    context.close()
    return {key: float(value) for key, value in values.items() if value is not None}


def submit_to_results(browser: Any, base: str) -> float:
    """A loaded page: type the two fields and press Enter; ms until the list shows the results."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base + "/")
    page.wait_for_function("document.body.dataset.busy === 'false'")
    page.fill("#q", "apotheek")
    page.fill("#where", "Gent")
    elapsed = page.evaluate(
        """() => new Promise((resolve) => {
          const start = performance.now();
          new MutationObserver((_m, observer) => {
            if (document.querySelector("#results .result")) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          }).observe(document.getElementById("results"), { childList: true, subtree: true });
          document.getElementById("search-form").requestSubmit();
        })"""
    )
    context.close()
    return float(elapsed)


def shipped_bytes(base: str) -> tuple[int, int, list[tuple[str, int, int]]]:
    """JS and CSS the page loads: the files it names, the modules they import, and the JS catalogue."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(base + "/")
        page.wait_for_function("document.body.dataset.busy === 'false'")
        urls = page.evaluate(
            "performance.getEntriesByType('resource').map(e => e.name)"
            ".filter(u => /\\.(m?js|css)(\\?|$)/.test(u) || u.includes('/jsi18n/'))"
        )
        browser.close()
    client = Client()
    rows = []
    for url in sorted(set(urls)):
        path = urlparse(url).path
        found = finders.find(path.removeprefix("/static/")) if path.startswith("/static/") else None
        data = Path(found).read_bytes() if found else client.get(path).content
        rows.append((path, len(data), len(gzip.compress(data, compresslevel=9))))
    return sum(r[1] for r in rows), sum(r[2] for r in rows), rows


def median(samples: list[dict[str, float]], key: str) -> float:
    return statistics.median(sample[key] for sample in samples if key in sample)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"UI bench on {os.environ.get('DATABASE_URL', 'the default database')}, median of {options.repeat}")
    for label, server_class in (
        ("thread+connection per request", ThreadedWSGIServer),
        ("pool of 8, kept connections", PooledWSGIServer),
    ):
        with serving(server_class) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            measure(browser, base + "/", "window.__mapIdle")  # warm-up: caches, PROJ, query plans
            landing = [measure(browser, base + "/", "window.__mapIdle") for _ in range(options.repeat)]
            search = [
                measure(browser, base + SEARCH, "window.__firstResult && window.__mapIdle")
                for _ in range(options.repeat)
            ]
            submit = [submit_to_results(browser, base) for _ in range(options.repeat)]
            browser.close()
        print(f"\n[{label}]")
        print(f"  first rendered map (base map drawn):   {median(landing, 'load'):7.0f} ms")
        print(f"  map complete (all layer tiles drawn):  {median(landing, 'idle'):7.0f} ms")
        print(f"  first results, opening {SEARCH}: {median(search, 'result'):7.0f} ms")
        print(f"  first results after pressing Enter:    {statistics.median(submit):7.0f} ms")
    with serving(ThreadedWSGIServer) as base:
        raw, gzipped, rows = shipped_bytes(base)
    print("\nJS + CSS loaded by the page:")
    for path, size, packed in rows:
        print(f"  {path:55} {size / 1024:8.1f} kB  gzip {packed / 1024:7.1f} kB")
    print(f"  {'total':55} {raw / 1024:8.1f} kB  gzip {gzipped / 1024:7.1f} kB")
    print(f"  gzip total / target 400 kB = {gzipped / TARGET_BYTES:.2f}")


if __name__ == "__main__":
    main()
