"""CRS handling (axis order for every way of writing 4326) and FES 2.0 filters that run as index-friendly SQL."""

from __future__ import annotations

import json
import re

import defusedxml.ElementTree as ET
import pytest
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from geo.areas.models import SubMunicipality
from geo.directory.models import Location
from tests.gis.conftest import MakeOrganisation, deelgemeente_point
from tests.gis.helpers import WFS_NS, fes_filter, wfs

pytestmark = pytest.mark.django_db

LAT_LON = "lat-lon"
LON_LAT = "lon-lat"
SPELLINGS_OF_4326 = [
    ("urn:ogc:def:crs:EPSG::4326", LAT_LON),
    ("http://www.opengis.net/def/crs/epsg/0/4326", LAT_LON),
    ("EPSG:4326", LON_LAT),  # the legacy spelling: x/y, as GeoServer does
    ("http://www.opengis.net/gml/srs/epsg.xml#4326", LON_LAT),
    ("urn:ogc:def:crs:OGC::CRS84", LON_LAT),
]


def ledeberg() -> SubMunicipality:
    return SubMunicipality.objects.get(municipality__code="44021", name_nl="Ledeberg")


def first_gml_position(text: str) -> tuple[float, float]:
    root = ET.fromstring(text)
    pos_list = root.find(".//gml:posList", WFS_NS)
    assert pos_list is not None and pos_list.text, text[:500]
    a, b = pos_list.text.split()[:2]
    return float(a), float(b)


@pytest.mark.parametrize(("srs_name", "order"), SPELLINGS_OF_4326)
def test_gml_output_has_the_axis_order_of_each_way_of_writing_4326(client: Client, srs_name: str, order: str) -> None:
    unit = ledeberg()
    expected = GEOSGeometry(unit.geom.ewkt).transform(4326, clone=True)[0][0][0]  # first vertex (lon, lat)
    status, text = wfs(
        client,
        REQUEST="GetFeature",
        TYPENAMES="sk:deelgemeenten",
        RESOURCEID=f"deelgemeenten.{unit.pk}",
        SRSNAME=srs_name,
    )
    assert status == 200, text
    a, b = first_gml_position(text)
    lon, lat = (b, a) if order == LAT_LON else (a, b)
    assert (lon, lat) == pytest.approx(expected, abs=1e-7)


@pytest.mark.parametrize(("srs_name", "order"), SPELLINGS_OF_4326)
def test_a_bbox_is_read_in_the_axis_order_of_its_crs(client: Client, srs_name: str, order: str) -> None:
    centre = ledeberg().geom.point_on_surface.transform(4326, clone=True)
    box = (centre.x - 0.001, centre.y - 0.001, centre.x + 0.001, centre.y + 0.001)
    if order == LAT_LON:
        box = (box[1], box[0], box[3], box[2])
    status, text = wfs(
        client,
        REQUEST="GetFeature",
        TYPENAMES="sk:deelgemeenten",
        OUTPUTFORMAT="geojson",
        BBOX=",".join(str(v) for v in box) + f",{srs_name}",
    )
    assert status == 200, text
    assert [f["properties"]["name"] for f in json.loads(text)["features"]] == ["Ledeberg"]


@pytest.mark.parametrize("srid", [31370, 3857])
def test_projected_output_matches_the_stored_geometry(client: Client, srid: int) -> None:
    unit = ledeberg()
    status, text = wfs(
        client,
        REQUEST="GetFeature",
        TYPENAMES="sk:deelgemeenten",
        RESOURCEID=f"deelgemeenten.{unit.pk}",
        SRSNAME=f"urn:ogc:def:crs:EPSG::{srid}",
    )
    assert status == 200
    expected = GEOSGeometry(unit.geom.ewkt).transform(srid, clone=True)[0][0][0]
    assert first_gml_position(text) == pytest.approx(expected, abs=0.01)


def test_geojson_is_always_longitude_latitude(client: Client) -> None:
    unit = ledeberg()
    status, text = wfs(
        client,
        REQUEST="GetFeature",
        TYPENAMES="sk:deelgemeenten",
        RESOURCEID=f"deelgemeenten.{unit.pk}",
        OUTPUTFORMAT="geojson",
        SRSNAME="urn:ogc:def:crs:EPSG::4326",
    )
    assert status == 200
    coordinates = json.loads(text)["features"][0]["geometry"]["coordinates"][0][0][0]
    expected = GEOSGeometry(unit.geom.ewkt).transform(4326, clone=True)[0][0][0]
    assert tuple(coordinates) == pytest.approx(expected, abs=1e-7)


def _uses_index(sql: str, index: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    return index in plan


def _feature_query(queries: list[dict[str, str]]) -> str:
    return next(q["sql"] for q in queries if "layers_public_location" in q["sql"] and "COUNT(" not in q["sql"])


def test_dwithin_returns_what_st_dwithin_finds_and_uses_the_spatial_index(
    client: Client, make_organisation: MakeOrganisation
) -> None:
    for name in ("Ledeberg", "Gentbrugge", "Sint-Amandsberg"):
        make_organisation(f"Afstand {name}", at=name)
    centre = deelgemeente_point("Ledeberg")
    distance_filter = fes_filter(
        "<fes:DWithin><fes:ValueReference>point</fes:ValueReference>"
        f"<gml:Point srsName='urn:ogc:def:crs:EPSG::31370'><gml:pos>{centre.x} {centre.y}</gml:pos></gml:Point>"
        "<fes:Distance uom='m'>2500</fes:Distance></fes:DWithin>"
    )
    with CaptureQueriesContext(connection) as captured:
        status, text = wfs(
            client, REQUEST="GetFeature", TYPENAMES="sk:vestigingen", OUTPUTFORMAT="geojson", FILTER=distance_filter
        )
    assert status == 200, text
    found = {f["properties"]["id"] for f in json.loads(text)["features"]}
    expected = set(
        Location.objects.filter(
            status="published", organisation__status="published", point__dwithin=(centre, 2500)
        ).values_list("id", flat=True)
    )
    assert found == expected and len(expected) >= 2
    sql = _feature_query(captured.captured_queries)
    assert "ST_DWithin" in sql and "ST_Distance" not in sql
    assert _uses_index(sql, "location_point_gist")


def test_intersects_and_comparison_filters_use_the_index_and_find_the_right_rows(
    client: Client, make_organisation: MakeOrganisation
) -> None:
    make_organisation("Binnen Ledeberg", at="Ledeberg")
    make_organisation("Buiten Ledeberg", at="Drongen")
    polygon = GEOSGeometry(ledeberg().geom.ewkt)[0]
    ring = " ".join(f"{x} {y}" for x, y in polygon.exterior_ring.coords)
    intersects = fes_filter(
        "<fes:And><fes:Intersects><fes:ValueReference>point</fes:ValueReference>"
        f"<gml:Polygon srsName='urn:ogc:def:crs:EPSG::31370'><gml:exterior><gml:LinearRing><gml:posList>{ring}"
        "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></fes:Intersects>"
        "<fes:PropertyIsEqualTo><fes:ValueReference>municipality_code</fes:ValueReference>"
        "<fes:Literal>44021</fes:Literal></fes:PropertyIsEqualTo></fes:And>"
    )
    with CaptureQueriesContext(connection) as captured:
        status, text = wfs(
            client, REQUEST="GetFeature", TYPENAMES="sk:vestigingen", OUTPUTFORMAT="geojson", FILTER=intersects
        )
    assert status == 200, text
    names = {f["properties"]["organisation"] for f in json.loads(text)["features"]}
    expected = set(
        Location.objects.filter(
            status="published", organisation__status="published", point__intersects=polygon, municipality__code="44021"
        ).values_list("organisation__name", flat=True)
    )
    assert names == expected and "Testfixture Binnen Ledeberg" in names and "Testfixture Buiten Ledeberg" not in names
    sql = _feature_query(captured.captured_queries)
    assert re.search(r"ST_Intersects", sql) and _uses_index(sql, "location_point_gist")


def test_an_envelope_without_srs_name_is_read_in_the_default_crs(client: Client) -> None:
    # GDAL's WFS driver writes BBOX filters like this: no srsName, so the default CRS (4326, latitude first).
    centre = ledeberg().geom.point_on_surface.transform(4326, clone=True)
    envelope = fes_filter(
        "<fes:BBOX><fes:ValueReference>geom</fes:ValueReference><gml:Envelope>"
        f"<gml:lowerCorner>{centre.y - 0.001} {centre.x - 0.001}</gml:lowerCorner>"
        f"<gml:upperCorner>{centre.y + 0.001} {centre.x + 0.001}</gml:upperCorner></gml:Envelope></fes:BBOX>"
    )
    status, text = wfs(
        client, REQUEST="GetFeature", TYPENAMES="sk:deelgemeenten", OUTPUTFORMAT="geojson", FILTER=envelope
    )
    assert status == 200, text
    assert [f["properties"]["name"] for f in json.loads(text)["features"]] == ["Ledeberg"]
