from __future__ import annotations

from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from importers.base import ImportFailed
from importers.geography import GEOGRAPHY_IMPORTERS
from importers.runner import run_importers


class Command(BaseCommand):
    help = "Importeer gewesten, provincies, arrondissementen, gemeenten, deelgemeenten, wijken, postcodes en bevolking."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alles inlezen en controleren, niets bewaren.")
        parser.add_argument(
            "--skip-unchanged", action="store_true", help="Sla bronnen over die sinds de vorige import niet wijzigden."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run_importers(
                GEOGRAPHY_IMPORTERS,
                dry_run=options["dry_run"],
                skip_unchanged_source=options["skip_unchanged"],
                stdout=cast(TextIO, self.stdout),  # an OutputWrapper writes like a TextIO
            )
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
