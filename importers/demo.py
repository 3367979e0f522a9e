"""The demo data set: the real open data of Gent and Flanders, in dependency order.

`manage.py load_demo` runs it; the test suite loads the same into the test database once per session.
Sample (synthetic, "voorbeeld") organisations fill only the rubrics without real records, and are left out
(and removed) with `load_demo --no-sample` (`sample=False`).
"""

from __future__ import annotations

from typing import TextIO

from geo.directory.services import categories_seed, target_groups_seed
from geo.geocoding.services import locations_geocode
from importers.addresses import REGISTER_SEED_IMPORTERS
from importers.base import Importer
from importers.bodies import BODY_IMPORTERS
from importers.geography import GEOGRAPHY_IMPORTERS
from importers.justice import JUSTICE_IMPORTERS
from importers.models import ImportRun
from importers.pharmacies import PHARMACY_IMPORTERS
from importers.runner import run_importers
from importers.sample import SampleImporter, SampleRemover
from layers.gis.services import map_layers_refresh


def organisation_importers(*, sample: bool = True) -> list[type[Importer]]:
    """Real organisations (justice, bodies known by their area, pharmacies), then the samples (or their removal)."""
    return [*JUSTICE_IMPORTERS, *BODY_IMPORTERS, *PHARMACY_IMPORTERS, SampleImporter if sample else SampleRemover]


def demo_importers(*, sample: bool = True) -> list[type[Importer]]:
    """Every importer of the demo, in the order they depend on each other."""
    return [*GEOGRAPHY_IMPORTERS, *REGISTER_SEED_IMPORTERS, *organisation_importers(sample=sample)]


def load_demo(
    *, stdout: TextIO, dry_run: bool = False, skip_unchanged_source: bool = True, sample: bool = True
) -> list[ImportRun]:
    categories_seed()
    target_groups_seed()
    runs = run_importers(
        demo_importers(sample=sample), dry_run=dry_run, skip_unchanged_source=skip_unchanged_source, stdout=stdout
    )
    # Every location without a point from its source is placed from the address register (docs/geocoding.md).
    for line in locations_geocode(only_missing=True, dry_run=dry_run, progress=False).lines():
        stdout.write(f"geocodering: {line}\n")
    map_layers_refresh(dry_run=dry_run)  # a layer per new rubriek; generalised service areas for the tiles
    return runs
