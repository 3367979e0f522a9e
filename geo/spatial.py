"""Spatial core: SRID constants, the SRID allow-list and conversions at the edge.

Everything is stored in STORAGE_SRID (Belgian Lambert 72, metres) and served in WGS84 / Web Mercator.
GDAL 3.6 will open files or URLs named inside a spatial-reference string, so user-supplied SRIDs are
only ever accepted from ALLOWED_SRIDS and never handed to GDAL/PROJ as free text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point, Polygon

WGS84 = 4326
WEB_MERCATOR = 3857
LAMBERT72 = 31370
LAMBERT2008 = 3812
ETRS89 = 4258

ALLOWED_SRIDS: frozenset[int] = frozenset({WGS84, WEB_MERCATOR, LAMBERT72, LAMBERT2008, ETRS89})

# Rough extent of Belgium in WGS84, used to reject coordinates that are obviously elsewhere.
BELGIUM_BBOX_WGS84 = (2.3, 49.4, 6.5, 51.6)


class SRIDNotAllowed(ValueError):
    pass


def storage_srid() -> int:
    return int(settings.STORAGE_SRID)


_SRS_PATTERNS = [
    re.compile(r"^(?:EPSG:)?(\d{4,6})$", re.IGNORECASE),
    re.compile(r"^urn:ogc:def:crs:EPSG:[\d.]*:(\d{4,6})$", re.IGNORECASE),
    re.compile(r"^https?://www\.opengis\.net/def/crs/EPSG/\d+/(\d{4,6})$", re.IGNORECASE),
    re.compile(r"^https?://www\.opengis\.net/gml/srs/epsg\.xml#(\d{4,6})$", re.IGNORECASE),
]
_CRS84 = re.compile(r"^(urn:ogc:def:crs:OGC:1\.3:CRS84|https?://www\.opengis\.net/def/crs/OGC/1\.3/CRS84)$", re.I)


def parse_srid(value: str | int) -> int:
    """Turn 'EPSG:4326', 'urn:ogc:def:crs:EPSG::31370', an OGC http URI, CRS84, '3857' or 4326 into an
    allowed SRID. Anything else (PROJ strings, WKT, file names) is refused without reaching GDAL."""
    text = str(value).strip()
    if _CRS84.match(text):
        return WGS84
    match = next((m for m in (p.match(text) for p in _SRS_PATTERNS) if m), None)
    if match is None:
        raise SRIDNotAllowed(f"not an EPSG code: {text[:80]!r}")
    srid = int(match.group(1))
    if srid not in ALLOWED_SRIDS:
        allowed = ", ".join(f"EPSG:{s}" for s in sorted(ALLOWED_SRIDS))
        raise SRIDNotAllowed(f"EPSG:{srid} is not supported; use one of {allowed}")
    return srid


def to_storage(geom: GEOSGeometry) -> GEOSGeometry:
    """A copy of `geom` in the storage CRS. The source SRID must be on the allow-list."""
    if geom.srid is None:
        raise SRIDNotAllowed("geometry has no SRID")
    parse_srid(geom.srid)
    target = storage_srid()
    return geom if geom.srid == target else geom.transform(_transformation(geom.srid, target), clone=True)


@lru_cache(maxsize=32)
def _transformation(source: int, target: int) -> CoordTransform:
    """Building a PROJ transformation costs ~25 ms; points are transformed by the thousand."""
    return CoordTransform(SpatialReference(source), SpatialReference(target))


def lonlat_point(lon: float, lat: float) -> Point:
    """A WGS84 point, after checking the ranges (raises ValueError with the offending axis)."""
    if not -180 <= lon <= 180:
        raise ValueError(f"lon {lon} is outside -180..180")
    if not -90 <= lat <= 90:
        raise ValueError(f"lat {lat} is outside -90..90")
    return Point(lon, lat, srid=WGS84)


def as_multipolygon(geom: GEOSGeometry) -> MultiPolygon:
    """Polygon -> MultiPolygon; the polygonal parts of a collection (e.g. after MakeValid)."""
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon(geom, srid=geom.srid)
    polygons: list[GEOSGeometry] = []
    for index in range(geom.num_geom):  # a GeometryCollection, e.g. from MakeValid
        part = geom[index]
        if isinstance(part, Polygon):
            polygons.append(part)
        elif isinstance(part, MultiPolygon):
            polygons.extend(part[i] for i in range(part.num_geom))
    if not polygons:
        raise ValueError(f"{geom.geom_type} has no polygonal part")
    return MultiPolygon(*polygons, srid=geom.srid)


def valid_multipolygon(geom: GEOSGeometry) -> tuple[MultiPolygon, bool]:
    """(valid MultiPolygon, repaired?) — invalid input is repaired with MakeValid, never stored invalid."""
    repaired = False
    if not geom.valid:
        geom = geom.make_valid()
        repaired = True
    result = as_multipolygon(geom)
    if not result.valid or result.empty:
        raise ValueError(f"geometry cannot be repaired: {geom.valid_reason}")
    return result, repaired
