from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from geo.geocoding.base import GeocoderError
from geo.geocoding.batch import GeocodeRunError
from geo.geocoding.services import locations_geocode


class Command(BaseCommand):
    help = "Geocodeer vestigingen met het adresregister (en online diensten als die ingesteld zijn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only-missing", action="store_true", help="Enkel vestigingen zonder punt (anders alle gegeocodeerde)."
        )
        parser.add_argument("--provider", default=None, help="Enkel deze dienst: local, nominatim, photon of pelias.")
        parser.add_argument("--dry-run", action="store_true", help="Alles berekenen, niets bewaren.")
        parser.add_argument("--resume", action="store_true", help="Een onderbroken run verderzetten.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = locations_geocode(
                only_missing=options["only_missing"],
                provider=options["provider"],
                dry_run=options["dry_run"],
                resume=options["resume"],
                progress=None,
            )
        except (ImproperlyConfigured, GeocodeRunError, GeocoderError) as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
