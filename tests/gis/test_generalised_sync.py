"""The generalised service areas are refreshed only when the set of areas changed (a refresh costs a minute)."""

from __future__ import annotations

import pytest

from geo.areas.models import SubMunicipality
from geo.areas.services import service_area_from_geometry
from layers.gis.services import service_area_generalised_in_sync, service_area_generalised_refresh

pytestmark = pytest.mark.django_db


def test_after_the_demo_load_the_generalised_copy_is_in_sync_and_not_refreshed_again() -> None:
    assert service_area_generalised_in_sync()
    assert service_area_generalised_refresh() is False


def test_a_new_service_area_makes_the_copy_stale() -> None:
    service_area_from_geometry(geom=SubMunicipality.objects.get(code="44021G").geom, name="Ledeberg (test)")
    assert not service_area_generalised_in_sync()
