"""The cache of online answers, keyed by the normalised address and the provider.

The key is the parsed address in canonical form, so "Kerkstraat 147, 9050 Gent" and "kerkstraat 147 9050 GENT"
share one entry. Entries older than GEOCODING_CACHE_DAYS are asked again.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import Point
from django.db.models import F
from django.utils import timezone

from geo.geocoding.base import Candidate
from geo.geocoding.models import GeocodeCacheEntry
from geo.geocoding.normalize import fold, place_key, street_key
from geo.geocoding.parse import parse_address
from geo.spatial import storage_srid


def cache_key(query: str) -> str:
    parsed = parse_address(query)
    if parsed.is_empty:
        return " ".join(fold(query).split())[:500]
    parts = (street_key(parsed.street), parsed.house_number, parsed.box, parsed.postcode, place_key(parsed.locality))
    return "|".join(parts)[:500]


def _to_json(candidate: Candidate) -> dict[str, Any]:
    return {
        "x": candidate.point.x,
        "y": candidate.point.y,
        "label": candidate.label,
        "precision": candidate.precision,
        "score": candidate.score,
        "provider": candidate.provider,
        "municipality_code": candidate.municipality_code,
        "postcode": candidate.postcode,
    }


def _from_json(data: dict[str, Any]) -> Candidate:
    return Candidate(
        point=Point(data["x"], data["y"], srid=storage_srid()),
        label=data["label"],
        precision=data["precision"],
        score=data["score"],
        provider=data["provider"],
        municipality_code=data["municipality_code"],
        postcode=data["postcode"],
    )


def cache_get(*, key: str, provider: str) -> list[Candidate] | None:
    fresh_since = timezone.now() - timedelta(days=settings.GEOCODING_CACHE_DAYS)
    entry = GeocodeCacheEntry.objects.filter(query=key, provider=provider, created_at__gte=fresh_since).first()
    if entry is None:
        return None
    GeocodeCacheEntry.objects.filter(pk=entry.pk).update(hits=F("hits") + 1)
    return [_from_json(item) for item in entry.candidates]


def cache_put(*, key: str, provider: str, candidates: list[Candidate]) -> None:
    GeocodeCacheEntry.objects.update_or_create(
        query=key, provider=provider, defaults={"candidates": [_to_json(c) for c in candidates], "hits": 0}
    )
