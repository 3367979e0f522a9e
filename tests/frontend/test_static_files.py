"""The shipped ES modules and the vendored MapLibre, checked without a browser."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.conf import settings

JS_DIR = Path(settings.BASE_DIR) / "frontend" / "static" / "frontend" / "js"
VENDOR_DIR = Path(settings.BASE_DIR) / "frontend" / "static" / "vendor" / "maplibre-gl"

IMPORT = re.compile(r'import\s*\{([^}]*)\}\s*from\s*"(\./[^"]+)"', re.S)
EXPORT = re.compile(r"export\s+(?:async\s+)?(?:function|const|let|class)\s+([\w$]+)")


def test_every_imported_name_is_exported_by_its_module() -> None:
    exports = {path.name: set(EXPORT.findall(path.read_text(encoding="utf-8"))) for path in JS_DIR.glob("*.js")}
    problems = []
    for path in JS_DIR.glob("*.js"):
        for names, target in IMPORT.findall(path.read_text(encoding="utf-8")):
            module = target.removeprefix("./")
            if module not in exports:
                problems.append(f"{path.name}: no module {module}")
                continue
            for name in (n.strip() for n in names.split(",")):
                if name and name not in exports[module]:
                    problems.append(f"{path.name}: {module} does not export {name}")
    assert problems == []


def test_modules_stay_small() -> None:
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in JS_DIR.glob("*.js")}
    assert sizes and max(sizes.values()) < 300, sizes


def test_the_vendored_maplibre_is_the_pinned_release_untouched() -> None:
    version = (VENDOR_DIR / "VERSION").read_text().strip()
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    assert f"MAPLIBRE_VERSION ?= {version}" in makefile
    bundle = (VENDOR_DIR / "maplibre-gl.js").read_text(encoding="utf-8")
    assert f"blob/v{version}/LICENSE.txt" in bundle[:400]
    for line in (VENDOR_DIR / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((VENDOR_DIR / name).read_bytes()).hexdigest() == digest, name
    assert "BSD" in (VENDOR_DIR / "LICENSE.txt").read_text()
