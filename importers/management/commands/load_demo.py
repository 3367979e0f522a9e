from __future__ import annotations

from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from geo.coverage.services import coverage_features_refresh_if_stale
from importers.base import ImportFailed
from importers.demo import load_demo


class Command(BaseCommand):
    help = "Laad de echte open data van de demo (Gent en Vlaanderen). Een tweede keer wijzigt niets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alles inlezen en controleren, niets bewaren.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook bronnen opnieuw inlezen die sinds de vorige import niet wijzigden.",
        )
        parser.add_argument(
            "--no-sample",
            action="store_true",
            help="Geen voorbeeldorganisaties (en bestaande voorbeeldorganisaties verwijderen).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            load_demo(
                stdout=cast(TextIO, self.stdout),  # an OutputWrapper writes like a TextIO
                dry_run=options["dry_run"],
                skip_unchanged_source=not options["force"],
                sample=not options["no_sample"],
            )
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        if options["dry_run"]:
            return
        # The planners' WFS layers (dekking_<niveau>_<rubriek>) follow the data; the test session skips this.
        written = coverage_features_refresh_if_stale()
        if written is None:
            self.stdout.write("dekking (WFS): ongewijzigd")
        else:
            self.stdout.write(f"dekking (WFS): {written} gebieden berekend")
