"""Running importers in order and reporting on them (used by the management commands)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TextIO

from importers.base import Importer
from importers.models import ImportRun


def run_importers(
    importers: Sequence[type[Importer]],
    *,
    dry_run: bool = False,
    skip_unchanged_source: bool = False,
    stdout: TextIO,
) -> list[ImportRun]:
    runs = []
    for importer_class in importers:
        started = time.perf_counter()
        run = importer_class(dry_run=dry_run, stdout=stdout).run(skip_unchanged_source=skip_unchanged_source)
        elapsed = time.perf_counter() - started
        if run.outcome == ImportRun.Outcome.SOURCE_UNCHANGED:
            stdout.write(f"{run.importer}: bron ongewijzigd sinds de vorige import, overgeslagen\n")
        else:
            stdout.write(f"{run.summary()} ({elapsed:.1f} s)\n")
        for warning in run.warnings[:5]:
            stdout.write(f"    waarschuwing: {warning}\n")
        if len(run.warnings) > 5:
            stdout.write(f"    … en {len(run.warnings) - 5} waarschuwingen meer (zie de importrun in het beheer)\n")
        runs.append(run)
    return runs
