"""Who serves this address: real answers from the real service areas (courts, care zones, housing, police)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point

from geo.directory.models import Organisation
from geo.directory.selectors import organisations_serving

pytestmark = pytest.mark.django_db
AREAS = Path(settings.SHARED_DATA_DIR) / "service_areas"


def serving(point: Point, prefix: str) -> set[str]:
    return set(organisations_serving(point=point).filter(external_id__startswith=prefix).values_list("name", flat=True))


def test_a_point_in_each_gent_canton_gets_exactly_its_own_vredegerecht() -> None:
    for number in range(1, 6):
        court = Organisation.objects.get(external_id=f"court:justice-of-the-peace-gent-{number}")
        point = court.service_area.geom.point_on_surface
        assert serving(point, "court:justice-of-the-peace-") == {court.name}


def test_every_gent_pharmacy_address_gets_the_gent_bodies() -> None:
    expected = {
        "Eerstelijnszone Gent",
        "Woonmaatschappij Gent-stad",
        "Gezondheidsmakers Regio Gent",
        "Politiezone Gent",
    }
    pharmacies = Organisation.objects.filter(source__code="afmps-apotheken", locations__point__isnull=False)
    assert pharmacies.count() > 140
    for pharmacy in pharmacies:
        assert serving(pharmacy.locations.get().point, "body:") == expected, pharmacy.name


def _bodies_of(municipality: str) -> set[str]:
    names = set()
    for kind in ("elz", "woonmaatschappij", "gezondheidsmakers", "politiezone", "igs"):
        with (AREAS / f"municipality_to_{kind}.csv").open(encoding="utf-8") as handle:
            code = next(row[kind] for row in csv.DictReader(handle) if row["gemeente"] == municipality)
        found = Organisation.objects.filter(external_id=f"body:{kind}:{code}").values_list("name", flat=True)
        names |= set(found)  # "Geen IGS" has no body
    return names


@pytest.mark.parametrize("code", ["44013", "44088"])  # Destelbergen, Merelbeke-Melle
def test_an_address_in_a_neighbouring_municipality_gets_its_own_bodies(code: str) -> None:
    from geo.areas.models import Municipality

    town = Municipality.objects.get(code=code)
    expected = _bodies_of(code)
    assert (expected and "Eerstelijnszone Gent" not in expected) or code == "44013"
    assert serving(town.geom.point_on_surface, "body:") == expected
