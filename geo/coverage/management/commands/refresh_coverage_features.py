from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from geo.coverage.services import coverage_features_refresh
from geo.coverage.units import Level


class Command(BaseCommand):
    help = "Bereken de dekking per hoofdrubriek en gebiedsniveau opnieuw voor de WFS-laag 'dekking_…'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--levels",
            nargs="+",
            choices=[level.value for level in Level],
            default=[Level.MUNICIPALITY.value, Level.NEIGHBOURHOOD.value],
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = coverage_features_refresh(levels=[Level(value) for value in options["levels"]])
        self.stdout.write(f"{count} gebieden berekend")
