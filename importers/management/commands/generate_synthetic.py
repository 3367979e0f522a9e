from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from geo.directory.models import Organisation
from importers.synthetic import BENCHMARK_SOURCE, synthetic_delete, synthetic_generate, synthetic_indexes_rebuild


class Command(BaseCommand):
    help = (
        "Maak een synthetische dataset op Vlaamse schaal (organisaties, vestigingen, aanbod, werkingsgebieden) "
        "voor benchmarks. Alle records zijn gemarkeerd als voorbeeld; nooit deel van de demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisations", type=int, default=35_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--replace", action="store_true", help="Verwijder eerst alle bestaande voorbeeldrecords.")
        parser.add_argument(
            "--without-points", action="store_true", help="Laat de punten van de vestigingen leeg (om te geocoderen)."
        )
        parser.add_argument("--delete", action="store_true", help="Verwijder alle voorbeeldrecords en stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["delete"]:
            deleted = synthetic_delete()
            self.stdout.write(f"{deleted} voorbeeldrecords verwijderd")
            if deleted:
                self._rebuild_indexes()
            return
        if not 1 <= options["organisations"] <= 500_000:
            raise CommandError("--organisations moet tussen 1 en 500000 liggen")
        existing = Organisation.objects.filter(source__code=BENCHMARK_SOURCE).count()
        if existing and not options["replace"]:
            raise CommandError(f"er zijn al {existing} voorbeeldorganisaties; gebruik --replace om ze te vervangen")
        if existing:
            synthetic_delete()
            self._rebuild_indexes()
        started = time.perf_counter()
        summary = synthetic_generate(
            organisations=options["organisations"], seed=options["seed"], with_points=not options["without_points"]
        )
        self.stdout.write(
            f"{summary.organisations} organisaties, {summary.locations} vestigingen, {summary.services} aanbod, "
            f"{summary.service_areas} nieuwe werkingsgebieden, {summary.addresses} adressen "
            f"in {time.perf_counter() - started:.1f} s (alle gemarkeerd als voorbeeld)"
        )

    def _rebuild_indexes(self) -> None:
        started = time.perf_counter()
        tables = synthetic_indexes_rebuild()
        self.stdout.write(f"indexen van {len(tables)} tabellen herbouwd in {time.perf_counter() - started:.1f} s")
