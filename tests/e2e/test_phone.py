"""A 390×844 phone: the form, then the map, then the list; everything reachable without sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import OpenPage
from tests.e2e.helpers import listed_organisations, map_idle, rendered, screenshot, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def test_a_phone_shows_a_usable_map_and_list(open_page: OpenPage) -> None:
    page: Any = open_page("/?q=apotheek&where=Gent", width=390, height=844, is_mobile=True, has_touch=True)
    map_idle(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    map_box = page.locator("#map").bounding_box()
    list_box = page.locator("#results").bounding_box()
    assert map_box["width"] >= 380 and map_box["height"] >= 280
    assert list_box["y"] >= map_box["y"] + map_box["height"]  # the list comes below the map
    assert len(rendered(page, ["results-circle"])) > 0
    # The legend starts folded so it does not cover the map; it opens with its button.
    toggle = page.get_by_role("button", name="Kaartlagen")
    assert toggle.get_attribute("aria-expanded") == "false"
    screenshot(page, "10-phone-map")
    toggle.tap()
    assert page.locator("#legend").get_by_label("Lichamelijke gezondheidszorg").is_visible()
    toggle.tap()

    listed = listed_organisations(page)
    first = page.locator("#results .result a").first
    first.scroll_into_view_if_needed()
    screenshot(page, "11-phone-list")
    first.tap()
    settle(page)
    assert page.locator(".fiche-name").is_visible()
    assert f"fiche={listed[0]}" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "12-phone-fiche")
