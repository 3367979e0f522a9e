"""Switching a rubric layer off in the legend takes its markers off the map (and into the URL)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.gis.geos import Polygon
from django.db.models import Q

from geo.directory.models import Location
from tests.e2e.conftest import OpenPage
from tests.e2e.helpers import map_idle, rendered, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

# Gent's centre at street level, where every marker is drawn (no thinning from zoom 14).
VIEW = "14.5/51.05400/3.72200"


def health_organisations_in(bounds: list[list[float]]) -> set[int]:
    (west, south), (east, north) = bounds
    box = Polygon.from_bbox((west, south, east, north))
    box.srid = 4326
    locations = Location.objects.filter(
        Q(organisation__categories__path="gezondheid") | Q(organisation__categories__path__startswith="gezondheid/"),
        status="published",
        organisation__status="published",
        point__within=box.transform(31370, clone=True),
    )
    return set(locations.values_list("organisation_id", flat=True))


def test_switching_a_layer_off_removes_its_markers(open_page: OpenPage) -> None:
    page: Any = open_page(f"/?map={VIEW}")
    map_idle(page)
    # The locations of the layer well inside the view (a 40 px margin) are all drawn.
    inner = page.evaluate(
        """() => { const m = window.socialeKaart.map, c = m.getContainer();
                   return [m.unproject([40, c.clientHeight - 40]).toArray(),
                           m.unproject([c.clientWidth - 40, 40]).toArray()]; }"""
    )
    expected = health_organisations_in(inner)
    assert expected, "pharmacies in the centre of Gent"
    drawn = {f["organisation_id"] for f in rendered(page, ["rubric-gezondheid"])}
    assert expected <= drawn
    others_before = rendered(page, ["rubric-justitie", "rubric-algemeen", "rubric-kinderen"])
    screenshot(page, "04-layers-on")

    page.locator("#legend").get_by_label("Lichamelijke gezondheidszorg").uncheck()
    map_idle(page)
    assert rendered(page, ["rubric-gezondheid"]) == []
    assert len(rendered(page, ["rubric-justitie", "rubric-algemeen", "rubric-kinderen"])) == len(others_before)
    assert "layers=" in page.url and "gezondheid" not in page.url.split("layers=")[1].split("&")[0].split(",")
    screenshot(page, "05-layer-off")

    # The link keeps the choice.
    again: Any = open_page(page.url.removeprefix(page.url.split("/?")[0]))
    map_idle(again)
    assert not again.locator("#legend").get_by_label("Lichamelijke gezondheidszorg").is_checked()
    assert rendered(again, ["rubric-gezondheid"]) == []
    again.locator("#legend").get_by_label("Lichamelijke gezondheidszorg").check()
    map_idle(again)
    assert expected <= {f["organisation_id"] for f in rendered(again, ["rubric-gezondheid"])}
