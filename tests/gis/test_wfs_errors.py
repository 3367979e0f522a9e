"""Malformed WFS requests get an OGC ExceptionReport with status 400, never a 500; no free-text SRS reaches GDAL."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.gis.helpers import fes_filter, wfs

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
BBOX_GENT = "51.0,3.65,51.1,3.8"


def assert_exception_report(status: int, text: str, *, code: str | None = None) -> None:
    assert status == 400, text
    assert "ExceptionReport" in text
    if code:
        assert f'exceptionCode="{code}"' in text


def test_an_unknown_type_name_is_a_400(client: Client) -> None:
    status, text = wfs(client, REQUEST="GetFeature", TYPENAMES="sk:bestaat_niet")
    assert_exception_report(status, text)
    assert "bestaat_niet" in text


@pytest.mark.parametrize(
    "bad_filter",
    [
        "<fes:Filter xmlns:fes='http://www.opengis.net/fes/2.0'><fes:PropertyIsEqualTo>",  # not well-formed
        fes_filter("<fes:Bogus/>"),  # unknown operator
        fes_filter(
            "<fes:PropertyIsEqualTo><fes:ValueReference>geen_veld</fes:ValueReference>"
            "<fes:Literal>1</fes:Literal></fes:PropertyIsEqualTo>"
        ),
        fes_filter(
            "<fes:PropertyIsEqualTo><fes:ValueReference>organisation_id</fes:ValueReference>"
            "<fes:Literal>geen getal</fes:Literal></fes:PropertyIsEqualTo>"
        ),
        BILLION_LAUGHS
        + fes_filter(
            "<fes:PropertyIsEqualTo><fes:ValueReference>name</fes:ValueReference>"
            "<fes:Literal>&lol3;</fes:Literal></fes:PropertyIsEqualTo>"
        ),
        fes_filter(  # a distance in degrees is refused, never silently used
            "<fes:DWithin><fes:ValueReference>point</fes:ValueReference>"
            "<gml:Point srsName='urn:ogc:def:crs:EPSG::31370'><gml:pos>104900 196200</gml:pos></gml:Point>"
            "<fes:Distance uom='deg'>0.01</fes:Distance></fes:DWithin>"
        ),
    ],
    ids=["not-well-formed", "unknown-operator", "unknown-field", "wrong-type", "xml-bomb", "degrees"],
)
def test_a_bad_filter_is_a_400(client: Client, bad_filter: str) -> None:
    status, text = wfs(client, REQUEST="GetFeature", TYPENAMES="sk:vestigingen", FILTER=bad_filter)
    assert_exception_report(status, text)


def test_an_xml_bomb_posted_as_the_request_is_a_400(client: Client) -> None:
    body = BILLION_LAUGHS + (
        '<wfs:GetFeature service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0">'
        '<wfs:Query typeNames="sk:vestigingen"/>&lol3;</wfs:GetFeature>'
    )
    response = client.post("/wfs", body, content_type="application/xml")
    assert_exception_report(response.status_code, response.content.decode())


@pytest.mark.parametrize(
    "crs",
    [
        "EPSG:999999",  # no such CRS
        "EPSG:2154",  # a real CRS, but not on the allow-list
        "urn:ogc:def:crs:EPSG::32631",
        "/etc/passwd",  # GDAL would try to open a file ...
        "http://127.0.0.1:9/crs.wkt",  # ... or a URL
        "+proj=longlat +datum=WGS84",
        'PROJCS["x",GEOGCS["y"]]',
    ],
)
def test_a_bbox_or_srs_name_in_an_unknown_crs_is_a_400(client: Client, crs: str) -> None:
    status, text = wfs(client, REQUEST="GetFeature", TYPENAMES="sk:gemeenten", BBOX=f"{BBOX_GENT},{crs}")
    assert_exception_report(status, text, code="InvalidParameterValue")
    status, text = wfs(client, REQUEST="GetFeature", TYPENAMES="sk:gemeenten", SRSNAME=crs)
    assert_exception_report(status, text, code="InvalidParameterValue")


@pytest.mark.parametrize("srs_name", ["/etc/passwd", "file:///etc/passwd", "EPSG:2154", "&#47;etc&#47;passwd"])
def test_a_gml_geometry_with_an_arbitrary_srs_is_refused_before_gdal_reads_it(client: Client, srs_name: str) -> None:
    # The outer srsName is fine; the nested one is what OGR's GML reader would interpret.
    geometry = (
        '<gml:Polygon srsName="urn:ogc:def:crs:EPSG::31370"><gml:exterior>'
        f'<gml:LinearRing srsName="{srs_name}"><gml:posList>104000 196000 105000 196000 105000 197000 104000 196000'
        "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
    )
    bad_filter = fes_filter(f"<fes:Intersects><fes:ValueReference>geom</fes:ValueReference>{geometry}</fes:Intersects>")
    status, text = wfs(client, REQUEST="GetFeature", TYPENAMES="sk:gemeenten", FILTER=bad_filter)
    assert_exception_report(status, text, code="InvalidParameterValue")
    assert "srsName" in text or "CRS" in text or "EPSG" in text


def test_a_posted_query_with_an_arbitrary_srs_name_is_refused(client: Client) -> None:
    body = (
        '<wfs:GetFeature service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0" '
        'xmlns:sk="urn:x-sociale-kaart:wfs"><wfs:Query typeNames="sk:gemeenten" srsName="/etc/passwd"/>'
        "</wfs:GetFeature>"
    )
    response = client.post("/wfs", body, content_type="application/xml")
    assert_exception_report(response.status_code, response.content.decode(), code="InvalidParameterValue")


@pytest.mark.parametrize(
    "params",
    [
        {"REQUEST": "GetFeature", "TYPENAMES": "sk:gemeenten", "COUNT": "-5"},
        {"REQUEST": "GetFeature", "TYPENAMES": "sk:gemeenten", "STARTINDEX": "abc"},
        {"REQUEST": "GetFeature", "TYPENAMES": "sk:gemeenten", "BBOX": "1,2,3"},
        {"REQUEST": "GetFeature", "TYPENAMES": "sk:gemeenten", "RESOURCEID": "gemeenten.abc"},
        {"REQUEST": "GetFeature", "TYPENAMES": "sk:gemeenten", "SORTBY": "geen_veld ASC"},
        {"REQUEST": "GetFeature", "TYPENAMES": "sk:gemeenten", "OUTPUTFORMAT": "shapezip"},
        {"REQUEST": "Transaction"},
    ],
)
def test_other_malformed_requests_are_400(client: Client, params: dict[str, str]) -> None:
    status, text = wfs(client, **params)
    assert_exception_report(status, text)
