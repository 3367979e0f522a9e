"""Reading Belgian addresses as people and our sources write them (no database)."""

from __future__ import annotations

import pytest

from geo.geocoding.normalize import box_key, street_key
from geo.geocoding.parse import ParsedAddress, parse_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kerkstraat 147, 9050 Gent", ParsedAddress("Kerkstraat", "147", "", "9050", "Gent")),
        ("Kerkstraat 147 bus 3 9050 Gentbrugge", ParsedAddress("Kerkstraat", "147", "3", "9050", "Gentbrugge")),
        # The agency list writes boxes after a slash or a space, with leading zeros.
        ("Langestraat 126/001 Ledeberg", ParsedAddress("Langestraat", "126", "1", "", "Ledeberg")),
        ("Langestraat 126 001", ParsedAddress("Langestraat", "126", "1")),
        (
            "Ottergemsesteenweg-Zuid 808 C007, 9000 Gent",
            ParsedAddress("Ottergemsesteenweg-Zuid", "808", "C007", "9000", "Gent"),
        ),
        ("Sint-Pietersnieuwstraat 15 A", ParsedAddress("Sint-Pietersnieuwstraat", "15A")),
        # courts.json writes "Stationsstraat, 21" (Eeklo) and "Bolivarplaats 20 b19" (Antwerpen).
        ("Stationsstraat, 21", ParsedAddress("Stationsstraat", "21")),
        ("Bolivarplaats 20 b19", ParsedAddress("Bolivarplaats", "20", "19")),
        # A four-digit number right after the street is a house number, after the number a postcode.
        ("Kortrijksesteenweg 1204, 9051 Gent", ParsedAddress("Kortrijksesteenweg", "1204", "", "9051", "Gent")),
        ("Heerweg - Noord 31", ParsedAddress("Heerweg-Noord", "31")),
        ("9050 Gent", ParsedAddress(postcode="9050", locality="Gent")),
        ("Beverstraat 7B (eerste verdieping)", ParsedAddress("Beverstraat", "7B")),
    ],
)
def test_it_reads_the_parts_of_an_address(text: str, expected: ParsedAddress) -> None:
    assert parse_address(text) == expected


def test_it_keeps_a_building_name_aside_and_tries_the_next_part_as_the_street() -> None:
    parsed = parse_address("Gerechtsgebouw, Canadaplein ZN, 8400 Oostende")
    assert (parsed.street, parsed.postcode, parsed.locality) == ("Gerechtsgebouw", "8400", "Oostende")
    assert [reading.street for reading in parsed.alternatives()] == ["Canadaplein"]


def test_a_four_digit_number_before_a_place_name_may_be_a_postcode() -> None:
    parsed = parse_address("Kerkstraat 9050 Gent")
    assert parsed.house_number == "9050"
    assert parsed.alternatives()[0].postcode == "9050"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Kortrijkse stwg", "Kortrijksesteenweg"),
        ("Kerkstr.", "Kerkstraat"),
        ("St.-Pietersnieuwstraat", "Sint-Pietersnieuwstraat"),
        ("Heerweg - Noord", "Heerweg-Noord"),
        ("F. Van Rijhovelaan", "F. Van Ryhovelaan"),  # ij and y: the agency and OSM spell Ryhove both ways
        ("Opgeeistenlaan", "Opgeëistenlaan"),
        ("Antwerpse Steenweg", "Antwerpsesteenweg"),
    ],
)
def test_spelling_variants_share_one_street_key(left: str, right: str) -> None:
    assert street_key(left) == street_key(right)


def test_different_streets_keep_different_keys() -> None:
    assert street_key("Heerweg-Noord") != street_key("Heerweg-Zuid")


@pytest.mark.parametrize(
    ("box", "key"), [("0001", "1"), ("c007", "C007"), ("bus 3", "3"), ("b19", "19"), ("A000", "A000")]
)
def test_box_numbers_compare_without_leading_zeros_and_case(box: str, key: str) -> None:
    assert box_key(box) == key
