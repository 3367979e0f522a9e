from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from geo.geocoding.selectors import locations_to_fix, precision_counts, reason


class Command(BaseCommand):
    help = "Kwaliteit van de geocodering: vestigingen per precisie en de slechtst geplaatste adressen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=25, help="Hoeveel slechtste adressen tonen (standaard 25).")
        parser.add_argument("--without-synthetic", action="store_true", help="Voorbeeldrecords niet meetellen.")

    def handle(self, *args: Any, **options: Any) -> None:
        include = not options["without_synthetic"]
        counts = precision_counts(include_synthetic=include)
        total = sum(row.count for row in counts)
        self.stdout.write(f"Vestigingen: {total}")
        for row in counts:
            share = 100 * row.count / total if total else 0
            self.stdout.write(f"  {row.label:<28} {row.count:>7}  ({share:.1f} %)")
        worst = list(locations_to_fix(limit=options["limit"], include_synthetic=include))
        self.stdout.write(f"Slechtst geplaatst ({len(worst)}):")
        for location in worst:
            self.stdout.write(
                f"  [{reason(location)}] {location.organisation.name} — {location.address_line or 'geen adres'}"
                f" (vestiging {location.pk})"
            )
