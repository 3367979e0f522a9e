"""A copied link restores the same state in a fresh browser: query, filters, list, fiche, layers and view."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import OpenPage
from tests.e2e.helpers import listed_organisations, screenshot, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def view(page: Any) -> tuple[float, float, float]:
    return tuple(
        page.evaluate(
            "(() => { const m = window.socialeKaart.map, c = m.getCenter(); return [m.getZoom(), c.lng, c.lat]; })()"
        )
    )


def test_the_shared_url_restores_the_same_state(open_page: OpenPage) -> None:
    page: Any = open_page("/?layers=gezondheid,justitie")
    page.get_by_label("Wie of wat?").fill("apotheek")
    page.get_by_label("Waar?").fill("Gent")
    page.get_by_label("Waar?").press("Enter")
    settle(page)
    page.locator("#refine summary").click()
    page.get_by_label("Doelgroep").select_option("iedereen")
    settle(page)
    page.get_by_label("Sorteren op").select_option("name")
    settle(page)
    listed = listed_organisations(page)
    assert listed
    names = [text.split("\n", 1)[-1] for text in page.locator("#results .result-name").all_inner_texts()]
    assert len(names) > 2 and names == sorted(names, key=str.casefold)
    page.locator("#results .result a").nth(1).click()
    settle(page)
    fiche_name = page.locator(".fiche-name").inner_text()
    page.evaluate("window.socialeKaart.map.jumpTo({zoom: 13.25, center: [3.731, 51.047]})")
    settle(page)
    shared = page.url
    for part in (
        "q=apotheek",
        "where=",
        "target_group=iedereen",
        "sort=name",
        "fiche=",
        "layers=gezondheid,justitie",
        "map=13.25/",
    ):
        assert part in shared

    fresh: Any = open_page(shared.removeprefix(shared.split("/?")[0]))
    assert fresh.locator(".fiche-name").inner_text() == fiche_name
    assert fresh.get_by_label("Wie of wat?").input_value() == "apotheek"
    assert fresh.get_by_label("Waar?").input_value() == "Gent"
    assert fresh.get_by_label("Doelgroep").input_value() == "iedereen"
    assert fresh.get_by_label("Sorteren op").input_value() == "name"
    legend = fresh.locator("#legend")
    assert (
        not legend.get_by_label("Thuiszorg").is_checked() and legend.get_by_label("Rechtshulp en justitie").is_checked()
    )
    zoom, lon, lat = view(fresh)
    assert abs(zoom - 13.25) < 0.01 and abs(lon - 3.731) < 1e-4 and abs(lat - 51.047) < 1e-4
    screenshot(fresh, "09-shared-url")
    fresh.get_by_role("button", name="Terug").first.click()
    settle(fresh)
    assert listed_organisations(fresh) == listed
