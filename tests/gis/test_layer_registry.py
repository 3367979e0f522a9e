"""The layer registry: seeded per top-level rubriek, editable, listed with its endpoints at /api/layers."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from geo.directory.models import Category
from layers.gis.services import layers_seed
from layers.models import Layer
from tests.gis.helpers import wfs

pytestmark = pytest.mark.django_db


def test_there_is_one_layer_per_top_level_rubriek_and_one_for_everything(layers: None) -> None:
    top_level = set(Category.objects.filter(parent=None).values_list("code", flat=True))
    assert len(top_level) == 18
    assert set(Layer.objects.exclude(category=None).values_list("category__code", flat=True)) == top_level
    assert Layer.objects.filter(category=None).count() == 1
    assert layers_seed() == 0  # idempotent


def test_seeding_again_keeps_what_editors_changed(layers: None) -> None:
    Layer.objects.filter(slug="gezondheid").update(title="Gezondheid (aangepast)", colour="#000000")
    assert layers_seed() == 0
    layer = Layer.objects.get(slug="gezondheid")
    assert (layer.title, layer.colour) == ("Gezondheid (aangepast)", "#000000")


def test_the_database_refuses_a_second_all_layer_and_a_bad_colour(layers: None) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Layer.objects.create(slug="alles-bis", title="Nog eens alles")
    with pytest.raises(IntegrityError), transaction.atomic():
        Layer.objects.filter(slug="ggz").update(colour="rood")


def test_the_layer_list_gives_every_published_layer_with_working_endpoints(client: Client, layers: None) -> None:
    Layer.objects.filter(slug="overheden").update(is_published=False)
    response = client.get("/api/layers")
    assert response.status_code == 200
    listed = response.json()
    assert [item["slug"] for item in listed] == list(
        Layer.objects.filter(is_published=True).order_by("sort_order", "title").values_list("slug", flat=True)
    )
    assert "overheden" not in {item["slug"] for item in listed}
    status, capabilities = wfs(client, REQUEST="GetCapabilities")
    assert status == 200
    for item in listed:
        assert item["tiles"]["locations"]["url"].endswith(f"/tiles/{item['slug']}/{{z}}/{{x}}/{{y}}.pbf")
        tilejson = client.get(item["tiles"]["locations"]["tilejson"]).json()
        assert tilejson["tiles"] == [item["tiles"]["locations"]["url"]]
        assert tilejson["vector_layers"][0]["id"] == "locations"
        assert {"id", "name", "category", "municipality"} <= set(tilejson["vector_layers"][0]["fields"])
        assert client.get(item["tiles"]["service_areas"]["tilejson"]).status_code == 200
        assert f"<Name>{item['wfs']['type_name']}</Name>" in capabilities
    assert "<Name>sk:vestigingen_overheden</Name>" not in capabilities
    assert client.get("/tiles/overheden/10/520/340.pbf").status_code == 404


def test_the_layers_are_editable_in_the_admin(client: Client, layers: None, django_user_model: Any) -> None:
    client.force_login(django_user_model.objects.create_superuser("kaart-admin", "k@example.org", "x"))
    assert client.get("/admin/layers/layer/").status_code == 200
    layer = Layer.objects.get(slug="ggz")
    page = client.get(f"/admin/layers/layer/{layer.pk}/change/")
    assert page.status_code == 200 and "ggz" in page.content.decode()
