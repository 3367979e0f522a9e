"""The admin: every model is manageable, and the map widget works without internet."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from geo.directory.models import Location, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client() -> Client:
    user = User.objects.create_superuser("redacteur", "redacteur@example.org", "een-lang-wachtwoord-42")
    client = Client()
    client.force_login(user)
    return client


def test_every_registered_model_has_a_working_list_and_add_page(editor_client: Client) -> None:
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert editor_client.get(changelist).status_code == 200, changelist
        if admin.site._registry[model].has_add_permission(type("R", (), {"user": User(is_superuser=True)})()):
            add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
            assert editor_client.get(add).status_code == 200, add


def test_the_map_widget_loads_only_local_assets(editor_client: Client) -> None:
    html = editor_client.get(reverse("admin:areas_municipality_change", args=[_gent_pk()])).content.decode()
    assert "geo/vendor/ol-7.2.2/ol.js" in html
    assert "cdn.jsdelivr.net" not in html and "earthdata.nasa.gov" not in html
    assert reverse("admin-basemap-boundaries") in html


def test_the_offline_base_map_draws_our_municipalities(editor_client: Client) -> None:
    response = editor_client.get(reverse("admin-basemap-boundaries"))
    collection = json.loads(response.content)
    assert response["Content-Type"] == "application/geo+json"
    assert len(collection["features"]) == 304
    assert Client().get(reverse("admin-basemap-boundaries")).status_code == 302  # staff only


def test_moving_a_pin_in_the_admin_is_a_manual_override(editor_client: Client) -> None:
    org = Organisation.objects.create(name="Pin-test (fixture)")
    location = Location.objects.create(organisation=org, street="Kerkstraat", house_number="1", postcode="9000")
    url = reverse("admin:directory_location_change", args=[location.pk])
    form = {
        "organisation": org.pk,
        "street": "Kerkstraat",
        "house_number": "1",
        "postcode": "9000",
        "point": json.dumps({"type": "Point", "coordinates": [415_000.0, 6_630_000.0]}),
        "status": "published",
        "opening_hours-TOTAL_FORMS": 0,
        "opening_hours-INITIAL_FORMS": 0,
        "opening_exceptions-TOTAL_FORMS": 0,
        "opening_exceptions-INITIAL_FORMS": 0,
    }
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    location.refresh_from_db()
    assert location.point_locked and location.geocode_precision == "manual"
    assert location.point_set_by is not None and location.point_set_by.username == "redacteur"
    assert location.municipality is not None and location.municipality.code == "44021"


def _gent_pk() -> int:
    from geo.areas.models import Municipality

    return Municipality.objects.get(code="44021").pk


def test_changing_an_address_in_the_admin_geocodes_it_again(editor_client: Client) -> None:
    from geo.areas.models import Address

    target = Address.objects.select_related("street").filter(postcode="9000", box_number="").first()
    assert target is not None
    org = Organisation.objects.create(name="Adres-test (fixture)")
    location = Location.objects.create(organisation=org, street="Onbekende straat", postcode="9000")
    url = reverse("admin:directory_location_change", args=[location.pk])
    form = {
        "organisation": org.pk,
        "street": target.street.name_nl,
        "house_number": target.house_number,
        "postcode": target.postcode,
        "municipality_name": "Gent",
        "status": "published",
        "point": "",
        "opening_hours-TOTAL_FORMS": 0,
        "opening_hours-INITIAL_FORMS": 0,
        "opening_exceptions-TOTAL_FORMS": 0,
        "opening_exceptions-INITIAL_FORMS": 0,
    }
    assert editor_client.post(url, form).status_code == 302
    location.refresh_from_db()
    assert location.geocode_precision == "address"
    assert location.point.distance(target.point) < 1
    assert not location.point_locked
