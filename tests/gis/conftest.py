"""Fixtures for the GIS tests: test organisations placed on the real geography of Gent.

Every organisation made here is a clearly named test fixture ("Testfixture …"), created inside the test's
transaction (so only the Django test client sees it, never `live_url`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.gis.geos import Point
from django.core.cache import cache

from geo.areas.models import Municipality, ServiceArea, SubMunicipality
from geo.directory.models import Category, Contact, Keyword, Location, Organisation, TargetGroup
from geo.directory.services import organisation_refresh_effective_area
from layers.gis.services import layers_seed

MakeOrganisation = Callable[..., Organisation]


def deelgemeente_point(name: str) -> Point:
    """A point inside a real deelgemeente of Gent (its point on surface, in Lambert 72)."""
    geom = SubMunicipality.objects.get(municipality__code="44021", name_nl=name).geom
    assert geom is not None
    return geom.point_on_surface


@pytest.fixture
def layers(db: Any) -> None:
    layers_seed()
    cache.clear()  # the tile views cache layers for a few seconds


@pytest.fixture
def make_organisation(db: Any, layers: None) -> MakeOrganisation:
    gent = Municipality.objects.get(code="44021")

    def make(
        name: str,
        *,
        category: str = "gezondheid.apotheken",
        at: str | None = "Ledeberg",
        point: Point | None = None,
        keywords: tuple[str, ...] = (),
        target_groups: tuple[str, ...] = (),
        service_area: ServiceArea | None = None,
        is_synthetic: bool = False,
        **fields: Any,
    ) -> Organisation:
        organisation = Organisation.objects.create(
            name=f"Testfixture {name}", is_synthetic=is_synthetic, service_area=service_area, **fields
        )
        organisation.categories.add(Category.objects.get(code=category))
        for word in keywords:
            organisation.keywords.add(Keyword.objects.get_or_create(slug=word, defaults={"name": word})[0])
        for code in target_groups:
            organisation.target_groups.add(TargetGroup.objects.get(code=code))
        if point is None and at is not None:
            point = deelgemeente_point(at)
        if point is not None:
            Location.objects.create(
                organisation=organisation,
                point=point,
                municipality=gent,
                municipality_name="Gent",
                street="Teststraat",
                house_number="1",
                postcode="9000",
                is_main=True,
                is_synthetic=is_synthetic,
            )
        organisation_refresh_effective_area(organisation=organisation)
        return organisation

    return make


@pytest.fixture
def professional_secrets(make_organisation: MakeOrganisation) -> dict[str, str]:
    """An organisation whose professional-only fields and contact hold recognisable secret strings."""
    secrets = {
        "pro_possibilities": "GEHEIM-mogelijkheden-7f3a",
        "pro_limits": "GEHEIM-beperkingen-7f3a",
        "pro_referral_tips": "GEHEIM-doorverwijstips-7f3a",
    }
    organisation = make_organisation("Geheimhouding", **secrets)
    Contact.objects.create(
        organisation=organisation,
        name="GEHEIM-contactpersoon-7f3a",
        phone="09 000 00 00",
        email="geheim-7f3a@example.org",
        visibility=Contact.Visibility.PROFESSIONAL,
    )
    return {**secrets, "contact": "GEHEIM-contactpersoon-7f3a", "contact_email": "geheim-7f3a@example.org"}
