"""The `address` of who-serves: geocoded with the project's geocoder chain, never guessed.

One clear best candidate gives the point (with its label, precision and provider in the answer); several
close candidates are returned for the user to choose from; none is a 400 on `address`; a failing provider
is a 503, never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.gis.geos import Point
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import APIException, ValidationError

from geo.directory.annotations import wgs84_lon_lat
from geo.geocoding.base import Candidate, GeocoderError

# Two candidates whose scores differ by less than this are equally likely: ask instead of choosing.
AMBIGUITY_MARGIN = 0.1


class GeocoderUnavailable(APIException):
    status_code = 503
    default_detail = _("De adreszoeker is tijdelijk niet beschikbaar; zoek met lon/lat.")
    default_code = "geocoder_unavailable"


@dataclass
class GeocodeOutcome:
    point: Point | None  # storage CRS; None when ambiguous
    geocoded: dict[str, Any] | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)


def candidate_data(candidate: Candidate) -> dict[str, Any]:
    return {
        "label": candidate.label,
        "precision": candidate.precision,
        "score": round(candidate.score, 3),
        "provider": candidate.provider,
        **wgs84_lon_lat(candidate.point),
    }


def geocode_address(text: str) -> GeocodeOutcome:
    try:
        from geo.geocoding.chain import get_geocoder
    except ImportError:
        raise GeocoderUnavailable() from None
    try:
        candidates = get_geocoder().geocode(text, limit=5)
    except (GeocoderError, ImproperlyConfigured):  # a provider down or misconfigured: say so, never a 500
        raise GeocoderUnavailable() from None
    if not candidates:
        raise ValidationError({"address": [_("adres niet gevonden: %(text)s") % {"text": text}]})
    best = candidates[0]
    rivals = [c for c in candidates[1:] if c.label != best.label and c.score >= best.score - AMBIGUITY_MARGIN]
    if rivals:
        return GeocodeOutcome(point=None, candidates=[candidate_data(c) for c in [best, *rivals]])
    return GeocodeOutcome(
        point=best.point,
        geocoded={"query": text, "label": best.label, "precision": best.precision, "provider": best.provider},
    )
