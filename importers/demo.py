"""The demo data set: the real open data of Gent and Flanders, in dependency order.

`manage.py load_demo` runs it; the test suite loads the same into the test database once per session.
Sample (synthetic) organisations are never part of it unless asked for explicitly.
"""

from __future__ import annotations

from typing import TextIO

from geo.directory.services import categories_seed, target_groups_seed
from importers.base import Importer
from importers.geography import GEOGRAPHY_IMPORTERS
from importers.models import ImportRun
from importers.runner import run_importers
from layers.gis.services import map_layers_refresh


def demo_importers() -> list[type[Importer]]:
    """Every importer of real data, in the order they depend on each other."""
    return [*GEOGRAPHY_IMPORTERS]


def load_demo(*, stdout: TextIO, dry_run: bool = False, skip_unchanged_source: bool = True) -> list[ImportRun]:
    categories_seed()
    target_groups_seed()
    runs = run_importers(
        demo_importers(), dry_run=dry_run, skip_unchanged_source=skip_unchanged_source, stdout=stdout
    )
    map_layers_refresh(dry_run=dry_run)  # a layer per new rubriek; generalised service areas for the tiles
    return runs
