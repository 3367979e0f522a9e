"""Re-create the screenshots of docs/ui.md (docs/img/ui-*.png) from the running demo.

    DATABASE_URL=... .venv/bin/python frontend/scripts/screenshots.py      (needs `manage.py load_demo`)

Serves the app in-process on 127.0.0.1, drives Debian's Chromium headless through Playwright, and shrinks
each PNG with pngquant (`apt-get install pngquant`) so every file stays well under 150 kB.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo.settings")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

from geo.directory.models import Organisation  # noqa: E402

OUT = ROOT / "docs" / "img"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
IDLE = "() => new Promise((r) => { const m = window.socialeKaart.map; m.once('idle', r); m.triggerRepaint(); })"


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving() -> Iterator[str]:
    server = ThreadedWSGIServer(("127.0.0.1", 0), _Quiet, allow_reuse_address=True)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def shoot(browser: Any, url: str, name: str, *, width: int = 1200, height: int = 760, **actions: Any) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("document.body.dataset.busy === 'false'")
    if actions.get("click"):
        page.locator(actions["click"]).first.click()
        page.wait_for_function("document.body.dataset.busy === 'false'")
    page.evaluate(IDLE)
    path = OUT / f"ui-{name}.png"
    page.screenshot(path=str(path), full_page=actions.get("full_page", False))
    context.close()
    pngquant = shutil.which("pngquant")
    if pngquant:  # our own file names only, no shell
        command = [pngquant, "--force", "--skip-if-larger", "--quality=55-85", "--output", str(path), str(path)]
        subprocess.run(command, check=False)  # noqa: S603
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} kB")


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    pharmacy = Organisation.objects.filter(name="Apotheek De Muynck").values_list("pk", flat=True).first()
    police = Organisation.objects.filter(name="Politiezone Gent").values_list("pk", flat=True).first()
    with serving() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        shoot(browser, f"{base}/?map=13/51.05400/3.72500", "map")
        shoot(browser, f"{base}/?q=apotheek&where=Ledeberg", "search")
        if pharmacy:
            shoot(browser, f"{base}/?q=apotheek&where=Gent&fiche={pharmacy}", "fiche")
        shoot(browser, f"{base}/?mode=adres&address=Sint-Michielsstraat+15,+9000+Gent&sel={police or ''}", "who-serves")
        shoot(browser, f"{base}/?mode=dichtstbij&at=3.72140,51.05450&address=Korenmarkt&category=gezondheid.apotheken",
              "nearest")  # fmt: skip
        shoot(browser, f"{base}/?q=apotheek&where=Gent", "phone", width=390, height=844)
        browser.close()


if __name__ == "__main__":
    main()
