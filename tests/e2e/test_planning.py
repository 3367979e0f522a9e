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


def test_taking_away_the_nearest_pharmacy_lengthens_the_distances_and_a_second_click_restores_it(
    open_page: OpenPage,
) -> None:
    page = open_page("/planning/?rubric=gezondheid.apotheken&level=neighbourhood&scope=44021", width=1280, height=900)
    map_idle(page)
    # the wijk closest to a pharmacy, and that pharmacy: the one nearest to the wijk's representative point
    location_id, lon, lat = page.evaluate(
        """() => {
          const state = window.socialeKaart.planning;
          const located = state.units.filter((u) => u.distance_m !== null);
          const unit = located.sort((a, b) => a.distance_m - b.distance_m)[0];
          const [ulon, ulat] = unit.point;
          const metres = (f) => {
            const [lon, lat] = f.geometry.coordinates;
            return Math.hypot((lon - ulon) * 70000, (lat - ulat) * 111000);
          };
          const nearest = [...state.locations].sort((a, b) => metres(a) - metres(b))[0];
          return [nearest.id, ...nearest.geometry.coordinates];
        }"""
    )
    page.evaluate("([lon, lat]) => window.socialeKaart.map.jumpTo({ center: [lon, lat], zoom: 17 })", [lon, lat])
    map_idle(page)
    page.click("#whatif-toggle")
    x, y = map_pixel(page, lon, lat)
    page.mouse.click(x, y)
    page.wait_for_function("document.body.dataset.busy === 'false' && document.querySelector('#summary .was')")
    map_idle(page)
    assert f"remove={location_id}" in page.url
    after, before = page.evaluate(
        "() => { const p = window.socialeKaart.planning;return [p.summary, p.baseline].map((s) => s.distance_mean_m) }"
    )
    assert after > before  # without it, that wijk's nearest pharmacy is farther away
    removed = [f for f in rendered(page, ["locations-points"]) if f.get("removed")]
    assert len(removed) == 1  # drawn greyed out, so the planner sees what was taken away
    screenshot(page, "planning-what-if-remove")

    assert map_pixel(page, lon, lat) == (x, y)  # the map did not move under the planner's pointer
    page.mouse.click(x, y)  # a second click puts it back
    page.wait_for_function("document.body.dataset.busy === 'false' && !document.querySelector('#summary .was')")
    assert "remove=" not in page.url


def test_the_report_page_carries_map_legend_figures_and_attribution(open_page: OpenPage) -> None:
    page = open_page("/planning/?rubric=gezondheid.apotheken&level=submunicipality&scope=44021&rapport=1")
    page.evaluate("window.print = () => {}")
    map_idle(page)
    assert page.locator(".planning-controls").is_hidden()
    assert page.locator("#legend li").count() == 6
    assert "Statbel" in page.text_content("#attribution")
    assert figure(page, "population") != "–"
    screenshot(page, "planning-report")
