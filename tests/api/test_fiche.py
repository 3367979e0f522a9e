"""The fiche: everything about one organisation; professional fields only for professionals."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Permission, User
from rest_framework.test import APIClient

from geo.directory.models import OpeningException, OpeningHours
from geo.directory.opening import is_open_at
from tests.api.conftest import PREFIX, World

BRUSSELS = ZoneInfo("Europe/Brussels")


def fiche(api: APIClient, pk: int) -> dict:
    response = api.get(f"/api/organisations/{pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_fiche_has_locations_services_area_and_family(world: World, api: APIClient) -> None:
    court = world.courts["gent-5"]
    body = fiche(api, court.pk)
    assert body["name"] == f"{PREFIX}Vredegerecht Gent 5"
    assert body["voorbeeld"] is False
    location = body["locations"][0]
    assert location["address"] == "Opgeëistenlaan 401 bus F, 9000 Gent"
    assert abs(location["point"]["lon"] - 3.7147411) < 1e-6 and abs(location["point"]["lat"] - 51.0627796) < 1e-6
    assert [(h["weekday"], h["opens"], h["closes"]) for h in location["opening_hours"]][:2] == [
        (0, "08:30", "12:30"),
        (0, "13:30", "16:00"),
    ]
    assert location["open_now"] in (True, False)
    assert [s["name"] for s in body["services"]] == ["Bewindvoering"]
    assert body["parent"]["name"] == f"{PREFIX}Justitie Gent"
    assert body["service_area"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    ring = body["service_area"]["geometry"]["coordinates"]
    first = ring[0][0] if body["service_area"]["geometry"]["type"] == "Polygon" else ring[0][0][0]
    assert all(len(str(c).split(".")[-1]) <= 6 for c in first)  # EPSG:4326 with 6 decimals
    assert 3.6 < first[0] < 3.9 and 50.9 < first[1] < 51.2
    parent = fiche(api, world.justice_parent.pk)
    assert {c["name"] for c in parent["children"]} == {f"{PREFIX}Vredegerecht Gent {n}" for n in range(1, 6)}


def test_anonymous_users_never_see_professional_fields(world: World, api: APIClient) -> None:
    body = fiche(api, world.courts["gent-5"].pk)
    assert not {"pro_possibilities", "pro_limits", "pro_referral_tips"} & set(body)
    assert [c["name"] for c in body["contacts"]] == [f"{PREFIX}onthaal"]
    assert "Testfixture-duiding" not in api.get(f"/api/organisations/{world.courts['gent-5'].pk}/").content.decode()
    # nor can they find the professional contact by searching for the name
    found = api.get("/api/organisations/", {"q": "griffier"}).json()["results"]
    assert world.courts["gent-5"].pk not in {r["id"] for r in found}


def test_staff_and_permitted_users_see_professional_fields(world: World, api: APIClient) -> None:
    staff = User.objects.create_user("staff-test", password="x", is_staff=True)
    api.force_authenticate(staff)
    body = fiche(api, world.courts["gent-5"].pk)
    assert body["pro_possibilities"].startswith("Testfixture-duiding")
    assert {c["name"] for c in body["contacts"]} == {f"{PREFIX}onthaal", f"{PREFIX}griffier"}
    worker = User.objects.create_user("hulpverlener-test", password="x")
    worker.user_permissions.add(Permission.objects.get(codename="view_professional_fields"))
    api.force_authenticate(User.objects.get(pk=worker.pk))
    assert "pro_possibilities" in fiche(api, world.courts["gent-5"].pk)
    plain = User.objects.create_user("burger-test", password="x")
    api.force_authenticate(plain)
    assert "pro_possibilities" not in fiche(api, world.courts["gent-5"].pk)


def test_professional_answers_are_not_cached_publicly(world: World, api: APIClient) -> None:
    assert "public" in api.get(f"/api/organisations/{world.courts['gent-5'].pk}/")["Cache-Control"]
    api.force_authenticate(User.objects.create_user("staff-cache", password="x", is_staff=True))
    assert "private" in api.get(f"/api/organisations/{world.courts['gent-5'].pk}/")["Cache-Control"]


def test_open_now_follows_brussels_time_and_exceptions(world: World) -> None:
    location = world.courts["gent-5"].locations.get()
    slots = list(OpeningHours.objects.filter(location=location))

    def at(*args: int) -> bool | None:
        return is_open_at(slots=slots, exceptions=[], moment=dt.datetime(*args, tzinfo=BRUSSELS))

    assert at(2026, 11, 23, 9, 0) is True  # a Monday morning
    assert at(2026, 11, 23, 13, 0) is False  # lunch
    assert at(2026, 11, 28, 10, 0) is False  # Saturday
    # 7:45 UTC in summer is 9:45 in Brussels (CEST): open; the same UTC time in winter is 8:45 CET: open too,
    # but 7:15 UTC in winter is 8:15 in Brussels: still closed
    utc = dt.UTC
    assert is_open_at(slots=slots, exceptions=[], moment=dt.datetime(2026, 7, 6, 7, 45, tzinfo=utc)) is True
    assert is_open_at(slots=slots, exceptions=[], moment=dt.datetime(2026, 1, 5, 7, 15, tzinfo=utc)) is False
    holiday = OpeningException(location=location, date=dt.date(2026, 11, 11), closed=True)  # Wapenstilstand
    assert is_open_at(slots=slots, exceptions=[holiday], moment=dt.datetime(2026, 11, 11, 10, tzinfo=BRUSSELS)) is False
    assert is_open_at(slots=[], exceptions=[], moment=dt.datetime(2026, 11, 11, 10, tzinfo=BRUSSELS)) is None
    assert is_open_at(
        slots=[], exceptions=[], raw="Mo-Fr 08:30-12:30", moment=dt.datetime(2026, 11, 23, 9, tzinfo=BRUSSELS)
    )


def test_synthetic_fiche_says_so(world: World, api: APIClient) -> None:
    body = fiche(api, world.synthetic.pk)
    assert body["voorbeeld"] is True and body["voorbeeld_label"].startswith("Voorbeeld")
