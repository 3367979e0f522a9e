"""Writing geocoding results to locations: the manual pin always wins, batches are resumable and honest."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from geo.areas.models import Municipality
from geo.directory.models import Location, Organisation
from geo.directory.services import location_municipality
from geo.geocoding.apply import AMBIGUOUS
from geo.geocoding.base import Precision
from geo.geocoding.models import GeocodeRun
from geo.geocoding.services import (
    location_address_update,
    location_geocode,
    location_set_point_manually,
    locations_geocode,
)
from tests.geocoding.sources import agency_point

pytestmark = pytest.mark.django_db


def make_location(street: str, house_number: str = "", postcode: str = "", municipality_name: str = "") -> Location:
    organisation = Organisation.objects.create(name=f"Testvoorziening {street}")
    return Location.objects.create(
        organisation=organisation,
        street=street,
        house_number=house_number,
        postcode=postcode,
        municipality_name=municipality_name,
    )


@pytest.fixture
def editor() -> User:
    return User.objects.create_superuser("redacteur", "redacteur@example.org", "een-lang-wachtwoord-42")


def test_it_geocodes_a_location_and_gives_it_its_municipality_and_service_area() -> None:
    location = make_location("Kerkstraat", "196", "9050", "Gent")
    best = location_geocode(location=location)
    location.refresh_from_db()
    assert best is not None and location.geocode_precision == Precision.ADDRESS
    assert location.point.distance(agency_point(442407)) < 1
    assert (location.geocode_source, location.municipality.code) == ("local", "44021")
    assert location.geocoded_at is not None
    # Without an explicit area, the organisation serves the municipality of its location.
    area = location.organisation.__class__.objects.get(pk=location.organisation_id).effective_area
    assert area is not None and list(area.municipalities.values_list("code", flat=True)) == ["44021"]


def test_a_manual_pin_always_wins_and_survives_regeocoding(editor: User) -> None:
    location = make_location("Kerkstraat", "196", "9050", "Gent")
    location_geocode(location=location)
    pin = Point(3.7500, 51.0400, srid=4326)
    location_set_point_manually(location=location, point=pin, user=editor)
    location.refresh_from_db()
    assert location.point_locked and location.geocode_precision == Location.Precision.MANUAL
    assert location.point_set_by == editor
    assert timezone.now() - location.point_set_at < timedelta(minutes=1)
    pinned = location.point.clone()

    assert location_geocode(location=location, force=True) is None
    locations_geocode(only_missing=False, progress=False)
    location_address_update(
        location=location, street="Langestraat", house_number="139", postcode="9050", municipality_name="Gent"
    )
    location.refresh_from_db()
    assert location.street == "Langestraat"  # the address changed…
    assert location.point.equals_exact(pinned, 0.001)  # …the editor's pin did not
    assert location.geocode_precision == Location.Precision.MANUAL


def test_a_changed_address_is_geocoded_again_by_the_service_that_changes_it() -> None:
    location = make_location("Kerkstraat", "196", "9050", "Gent")
    location_geocode(location=location)
    location_address_update(
        location=location, street="Kortrijksesteenweg", house_number="114", postcode="9000", municipality_name="Gent"
    )
    location.refresh_from_db()
    assert location.point.distance(agency_point(442108)) < 1


def test_an_ambiguous_address_sets_no_point_and_says_why() -> None:
    location = make_location("Brusselsesteenweg")
    assert location_geocode(location=location) is None
    location.refresh_from_db()
    assert location.point is None
    assert location.geocode_source == AMBIGUOUS


def test_the_batch_geocodes_what_is_missing_with_a_summary_per_grade() -> None:
    exact = make_location("Kerkstraat", "196", "9050", "Gent")
    unknown_street = make_location("Onbestaandestraat", "12", "9050", "Gent")
    ambiguous = make_location("Brusselsesteenweg")
    missing_before = Location.objects.filter(point=None, point_locked=False).count()

    summary = locations_geocode(only_missing=True, progress=False)

    assert summary.processed == missing_before
    assert summary.by_precision[Precision.ADDRESS] >= 1 and summary.by_precision[Precision.POSTAL_AREA] >= 1
    assert summary.ambiguous >= 1
    for location in (exact, unknown_street, ambiguous):
        location.refresh_from_db()
    assert exact.geocode_precision == Precision.ADDRESS
    assert unknown_street.geocode_precision == Precision.POSTAL_AREA
    assert ambiguous.point is None
    # The chunked UPDATE gives every location the municipality the directory's own rule gives it.
    for location in Location.objects.filter(geocode_source="local"):
        assert location.municipality_id == location_municipality(location=location).pk
    run = GeocodeRun.objects.get(pk=summary.run_id)
    assert run.outcome == GeocodeRun.Outcome.SUCCEEDED and run.processed == summary.processed


def test_an_interrupted_batch_resumes_where_it_stopped() -> None:
    run = GeocodeRun.objects.create(only_missing=True)  # left "running", as after a crash
    done = make_location("Kerkstraat", "196", "9050", "Gent")
    done.geocoded_at = timezone.now()  # handled by that run before it stopped
    done.save()
    todo = make_location("Kortrijksesteenweg", "114", "9000", "Gent")

    summary = locations_geocode(resume=True, progress=False)

    done.refresh_from_db()
    todo.refresh_from_db()
    assert summary.run_id == run.pk
    assert done.point is None and todo.geocode_precision == Precision.ADDRESS
    with pytest.raises(ValueError, match="geen onderbroken"):
        locations_geocode(resume=True, progress=False)


def test_a_dry_run_saves_nothing() -> None:
    location = make_location("Kerkstraat", "196", "9050", "Gent")
    summary = locations_geocode(only_missing=True, dry_run=True, progress=False)
    location.refresh_from_db()
    assert summary.by_precision[Precision.ADDRESS] >= 1
    assert location.point is None and location.geocoded_at is None
    assert GeocodeRun.objects.get(pk=summary.run_id).outcome == GeocodeRun.Outcome.DRY_RUN


def test_the_geocode_command_reports_grades_and_refuses_an_unknown_provider() -> None:
    make_location("Kerkstraat", "196", "9050", "Gent")
    out = io.StringIO()
    call_command("geocode", "--only-missing", "--dry-run", stdout=out)
    assert "proefdraai" in out.getvalue() and "adrespunt: " in out.getvalue()
    with pytest.raises(CommandError, match="unknown geocoding provider 'google'"):
        call_command("geocode", "--provider", "google", stdout=io.StringIO())


def test_the_quality_report_lists_counts_and_the_worst_addresses(editor: User) -> None:
    location = make_location("Onbestaandestraat", "12", "9050", "Gent")
    location_geocode(location=location)
    out = io.StringIO()
    call_command("geocode_report", "--limit", "500", stdout=out)
    text = out.getvalue()
    assert "postcodegebied" in text
    assert f"Onbestaandestraat 12, 9050 Gent (vestiging {location.pk})" in text

    nowhere = make_location("Onbestaandestraat", "1", "9999", "Nergensdorp")
    location_geocode(location=nowhere)
    client = Client()
    client.force_login(editor)
    page = client.get(reverse("admin:geocoding_quality")).content.decode()
    assert "Kwaliteit van de geocodering" in page
    assert "adres niet gevonden" in page  # the worst come first, with the reason and a link to move the pin
    assert reverse("admin:directory_location_change", args=[nowhere.pk]) in page


def test_the_municipality_of_a_geocoded_location_is_where_its_point_is() -> None:
    location = make_location("Kerkstraat", "196", "9050", "Gent")
    location.municipality = Municipality.objects.get(code="44088")  # wrong on purpose: Merelbeke-Melle
    location.save()
    location_geocode(location=location)
    location.refresh_from_db()
    assert location.municipality.code == "44021"
