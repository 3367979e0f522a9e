"""The local register geocoder on real Gent addresses (the demo register: agency pharmacies, court buildings,
OSM pharmacies), with the right answers read from those source files."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import Point

from geo.areas.models import Municipality, SubMunicipality
from geo.geocoding.base import Precision
from geo.geocoding.local import LocalGeocoder
from tests.geocoding.sources import agency_point, court_building_point

pytestmark = pytest.mark.django_db

GENT = "44021"


@pytest.fixture
def geocoder() -> LocalGeocoder:
    return LocalGeocoder()


def test_it_finds_the_exact_house_number(geocoder: LocalGeocoder) -> None:
    [best] = geocoder.geocode("Kerkstraat 196, 9050 Gent")
    assert best.precision == Precision.ADDRESS
    assert best.label == "Kerkstraat 196, 9050 Gent"
    assert best.municipality_code == GENT
    assert best.point.distance(agency_point(442407)) < 1  # the agency's pharmacy at Kerkstraat 196


def test_it_finds_a_misspelled_or_abbreviated_street(geocoder: LocalGeocoder) -> None:
    misspelled = geocoder.geocode("Brusselssteenweg 607, 9050 Gent")[0]
    assert (misspelled.precision, misspelled.label) == (Precision.ADDRESS, "Brusselsesteenweg 607, 9050 Gent")
    assert misspelled.point.distance(agency_point(442404)) < 1
    assert misspelled.score < 1  # a fuzzy street match says so in its score
    abbreviated = geocoder.geocode("Kortrijkse stwg. 114, 9000 Gent")[0]
    assert abbreviated.label == "Kortrijksesteenweg 114, 9000 Gent"
    assert abbreviated.point.distance(agency_point(442108)) < 1


def test_it_finds_the_box_number_and_says_when_it_only_knows_the_building(geocoder: LocalGeocoder) -> None:
    with_box = geocoder.geocode("Ottergemsesteenweg-Zuid 808 bus C007, 9000 Gent")[0]
    assert (with_box.precision, with_box.label) == (
        Precision.ADDRESS,
        "Ottergemsesteenweg-Zuid 808 bus C007, 9000 Gent",
    )
    assert with_box.point.distance(agency_point(442206)) < 1
    unknown_box = geocoder.geocode("Ottergemsesteenweg-Zuid 808 bus 5, 9000 Gent")[0]
    assert unknown_box.precision == Precision.ADDRESS
    assert "bus" not in unknown_box.label
    assert unknown_box.score < with_box.score
    assert unknown_box.point.distance(with_box.point) < 25  # the same building


def test_it_knows_a_deelgemeente_name_stands_for_its_municipality(geocoder: LocalGeocoder) -> None:
    best = geocoder.geocode("Kerkstraat 196 Gentbrugge")[0]
    assert (best.precision, best.municipality_code) == (Precision.ADDRESS, GENT)
    assert best.point.distance(agency_point(442407)) < 1
    # The deelgemeente alone is a place: a point in Ledeberg, graded as an area smaller than the municipality.
    # Roosdaal has a wijk called Ledeberg: it comes second, the deelgemeente of Gent first.
    ledeberg, *others = geocoder.geocode("Ledeberg")
    assert (ledeberg.precision, ledeberg.label) == (Precision.POSTAL_AREA, "Ledeberg (Gent)")
    assert [other.label for other in others] == ["Ledeberg (wijk, Roosdaal)"]
    assert SubMunicipality.objects.get(name_nl="Ledeberg", municipality__code=GENT).geom.contains(ledeberg.point)


def test_an_unknown_street_falls_back_to_the_postal_area_with_that_grade(geocoder: LocalGeocoder) -> None:
    candidates = geocoder.geocode("Onbestaandestraat 12, 9050 Gent")
    assert [c.precision for c in candidates] == [Precision.POSTAL_AREA, Precision.MUNICIPALITY]
    # Postcode 9050 is Gentbrugge and Ledeberg: the point lies there, not in the city centre (9000).
    gentbrugge_ledeberg = SubMunicipality.objects.filter(
        municipality__code=GENT, name_nl__in=["Gentbrugge", "Ledeberg"]
    )
    assert any(part.geom.contains(candidates[0].point) for part in gentbrugge_ledeberg)
    assert candidates[0].label.startswith("9050 Gent")


def test_an_unknown_postcode_without_a_known_place_gives_nothing(geocoder: LocalGeocoder) -> None:
    assert geocoder.geocode("Onbestaandestraat 1, 9999 Nergensdorp") == []


def test_an_ambiguous_street_returns_several_equally_good_candidates(geocoder: LocalGeocoder) -> None:
    # Brusselsesteenweg runs through Gent, Merelbeke-Melle and Wetteren: the register has addresses in all three.
    candidates = geocoder.geocode("Brusselsesteenweg")
    names = {Municipality.objects.get(code=c.municipality_code).name_nl for c in candidates}
    assert {"Gent", "Merelbeke-Melle", "Wetteren"} <= names
    assert len({c.score for c in candidates}) == 1
    assert all(c.precision == Precision.STREET for c in candidates)


def test_a_house_number_the_register_lacks_is_interpolated_on_its_side_of_the_street(geocoder: LocalGeocoder) -> None:
    # The register knows Zwijnaardsesteenweg 566 and 718 (agency list), both even: 600 lies between them.
    [best] = geocoder.geocode("Zwijnaardsesteenweg 600, 9000 Gent")
    assert best.precision == Precision.INTERPOLATED
    low, high = agency_point(442158), agency_point(442105)
    assert best.point.distance(low) == pytest.approx(low.distance(high) * (600 - 566) / (718 - 566), abs=0.5)
    assert best.point.distance(high) < low.distance(high)


def test_the_untrusted_agency_coordinate_is_not_in_the_register(geocoder: LocalGeocoder) -> None:
    # Record 442411, Kerkstraat 147 in 9050, carries a source point near Deinze. The register left it out, so
    # the geocoder honestly answers with the street in Gentbrugge, not with that point.
    [best] = geocoder.geocode("Kerkstraat 147, 9050 Gent")
    assert best.precision == Precision.STREET
    assert Municipality.objects.get(code=GENT).geom.contains(best.point)


def test_a_court_building_is_found_at_its_ngi_point(geocoder: LocalGeocoder) -> None:
    [best] = geocoder.geocode("Opgeëistenlaan 401 bus F, 9000 Gent")
    assert best.precision == Precision.ADDRESS
    assert best.point.distance(court_building_point("justice-of-the-peace-gent-1")) < 1


def test_reverse_geocoding_snaps_to_the_nearest_address_or_names_the_area(geocoder: LocalGeocoder) -> None:
    near_196 = agency_point(442407)
    clicked = Point(near_196.x + 8, near_196.y + 6, srid=31370)
    found = geocoder.reverse(clicked)
    assert found is not None and found.label.startswith("Kerkstraat 196")
    # Far from any register address, in Ledeberg: the deelgemeente and its postcode.
    ledeberg = SubMunicipality.objects.get(name_nl="Ledeberg", municipality__code=GENT)
    area = geocoder.reverse(ledeberg.geom.point_on_surface.transform(4326, clone=True))
    assert area is not None
    assert (area.precision, area.label, area.postcode) == (Precision.POSTAL_AREA, "Ledeberg (Gent)", "9050")


def test_the_batch_path_gives_the_same_answers_as_one_by_one(geocoder: LocalGeocoder) -> None:
    queries = [
        "Kerkstraat 196, 9050 Gent",
        "Brusselssteenweg 607, 9050 Gent",
        "Zwijnaardsesteenweg 600, 9000 Gent",
        "Onbestaandestraat 12, 9050 Gent",
        "Brusselsesteenweg",
        "Ottergemsesteenweg-Zuid 808 bus 5, 9000 Gent",
    ]
    assert [found[:1] for found in geocoder.geocode_many(queries)] == [geocoder.geocode(q)[:1] for q in queries]
