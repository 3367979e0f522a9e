"""The service-area rule: an explicit werkingsgebied wins; otherwise the municipalities of the locations."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import Point

from geo.areas.models import Municipality, SubMunicipality
from geo.areas.services import service_area_from_geometry
from geo.directory.models import Category, Location, Organisation
from geo.directory.selectors import organisations_serving
from geo.directory.services import categories_seed, organisation_refresh_effective_area

pytestmark = pytest.mark.django_db

IN_LEDEBERG = Point(3.7438, 51.0377, srid=4326)
IN_DRONGEN = Point(3.6530, 51.0490, srid=4326)
IN_MERELBEKE = Point(3.7465, 50.9945, srid=4326)


def _organisation_in_ledeberg() -> Organisation:
    org = Organisation.objects.create(name="Testorganisatie (fixture)")
    Location.objects.create(
        organisation=org,
        street="Hundelgemsesteenweg",
        house_number="1",
        postcode="9050",
        is_main=True,
        municipality=Municipality.objects.get(code="44021"),
        point=IN_LEDEBERG.transform(31370, clone=True),
    )
    return org


def test_without_an_explicit_area_it_serves_the_municipality_of_its_locations() -> None:
    org = _organisation_in_ledeberg()
    area = organisation_refresh_effective_area(organisation=org)
    assert area is not None and set(area.municipalities.values_list("code", flat=True)) == {"44021"}
    assert org in organisations_serving(point=IN_DRONGEN)  # elsewhere in Gent
    assert org not in organisations_serving(point=IN_MERELBEKE)


def test_an_explicit_area_wins_over_the_locations() -> None:
    org = _organisation_in_ledeberg()
    ledeberg = SubMunicipality.objects.get(code="44021G")
    org.service_area, _ = service_area_from_geometry(geom=ledeberg.geom, name="Ledeberg")
    org.save()
    organisation_refresh_effective_area(organisation=org)
    assert org in organisations_serving(point=IN_LEDEBERG)
    assert org not in organisations_serving(point=IN_DRONGEN)


def test_an_organisation_with_neither_area_nor_location_is_not_found_by_who_serves() -> None:
    org = Organisation.objects.create(name="Zonder adres (fixture)")
    assert organisation_refresh_effective_area(organisation=org) is None
    assert org not in organisations_serving(point=IN_LEDEBERG)


def test_the_rubric_tree_is_seeded_with_the_sectors_of_the_flemish_social_map() -> None:
    top = set(Category.objects.filter(parent=None).values_list("name", flat=True))
    assert len(top) == 18
    assert {"Kinderen en gezinnen", "Huisvesting", "Rechtshulp en justitie", "Zorgverstrekkers"} <= top
    kids = Category.objects.get(code="kinderen")
    subtree = set(Category.objects.filter(path__startswith=f"{kids.path}/").values_list("name", flat=True))
    assert {"Kinderopvang", "Consultatiebureaus", "Spelotheken"} <= subtree
    assert categories_seed() == 0  # a second seed changes nothing
