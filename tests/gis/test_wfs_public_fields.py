"""Only public fields reach WFS clients, for anonymous users and for staff alike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from geo.areas.models import Municipality
from geo.areas.services import service_area_from_units
from geo.directory.models import Organisation
from tests.gis.conftest import MakeOrganisation
from tests.gis.helpers import fes_filter, wfs

pytestmark = pytest.mark.django_db

FORMATS = ["application/gml+xml; version=3.2", "geojson", "csv"]
NAME_FILTER = fes_filter(
    "<fes:PropertyIsLike wildCard='*' singleChar='.' escapeChar='!'>"
    "<fes:ValueReference>organisation</fes:ValueReference><fes:Literal>Testfixture Geheim*</fes:Literal>"
    "</fes:PropertyIsLike>"
)


@pytest.mark.parametrize("as_staff", [False, True])
def test_it_never_serves_professional_fields_or_contacts(
    client: Client, professional_secrets: dict[str, str], django_user_model: Any, as_staff: bool
) -> None:
    if as_staff:
        client.force_login(django_user_model.objects.create_superuser("gis-admin", "a@example.org", "x"))
    for type_name in ("sk:vestigingen", "sk:vestigingen_gezondheid", "sk:werkingsgebieden"):
        for output_format in FORMATS:
            status, text = wfs(
                client, REQUEST="GetFeature", TYPENAMES=type_name, OUTPUTFORMAT=output_format, FILTER=NAME_FILTER
            )
            assert status == 200, text
            assert "Testfixture Geheimhouding" in text  # the record itself is there ...
            for secret in professional_secrets.values():
                assert secret not in text  # ... without anything for professionals only
    status, schema = wfs(client, REQUEST="DescribeFeatureType")
    assert status == 200
    assert "pro_" not in schema and "contact" not in schema.lower()


def test_it_labels_synthetic_records_voorbeeld(client: Client, make_organisation: MakeOrganisation) -> None:
    make_organisation("Gegenereerd", is_synthetic=True)
    make_organisation("Echt")
    status, text = wfs(
        client,
        REQUEST="GetFeature",
        TYPENAMES="sk:vestigingen",
        OUTPUTFORMAT="geojson",
        FILTER=fes_filter(
            "<fes:PropertyIsLike wildCard='*' singleChar='.' escapeChar='!'><fes:ValueReference>organisation"
            "</fes:ValueReference><fes:Literal>Testfixture *</fes:Literal></fes:PropertyIsLike>"
        ),
    )
    assert status == 200
    labels = {f["properties"]["organisation"]: f["properties"] for f in json.loads(text)["features"]}
    assert labels["Testfixture Gegenereerd"]["is_synthetic"] is True
    assert labels["Testfixture Gegenereerd"]["label"] == "voorbeeld"
    assert labels["Testfixture Echt"]["is_synthetic"] is False
    assert labels["Testfixture Echt"]["label"] == ""


def test_an_organisation_without_locations_appears_only_through_its_service_area(
    client: Client, make_organisation: MakeOrganisation
) -> None:
    area, _ = service_area_from_units(units=[Municipality.objects.get(code="44021")])
    organisation = make_organisation("Zonder vestiging", at=None, service_area=area)
    assert not organisation.locations.exists()
    by_id = fes_filter(
        "<fes:PropertyIsEqualTo><fes:ValueReference>organisation_id</fes:ValueReference>"
        f"<fes:Literal>{organisation.pk}</fes:Literal></fes:PropertyIsEqualTo>"
    )
    status, text = wfs(client, REQUEST="GetFeature", TYPENAMES="sk:vestigingen", FILTER=by_id, RESULTTYPE="hits")
    assert status == 200 and 'numberMatched="0"' in text
    status, text = wfs(
        client,
        REQUEST="GetFeature",
        TYPENAMES="sk:werkingsgebieden",
        RESOURCEID=f"werkingsgebieden.{organisation.pk}",
        OUTPUTFORMAT="geojson",
    )
    assert status == 200
    assert "Testfixture Zonder vestiging" in text and '"has_locations":false' in text.replace(" ", "")


def test_unpublished_organisations_are_not_served(client: Client, make_organisation: MakeOrganisation) -> None:
    organisation = make_organisation("Ontwerp")
    Organisation.objects.filter(pk=organisation.pk).update(status="draft")
    status, text = wfs(client, REQUEST="GetFeature", TYPENAMES="sk:vestigingen", OUTPUTFORMAT="geojson")
    assert status == 200 and "Testfixture Ontwerp" not in text
