"""Only allow-listed SRIDs reach GDAL/PROJ from a WFS request, and only metric distances reach the database.

GDAL 3.6 cannot forbid file or network access while it parses a spatial reference (Django's gis.W001), and
django-gisserver hands GML geometries of a filter, srsName attributes and all, to OGR. So before
django-gisserver sees a request, every CRS it names (SRSNAME, the fifth BBOX value, every srsName attribute
of a FILTER or POST body) must be one of the spellings below, of an SRID in geo.spatial.ALLOWED_SRIDS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from geo.spatial import WGS84, SRIDNotAllowed, parse_srid

# The ways WFS 2.0 clients write a CRS; django-gisserver gives each its axis order (GeoServer's rules).
_CRS_SPELLINGS = [
    re.compile(r"^urn:ogc:def:crs:EPSG:(?:[0-9.]*):(?P<srid>[0-9]+)$", re.IGNORECASE),
    re.compile(r"^EPSG:(?P<srid>[0-9]+)$", re.IGNORECASE),
    re.compile(r"^http://www\.opengis\.net/def/crs/epsg/0/(?P<srid>[0-9]+)$", re.IGNORECASE),
    re.compile(r"^http://www\.opengis\.net/gml/srs/epsg\.xml#(?P<srid>[0-9]+)$", re.IGNORECASE),
    re.compile(r"^(?P<srid>[0-9]+)$"),
]
_CRS84 = re.compile(r"^urn:ogc:def:crs:OGC:(?:[0-9.]*):(?:CRS)?84$", re.IGNORECASE)
# Every srsName attribute, with or without a prefix, in any quoting. OGR reads attribute names
# case-insensitively, so this does too.
_SRS_NAME_ATTRIBUTE = re.compile(
    r"""srsName\s*=\s*(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.IGNORECASE | re.DOTALL
)
_SRS_NAME_ANY = re.compile(r"srsName", re.IGNORECASE)
_UOM_ATTRIBUTE = re.compile(r"""uom\s*=\s*(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.IGNORECASE | re.DOTALL)
# Distances are metres in the storage CRS; units Django converts to metres. Never degrees.
DISTANCE_UNITS = frozenset({"m", "km", "mi", "ft", "nm"})


class CRSRejected(ValueError):
    def __init__(self, message: str, locator: str) -> None:
        super().__init__(message)
        self.locator = locator


def crs_srid(value: str, *, locator: str) -> int:
    """The SRID of a WFS CRS string, if it is written in a known way and is on the allow-list."""
    text = value.strip()
    if _CRS84.match(text):
        return WGS84
    for pattern in _CRS_SPELLINGS:
        match = pattern.match(text)
        if match:
            try:
                return parse_srid(match.group("srid"))
            except SRIDNotAllowed as exc:
                raise CRSRejected(str(exc), locator) from None
    raise CRSRejected(f"unknown CRS {text[:80]!r}: use e.g. urn:ogc:def:crs:EPSG::31370 or EPSG:4326", locator)


def check_xml_srs_names(xml: str, *, locator: str) -> None:
    """Every srsName in an XML text must name an allowed CRS; an srsName we cannot read is refused too."""
    found = list(_SRS_NAME_ATTRIBUTE.finditer(xml))
    if len(found) != len(_SRS_NAME_ANY.findall(xml)):
        raise CRSRejected("srsName must be a quoted attribute value", locator)
    for match in found:
        crs_srid(match.group("value"), locator=locator)


def check_xml_distance_units(xml: str, *, locator: str) -> None:
    for match in _UOM_ATTRIBUTE.finditer(xml):
        if match.group("value").strip() not in DISTANCE_UNITS:
            units = ", ".join(sorted(DISTANCE_UNITS))
            raise CRSRejected(f"unknown distance unit {match.group('value')[:20]!r}: use one of {units}", locator)


def check_request_crs(params: Mapping[str, str], bodies: Iterable[str] = ()) -> None:
    """Check the CRS of a WFS request: KVP parameters (any case) and XML bodies. Raises CRSRejected."""
    upper = {key.upper(): value for key, value in params.items()}
    if upper.get("SRSNAME"):
        crs_srid(upper["SRSNAME"], locator="srsName")
    bbox = upper.get("BBOX", "")
    if bbox.count(",") >= 4:
        crs_srid(bbox.split(",", 4)[4], locator="bbox")
    if upper.get("FILTER"):
        check_xml_srs_names(upper["FILTER"], locator="filter")
        check_xml_distance_units(upper["FILTER"], locator="filter")
    for body in bodies:
        check_xml_srs_names(body, locator="srsName")
        check_xml_distance_units(body, locator="filter")
