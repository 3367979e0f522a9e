from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from importers.addresses import BestAddressImporter
from importers.base import ImportFailed


class Command(BaseCommand):
    help = (
        "Importeer het adresregister BeST-Address (openaddress-bevlg.zip of de CSV erin, van opendata.bosa.be). "
        "Een nieuwer bestand werkt gewijzigde adressen bij en historeert verdwenen adressen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="openaddress-be*.zip of de CSV erin")
        parser.add_argument(
            "--include-retired", action="store_true", help="Ook gehistoreerde en afgekeurde adressen bewaren."
        )
        parser.add_argument("--dry-run", action="store_true", help="Alles inlezen en controleren, niets bewaren.")

    def handle(self, *args: Any, **options: Any) -> None:
        importer = BestAddressImporter(
            path=options["path"],
            include_retired=options["include_retired"],
            dry_run=options["dry_run"],
            stdout=self.stdout,
        )
        try:
            run = importer.run()
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(run.summary())
        for warning in run.warnings[:10]:
            self.stdout.write(f"    waarschuwing: {warning}")
