"""Dichtstbij from a point, checked against the database's own nearest-neighbour order; and the search form
used with the keyboard only."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point

from geo.directory.models import Location
from tests.e2e.conftest import OpenPage
from tests.e2e.helpers import listed_organisations, screenshot, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

KORENMARKT = (3.7214, 51.0545)


def test_nearest_pharmacies_come_in_order_of_distance(open_page: OpenPage) -> None:
    origin = Point(*KORENMARKT, srid=4326).transform(31370, clone=True)
    nearest = (
        Location.objects.filter(
            status="published", organisation__status="published", organisation__categories__code="gezondheid.apotheken"
        )
        .exclude(point=None)
        .annotate(d=Distance("point", origin))
        .order_by("d")[:10]
    )
    expected = [location.organisation_id for location in nearest]
    page: Any = open_page(
        f"/?mode=dichtstbij&layers=gezondheid&at={KORENMARKT[0]},{KORENMARKT[1]}&category=gezondheid.apotheken"
    )
    assert listed_organisations(page) == expected
    first_distance = page.locator("#results .result").first.locator("strong").inner_text()
    assert first_distance == f"{round(nearest[0].d.m)} m"
    assert page.get_by_label("Rubriek").input_value() == "gezondheid.apotheken"
    screenshot(page, "13-nearest")


def test_the_search_works_with_the_keyboard_alone(open_page: OpenPage) -> None:
    page: Any = open_page("/?layers=justitie")
    page.keyboard.press("Tab")  # skip link first
    assert page.evaluate("document.activeElement.textContent") == "Naar het zoekformulier"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("vredegerecht")
    page.wait_for_selector("#q-suggestions:not([hidden]) [role=option]")
    page.keyboard.press("ArrowDown")
    active = page.get_attribute("#q", "aria-activedescendant")
    assert active and page.get_attribute(f"#{active}", "aria-selected") == "true"
    page.keyboard.press("Enter")  # choose the suggestion
    assert page.get_attribute("#q", "aria-expanded") == "false"
    page.keyboard.press("Tab")
    page.keyboard.type("Gent")
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")  # submit
    settle(page)
    assert listed_organisations(page)
    outline = page.evaluate(
        """() => { const link = document.querySelector('#results .result a'); link.focus();
                   return getComputedStyle(link).outlineStyle + ' ' + getComputedStyle(link).outlineWidth; }"""
    )
    assert outline.startswith("solid") and not outline.endswith(" 0px")
    screenshot(page, "14-keyboard")
