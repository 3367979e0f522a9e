"""The map page's HTML shell: labelled forms, working endpoint URLs, credits for every source with data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings

from geo.areas.models import DataSource
from geo.directory.models import Organisation, TargetGroup

pytestmark = pytest.mark.django_db


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {key: value or "" for key, value in attrs}))


def page(client: Client) -> tuple[str, list[tuple[str, dict[str, str]]], dict[str, Any]]:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    parser = PageParser()
    parser.feed(html)
    found = re.search(r'<script id="page-config" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page's configuration"
    config = json.loads(found[1])
    return html, parser.elements, config


def test_every_input_of_the_page_has_a_label(client: Client) -> None:
    _html, elements, _config = page(client)
    labelled = {attrs["for"] for tag, attrs in elements if tag == "label" and "for" in attrs}
    inputs = [attrs for tag, attrs in elements if tag in ("input", "select") and attrs.get("type") != "radio"]
    assert {attrs["id"] for attrs in inputs} >= {"q", "where", "address", "nearest-address", "sort", "target_group"}
    assert all(attrs["id"] in labelled for attrs in inputs)
    comboboxes = [attrs for attrs in inputs if attrs.get("role") == "combobox"]
    assert {attrs["aria-controls"] for attrs in comboboxes} <= {attrs.get("id") for _t, attrs in elements}


def test_the_search_fields_are_named_like_the_flemish_social_map(client: Client) -> None:
    html, _elements, _config = page(client)
    assert '<label for="q">Wie of wat?</label>' in html
    assert '<label for="where">Waar?</label>' in html
    assert 'lang="nl-BE"' in html


def test_the_endpoints_the_page_calls_answer(client: Client) -> None:
    _html, _elements, config = page(client)
    urls = config["endpoints"]
    for name in ("layers", "categories", "basemapStyle"):
        assert client.get(urls[name]).status_code == 200, name
    organisation = Organisation.objects.filter(status="published").first()
    assert organisation is not None
    assert client.get(f"{urls['organisation']}{organisation.pk}/").json()["name"] == organisation.name
    assert client.get(urls["search"], {"q": "apotheek", "where": "Gent"}).status_code == 200
    assert client.get(urls["whoServes"], {"lon": "3.72", "lat": "51.05"}).status_code == 200
    assert client.get(urls["nearest"], {"lon": "3.72", "lat": "51.05"}).status_code == 200
    assert client.get(urls["suggestWhat"], {"q": "kind"}).status_code == 200
    assert client.get(urls["suggestWhere"], {"q": "Gent"}).status_code == 200
    assert client.get("/jsi18n/").status_code == 200


def test_the_target_group_choices_are_the_real_ones(client: Client) -> None:
    _html, elements, config = page(client)
    options = [attrs["value"] for tag, attrs in elements if tag == "option" and attrs.get("value")]
    codes = list(TargetGroup.objects.order_by("name").values_list("code", flat=True))
    assert codes and all(code in options for code in codes)
    assert [group["code"] for group in config["targetGroups"]] == codes


def test_the_footer_credits_every_source_with_data_on_the_map(client: Client) -> None:
    html, _elements, _config = page(client)
    with_organisations = DataSource.objects.filter(organisation__status="published").distinct()
    assert with_organisations.filter(code="afmps-apotheken").exists()
    for source in with_organisations:
        assert source.attribution.replace("&", "&amp;") in html, source.code
    assert "Wijken voor omgevingsanalyse" in html  # the base map's boundaries
    synthetic = DataSource.objects.get(code="synthetic")
    assert f"<strong>Voorbeeld:</strong> {synthetic.attribution}" in html


@override_settings(FRONTEND_BASEMAP_STYLE_URL="https://tiles.example.org/style.json")
def test_an_external_base_map_replaces_ours_but_ours_stays_the_fallback(client: Client) -> None:
    html, _elements, config = page(client)
    assert config["endpoints"]["basemapStyle"] == "https://tiles.example.org/style.json"
    assert config["endpoints"]["ownBasemapStyle"] == "/basemap/style.json"
    assert "De basiskaart is getekend uit de grenzen hierboven." not in html


def test_the_page_loads_only_files_we_ship(client: Client) -> None:
    _html, elements, _config = page(client)
    assets = [attrs.get("src") or attrs.get("href") for tag, attrs in elements if tag in ("script", "link")]
    static = [url for url in assets if url and url.startswith("/static/")]
    assert len(static) >= 5
    for url in static:
        assert finders.find(url.removeprefix("/static/")), url
    assert not [url for url in assets if url and url.startswith(("http:", "https:", "//"))]
