"""Run every benchmark in turn against the database in DATABASE_URL (`make bench`).

The benches need the demo (`make import`) and the synthetic Flanders-scale set
(`manage.py generate_synthetic --organisations 35000 --seed 1`); this script creates the latter when it is
missing. Each bench prints its own figures and ratios; docs/performance.md records them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# geocode.py last: it regenerates the synthetic set without points and removes it when done.
BENCHES = ["api.py", "gis.py", "coverage.py", "ui.py", "register.py", "geocode.py"]


def main() -> int:
    python = sys.executable
    env = {**os.environ}
    check = (
        "import django; django.setup(); from geo.directory.models import Organisation; "
        "print(Organisation.objects.filter(source__code='synthetic-benchmark').count())"
    )
    count = subprocess.run(
        [python, "-c", check],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "geo.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if int(count or 0) < 35_000:
        print("synthetic set missing: generating 35,000 organisations (about 2 minutes)", flush=True)
        subprocess.run(
            [python, "manage.py", "generate_synthetic", "--organisations", "35000", "--seed", "1", "--replace"],
            cwd=ROOT,
            check=True,
        )
    failed = []
    for bench in BENCHES:
        print(f"\n===== bench/{bench} =====", flush=True)
        if subprocess.run([python, str(ROOT / "bench" / bench)], cwd=ROOT).returncode != 0:
            failed.append(bench)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
