from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from importers.base import ImportFailed
from importers.sector_population import SectorPopulationImporter


class Command(BaseCommand):
    help = (
        "Importeer de bevolking per statistische sector van Statbel (OPENDATA_SECTOREN_<jaar>.txt, "
        "door | gescheiden). De planningsweergave telt dan deelgemeenten op uit hun sectoren."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="OPENDATA_SECTOREN_<jaar>.txt")
        parser.add_argument("--year", type=int, help="Referentiejaar, als het niet in de bestandsnaam staat.")
        parser.add_argument("--dry-run", action="store_true", help="Alles inlezen en controleren, niets bewaren.")

    def handle(self, *args: Any, **options: Any) -> None:
        importer = SectorPopulationImporter(
            path=options["path"], year=options["year"], dry_run=options["dry_run"], stdout=self.stdout
        )
        try:
            run = importer.run()
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(run.summary())
        for warning in run.warnings[:10]:
            self.stdout.write(f"    waarschuwing: {warning}")
