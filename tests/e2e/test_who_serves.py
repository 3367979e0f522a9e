"""'Wie bedient dit adres?' for a real address in Gent, typed and clicked: the point used, the organisations
grouped by rubriek (exactly those whose werkingsgebied covers the point, computed here from the database),
the werkingsgebied of the one selected; and the question "which one?" for an ambiguous address."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.gis.geos import Point
from django.db.models import Q

from geo.areas.models import Address, ServiceArea, Street
from geo.directory.models import Organisation
from tests.e2e.conftest import OpenPage
from tests.e2e.helpers import listed_organisations, map_idle, map_pixel, screenshot, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

ADDRESS = "Sint-Michielsstraat 15, 9000 Gent"  # a real address of the register (a pharmacy)


def serving(point: Point) -> set[int]:
    """Published organisations whose werkingsgebied, or a published service's own, covers the point."""
    areas = ServiceArea.objects.filter(geom__intersects=point.transform(31370, clone=True)).values("id")
    return set(
        Organisation.objects.filter(
            Q(effective_area__in=areas) | Q(services__status="published", services__service_area__in=areas),
            status="published",
        ).values_list("id", flat=True)
    )


def groups(page: Any) -> dict[str, list[str]]:
    return {
        group.locator(".group-heading").inner_text().rsplit(" (", 1)[0]: [
            text.split("\n", 1)[-1] for text in group.locator(".result-name").all_inner_texts()
        ]
        for group in page.locator("#results .group").all()
    }


def test_who_serves_a_gent_address_typed_then_clicked(open_page: OpenPage) -> None:
    register = Address.objects.get(street__name_nl="Sint-Michielsstraat", house_number="15", postcode="9000")
    expected = serving(register.point)
    page: Any = open_page("/?mode=adres&layers=justitie")
    page.get_by_role("combobox", name="Adres", exact=True).fill(ADDRESS)
    page.get_by_role("combobox", name="Adres", exact=True).press("Enter")
    settle(page)
    assert set(listed_organisations(page)) == expected
    assert page.locator(".point-used").inner_text() == f"Gebruikt punt: {ADDRESS} (adrespunt)"
    assert page.locator("#results h2").first.inner_text() == f"{len(expected)} organisaties bedienen dit adres"
    # Known answers of the real data: the police zone, the eerstelijnszone and the social housing company.
    found = groups(page)
    assert "Politiezone Gent" in found["Politiezones"]
    assert "Eerstelijnszone Gent" in found["Eerstelijnszones en zorgraden"]
    assert "Woonmaatschappij Gent-stad" in found["Sociale huisvesting"]
    map_idle(page)
    screenshot(page, "06-who-serves-address")

    # The same place clicked on the map gives the same organisations, for the point clicked.
    target = Point(register.point.x, register.point.y, srid=31370).transform(4326, clone=True)
    assert isinstance(target, Point)
    page.evaluate(f"window.socialeKaart.map.jumpTo({{center: [{target.x}, {target.y}], zoom: 17}})")
    page.mouse.click(*map_pixel(page, target.x, target.y))
    settle(page)
    lon, lat = (float(v) for v in page.url.split("at=")[1].split("&")[0].split(","))
    clicked = Point(lon, lat, srid=4326)
    assert clicked.transform(31370, clone=True).distance(register.point) < 5
    assert "Punt op de kaart" in page.locator(".point-used").inner_text()
    assert set(listed_organisations(page)) == serving(clicked) == expected

    police = page.locator("#results .result", has_text="Politiezone Gent")
    police.get_by_role("button", name="Werkingsgebied tonen").click()
    map_idle(page)
    assert police.get_by_role("button", name="Werkingsgebied verbergen").get_attribute("aria-pressed") == "true"
    assert page.evaluate("window.socialeKaart.map.queryRenderedFeatures({layers: ['area-fill']}).length") > 0
    assert "sel=" in page.url
    screenshot(page, "07-who-serves-area")


def test_an_ambiguous_address_asks_which_one(open_page: OpenPage) -> None:
    towns = set(Street.objects.filter(name_nl="Stationsstraat").values_list("municipality__name_nl", flat=True))
    assert len(towns) > 1, "the register has several Stationsstraten"
    page: Any = open_page("/?mode=adres&layers=")
    page.get_by_role("combobox", name="Adres", exact=True).fill("Stationsstraat 10")
    page.get_by_role("combobox", name="Adres", exact=True).press("Enter")
    settle(page)
    assert page.get_by_role("heading", name="Welk adres bedoel je?").is_visible()
    choices = page.locator(".candidate").all_inner_texts()
    assert len(choices) > 1 and all(choice.startswith("Stationsstraat, ") for choice in choices)
    assert {choice.split(" ", 2)[2] for choice in choices} <= towns
    page.locator(".candidate").first.click()
    settle(page)
    assert page.locator(".point-used").inner_text() == f"Gebruikt punt: {choices[0]}"
    assert "at=" in page.url and listed_organisations(page)
    screenshot(page, "08-who-serves-ambiguous")
