"""The planning page in Chromium: rubric, choropleth and legend, a what-if point that changes the figures."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import OpenPage
from tests.e2e.helpers import map_idle, map_pixel, rendered, screenshot

pytestmark = pytest.mark.django_db


def figure(page: object, key: str) -> str:
    return str(page.text_content(f'#summary dd[data-figure="{key}"]'))  # type: ignore[attr-defined]


def test_a_planner_sees_the_choropleth_and_a_what_if_point_changes_the_figures(open_page: OpenPage) -> None:
    page = open_page("/planning/?rubric=gezondheid.apotheken&level=neighbourhood&scope=44021", width=1280, height=900)
    page.select_option("#rubric", "gezondheid.apotheken")
    map_idle(page)
    drawn = rendered(page, ["units-fill"])
    # Gent's 25 wijken are drawn, each coloured by its class; the legend names the five classes
    assert len({feature["code"] for feature in drawn}) == 25
    assert {feature["klasse"] for feature in drawn} <= {0, 1, 2, 3, 4}
    assert page.locator("#legend li").count() == 6
    assert "geschat" in page.text_content("#population-note")
    rows = page.locator("#worst-table tbody tr")
    assert rows.count() == 15
    assert int(page.get_attribute("#histogram", "data-bins")) >= 1
    worst = page.locator("#worst-table tbody tr").first.locator("td").nth(1).text_content()
    mean_before = figure(page, "distance_mean_m")

    # what-if: a pharmacy at the representative point of the wijk that is furthest from one
    lon, lat = page.evaluate(
        """() => {
          const units = [...window.socialeKaart.planning.units];
          return units.sort((a, b) => b.distance_m - a.distance_m)[0].point;
        }"""
    )
    page.click("#whatif-toggle")
    x, y = map_pixel(page, lon, lat)
    page.mouse.click(x, y)
    page.wait_for_function("document.body.dataset.busy === 'false' && document.querySelector('#summary .was')")
    map_idle(page)
    assert figure(page, "distance_mean_m") != mean_before
    assert page.locator("#summary .was").count() >= 1  # the before-value is shown struck through
    # the worst wijk now has a (hypothetical) pharmacy at its centre: it is no longer at the top of the table
    assert page.locator("#worst-table tbody tr").first.locator("td").nth(1).text_content() != worst
    assert "add=" in page.url
    screenshot(page, "planning-what-if")


def test_the_report_page_carries_map_legend_figures_and_attribution(open_page: OpenPage) -> None:
    page = open_page("/planning/?rubric=gezondheid.apotheken&level=submunicipality&scope=44021&rapport=1")
    page.evaluate("window.print = () => {}")
    map_idle(page)
    assert page.locator(".planning-controls").is_hidden()
    assert page.locator("#legend li").count() == 6
    assert "Statbel" in page.text_content("#attribution")
    assert figure(page, "population") != "–"
    screenshot(page, "planning-report")
