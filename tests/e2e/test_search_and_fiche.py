"""Search "kinderopvang" in "Gent" with the two fields, see the list and the numbered markers, open a fiche."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Q

from geo.areas.models import Municipality
from geo.directory.models import Organisation
from tests.e2e.conftest import OpenPage
from tests.e2e.helpers import listed_organisations, map_idle, rendered, screenshot, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def kinderopvang_serving_gent() -> dict[int, Organisation]:
    """Published organisations in the rubriek Kinderopvang whose werkingsgebied lies (partly) in Gent."""
    gent = Municipality.objects.get(code="44021")
    found = Organisation.objects.filter(
        Q(categories__code="kinderen.kinderopvang") | Q(services__categories__code="kinderen.kinderopvang"),
        status="published",
        effective_area__geom__intersects=gent.geom,
    ).distinct()
    return {organisation.pk: organisation for organisation in found}


def test_search_kinderopvang_in_gent_lists_them_and_opens_a_fiche(open_page: OpenPage) -> None:
    expected = kinderopvang_serving_gent()
    assert expected, "the demo has (sample) kinderopvang in Gent"
    # Two rubric layers on (the others are the subject of test_layers): the map stays quick to draw.
    page: Any = open_page("/?layers=kinderen,gezondheid")
    screenshot(page, "01-start")

    page.get_by_label("Wie of wat?").fill("kinderopvang")
    page.get_by_label("Waar?").fill("Gent")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    map_idle(page)
    screenshot(page, "02-search-kinderopvang-gent")

    listed = listed_organisations(page)
    assert set(expected) <= set(listed)
    heading = page.locator("#results h2").inner_text()
    assert heading == f"{len(listed)} resultaten"
    # Every generated record says so in words, in the list.
    for organisation_id in listed:
        item = page.locator(f'#results .result[data-org="{organisation_id}"]')
        if organisation_id in expected and expected[organisation_id].is_synthetic:
            assert "Voorbeeld" in item.locator(".badge-voorbeeld").inner_text()
    # The map shows one numbered marker per listed result, all inside the fitted view.
    markers = rendered(page, ["results-circle"])
    assert sorted(m["org"] for m in markers) == sorted(listed)
    assert "q=kinderopvang" in page.url and "where=" in page.url

    # Hovering a result highlights its marker.
    first = listed[0]
    page.locator(f'#results .result[data-org="{first}"]').hover()
    state = page.evaluate(f"window.socialeKaart.map.getFeatureState({{source: 'results', id: {first}}})")
    assert state.get("hover") is True

    page.locator(f'#results .result[data-org="{first}"] a').click()
    settle(page)
    fiche = page.locator("#fiche")
    assert fiche.is_visible() and not page.locator("#results").is_visible()
    name = expected[first].name if first in expected else Organisation.objects.get(pk=first).name
    assert page.locator(".fiche-name").inner_text() == name
    assert page.locator(".fiche-name").evaluate("el => el === document.activeElement")
    assert f"fiche={first}" in page.url
    if Organisation.objects.get(pk=first).is_synthetic:
        assert "Voorbeeld" in fiche.locator(".voorbeeld-note").inner_text()
    assert fiche.get_by_role("heading", name="Werkingsgebied").is_visible()
    page.wait_for_function("document.querySelector('.fiche-map canvas') !== null")
    assert page.get_by_role("button", name="Afdrukken").is_visible()
    screenshot(page, "03-fiche")
    # The printable version: only the fiche, no map, no forms.
    page.emulate_media(media="print")
    assert fiche.is_visible() and page.locator(".fiche-name").is_visible()
    assert not page.locator(".map-wrap").is_visible() and not page.locator(".controls").is_visible()
    assert not page.get_by_role("button", name="Afdrukken").is_visible()
    page.emulate_media(media="screen")

    # Back closes the fiche and brings the list back.
    page.go_back()
    settle(page)
    assert page.locator("#results").is_visible() and not fiche.is_visible()
    assert listed_organisations(page) == listed
