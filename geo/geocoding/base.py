"""The geocoder interface every provider implements (local register, geopy-backed online providers, chain).

A geocoder never guesses silently: it returns ranked candidates, each with a precision grade, and an
ambiguous address returns several.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.contrib.gis.geos import Point


class Precision:
    """Precision grades, best first. The values are those of Location.Precision."""

    ADDRESS = "address"
    INTERPOLATED = "interpolated"
    STREET = "street"
    POSTAL_AREA = "postal_area"
    MUNICIPALITY = "municipality"

    LADDER = (ADDRESS, INTERPOLATED, STREET, POSTAL_AREA, MUNICIPALITY)


@dataclass(frozen=True)
class Candidate:
    point: Point  # in the storage CRS (EPSG:31370)
    label: str  # the normalised address, e.g. "Kerkstraat 147, 9050 Gent"
    precision: str  # one of Precision.LADDER
    score: float  # 0..1, comparable within one answer
    provider: str  # "local", "nominatim", "photon", "pelias", "cache", "override"
    municipality_code: str | None = None
    postcode: str | None = None


class GeocoderError(Exception):
    """A provider failed (timeout, HTTP error, bad answer). Surfaced to the caller, never swallowed."""


class Geocoder(Protocol):
    name: str

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        """Candidates for a free-text Belgian address, best first; [] when nothing matches."""
        ...

    def reverse(self, point: Point) -> Candidate | None:
        """The nearest known address to `point` (any allowed SRID), or None."""
        ...
