"""The WFS read by two real clients, OWSLib and GDAL (ogrinfo/ogr2ogr), against a live server on the demo data.

Expected answers come from direct ORM queries on the same (committed) demo data.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as ET
import pytest
from django.contrib.gis.geos import GEOSGeometry, Polygon
from owslib.wfs import WebFeatureService

from geo.areas.models import SubMunicipality
from geo.directory.models import Location
from layers.gis.selectors import layers_published
from layers.gis.wfs import location_type_name
from tests.gis.helpers import WFS_NS

pytestmark = pytest.mark.django_db

GENT_CENTRE_31370 = (103_500, 192_500, 106_500, 195_500)  # around the Kouter / Zuid / Ledeberg
LAMBERT_URN = "urn:ogc:def:crs:EPSG::31370"


@pytest.fixture(scope="module")
def wfs_url(live_url: str) -> str:
    return f"{live_url}/wfs"


@pytest.fixture(scope="module")
def service(wfs_url: str) -> WebFeatureService:
    return WebFeatureService(wfs_url, version="2.0.0", timeout=120)


def gdal(*args: str) -> str:
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def ogr2ogr_geojson(tmp_path: Path, source: str, layer: str, *options: str) -> list[dict[str, Any]]:
    target = tmp_path / f"{layer.replace(':', '_')}.geojson"
    gdal("ogr2ogr", "-f", "GeoJSON", str(target), source, layer, *options)
    return list(json.loads(target.read_text(encoding="utf-8"))["features"])


def owslib_geojson(service: WebFeatureService, **kwargs: Any) -> list[dict[str, Any]]:
    response = service.getfeature(outputFormat="application/json", **kwargs)
    return list(json.loads(response.read())["features"])


def owslib_filtered(service: WebFeatureService, type_name: str, fes: str) -> list[dict[str, str]]:
    """OWSLib sends a filter only in a POSTed GetFeature (its KVP form puts it in a QUERY parameter), which
    answers in GML 3.2: the members' simple properties, by name."""
    response = service.getfeature(typename=[type_name], filter=fes, method="Post")
    root = ET.fromstring(response.read())
    members = root.findall(f"wfs:member/{type_name}", WFS_NS)
    return [{child.tag.split("}")[1]: child.text or "" for child in member if len(child) == 0} for member in members]


def lambert(geometry: dict[str, Any]) -> GEOSGeometry:
    """A GeoJSON geometry whose coordinates are Lambert 72 (GEOS would assume 4326)."""
    parsed = GEOSGeometry(json.dumps(geometry))
    parsed.srid = 31370
    return parsed


def gent_locations() -> Any:
    return Location.objects.filter(
        status="published", organisation__status="published", municipality__code="44021"
    ).exclude(point=None)


def test_capabilities_list_every_layer(service: WebFeatureService, wfs_url: str) -> None:
    expected = {f"sk:{location_type_name(layer)}" for layer in layers_published()}
    expected |= {"sk:werkingsgebieden", "sk:gemeenten", "sk:deelgemeenten"}
    assert len(expected) == 22
    assert set(service.contents) == expected
    listed = gdal("ogrinfo", "-ro", "-q", f"WFS:{wfs_url}")
    assert {line.split(":", 1)[1].strip().split(" ")[0] for line in listed.splitlines() if ": sk:" in line} == expected


def test_a_bbox_filter_returns_exactly_the_gent_features(
    service: WebFeatureService, wfs_url: str, tmp_path: Path
) -> None:
    box = Polygon.from_bbox(GENT_CENTRE_31370)
    box.srid = 31370
    expected = set(SubMunicipality.objects.filter(geom__intersects=box).values_list("code", flat=True))
    assert {"Ledeberg", "Gent (Dg.)"} <= set(
        SubMunicipality.objects.filter(code__in=expected).values_list("name_nl", flat=True)
    )
    by_owslib = owslib_geojson(service, typename=["sk:deelgemeenten"], bbox=(*GENT_CENTRE_31370, LAMBERT_URN))
    assert {f["properties"]["code"] for f in by_owslib} == expected
    minx, miny, maxx, maxy = (str(v) for v in GENT_CENTRE_31370)
    by_gdal = ogr2ogr_geojson(
        tmp_path, f"WFS:{wfs_url}", "sk:deelgemeenten", "-spat", minx, miny, maxx, maxy, "-spat_srs", "EPSG:31370"
    )
    assert {f["properties"]["code"] for f in by_gdal} == expected

    located = set(gent_locations().filter(point__intersects=box).values_list("id", flat=True))
    if not located:
        pytest.skip("the demo data has no located organisations in the centre of Gent yet")
    by_owslib = owslib_geojson(service, typename=["sk:vestigingen"], bbox=(*GENT_CENTRE_31370, LAMBERT_URN))
    assert {f["properties"]["id"] for f in by_owslib} == located
    by_gdal = ogr2ogr_geojson(
        tmp_path, f"WFS:{wfs_url}", "sk:vestigingen", "-spat", minx, miny, maxx, maxy, "-spat_srs", "EPSG:31370"
    )
    assert {f["properties"]["id"] for f in by_gdal} == located


def like_filter(prop: str, pattern: str, *, municipality_code: str) -> str:
    return (
        '<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:And>'
        f'<fes:PropertyIsLike wildCard="*" singleChar="." escapeChar="!"><fes:ValueReference>{prop}'
        f"</fes:ValueReference><fes:Literal>{pattern}</fes:Literal></fes:PropertyIsLike>"
        "<fes:PropertyIsEqualTo><fes:ValueReference>municipality_code</fes:ValueReference>"
        f"<fes:Literal>{municipality_code}</fes:Literal></fes:PropertyIsEqualTo></fes:And></fes:Filter>"
    )


def test_a_property_is_like_filter_returns_exactly_the_gent_features(
    service: WebFeatureService, wfs_url: str, tmp_path: Path
) -> None:
    expected = set(
        SubMunicipality.objects.filter(municipality__code="44021", name_nl__startswith="Sint-").values_list(
            "name_nl", flat=True
        )
    )
    assert expected == {"Sint-Amandsberg", "Sint-Denijs-Westrem", "Sint-Kruis-Winkel"}
    features = owslib_filtered(service, "sk:deelgemeenten", like_filter("name", "Sint-*", municipality_code="44021"))
    assert {f["name"] for f in features} == expected
    by_gdal = ogr2ogr_geojson(
        tmp_path, f"WFS:{wfs_url}", "sk:deelgemeenten", "-where", "name LIKE 'Sint-%' AND municipality_code = '44021'"
    )
    assert {f["properties"]["name"] for f in by_gdal} == expected

    names = [loc.name or loc.organisation.name for loc in gent_locations().select_related("organisation")]
    apotheek = {name for name in names if name.lower().startswith("apotheek")}
    if not apotheek:
        pytest.skip("the demo data has no pharmacies in Gent yet")
    features = owslib_filtered(service, "sk:vestigingen", like_filter("name", "Apotheek*", municipality_code="44021"))
    assert {f["name"] for f in features} == {n for n in apotheek if n.startswith("Apotheek")}


def page_through(service: WebFeatureService, type_name: str, page: int) -> Iterator[dict[str, Any]]:
    start = 0
    while True:
        features = owslib_geojson(service, typename=[type_name], startindex=start, maxfeatures=page)
        yield from features
        if len(features) < page:
            return
        start += page


@pytest.mark.parametrize(
    ("type_name", "model_count"),
    [
        ("sk:deelgemeenten", lambda: SubMunicipality.objects.exclude(geom=None).count()),
        (
            "sk:vestigingen",
            lambda: (
                Location.objects.filter(status="published", organisation__status="published")
                .exclude(point=None)
                .count()
            ),
        ),
    ],
)
def test_paging_through_all_features_returns_each_once(
    service: WebFeatureService, wfs_url: str, tmp_path: Path, type_name: str, model_count: Any
) -> None:
    total = model_count()
    if total == 0:
        pytest.skip(f"the demo data has no {type_name} yet")
    ids = [f["id"] for f in page_through(service, type_name, page=max(total // 4, 50))]
    assert len(ids) == len(set(ids)) == total
    hits = (
        urllib.request.urlopen(  # noqa: S310 - the local live server
            f"{wfs_url}?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES={type_name}&RESULTTYPE=hits", timeout=60
        )
        .read()
        .decode()
    )
    assert f'numberMatched="{total}"' in hits
    by_gdal = ogr2ogr_geojson(
        tmp_path, f"WFS:{wfs_url}", type_name, "-oo", "PAGING_ALLOWED=ON", "-oo", f"PAGE_SIZE={max(total // 3, 50)}"
    )
    assert len(by_gdal) == total
    assert len({f["properties"]["id"] for f in by_gdal}) == total


def test_a_reprojection_to_31370_puts_a_known_place_within_1_m(
    service: WebFeatureService, wfs_url: str, tmp_path: Path
) -> None:
    ledeberg = SubMunicipality.objects.get(municipality__code="44021", name_nl="Ledeberg")
    # Server-side: ask for 31370 (OWSLib); client-side: GDAL reprojects the default 4326 answer.
    features = owslib_geojson(
        service, typename=["sk:deelgemeenten"], bbox=(*GENT_CENTRE_31370, LAMBERT_URN), srsname=LAMBERT_URN
    )
    served = lambert(next(f for f in features if f["properties"]["name"] == "Ledeberg")["geometry"])
    assert served.centroid.distance(ledeberg.geom.centroid) < 1
    by_gdal = ogr2ogr_geojson(
        tmp_path,
        f"WFS:{wfs_url}",
        "sk:deelgemeenten",
        "-t_srs",
        "EPSG:31370",
        "-lco",
        "RFC7946=NO",
        "-where",
        "name = 'Ledeberg'",
    )
    reprojected = lambert(by_gdal[0]["geometry"])
    assert reprojected.centroid.distance(ledeberg.geom.centroid) < 1

    location = gent_locations().order_by("id").first()
    if location is None:
        pytest.skip("the demo data has no located organisations in Gent yet")
    by_gdal = ogr2ogr_geojson(
        tmp_path,
        f"WFS:{wfs_url}",
        "sk:vestigingen",
        "-t_srs",
        "EPSG:31370",
        "-lco",
        "RFC7946=NO",
        "-where",
        f"id = {location.pk}",
    )
    point = lambert(by_gdal[0]["geometry"])
    assert location.point is not None and point.distance(location.point) < 1
