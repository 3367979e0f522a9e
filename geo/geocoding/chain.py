"""The configured geocoder: the local register first, then the online providers named in the settings.

The chain stops as soon as it has an address point or an interpolated house number, so an online service
(rate-limited, one request per second) is only asked for what the register cannot place. Online answers
are cached; provider failures are collected and surfaced (ChainResult.errors, or GeocoderError from
`geocode`), never dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ImproperlyConfigured

from geo.geocoding.base import Candidate, Geocoder, GeocoderError, Precision
from geo.geocoding.cache import cache_get, cache_key, cache_put
from geo.geocoding.local import LocalGeocoder
from geo.geocoding.online import PROVIDERS, OnlineGeocoder

GOOD_ENOUGH = (Precision.ADDRESS, Precision.INTERPOLATED)


@dataclass
class ChainResult:
    candidates: list[Candidate]
    errors: list[str] = field(default_factory=list)


def _ranked(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (-c.score, Precision.LADDER.index(c.precision)))


class GeocoderChain:
    name = "chain"

    def __init__(self, providers: Sequence[Geocoder]) -> None:
        if not providers:
            raise ImproperlyConfigured("a geocoder chain needs at least one provider")
        self.providers = list(providers)

    @property
    def provider_names(self) -> list[str]:
        return [provider.name for provider in self.providers]

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        result = self.geocode_detailed(query, limit=limit)
        if result.errors:
            raise GeocoderError("; ".join(result.errors))
        return result.candidates

    def geocode_detailed(self, query: str, *, limit: int = 5) -> ChainResult:
        result = ChainResult(candidates=[])
        self._continue(result, query, self.providers, limit)
        return result

    def geocode_many_detailed(self, queries: list[str], *, limit: int = 5) -> list[ChainResult]:
        """`geocode_detailed` for a batch: the local register answers all of them at once first."""
        first, *rest = self.providers
        if not isinstance(first, LocalGeocoder):
            return [self.geocode_detailed(query, limit=limit) for query in queries]
        results = [ChainResult(candidates=found[:limit]) for found in first.geocode_many(queries, limit=limit)]
        for result, query in zip(results, queries, strict=True):
            self._continue(result, query, rest, limit)
        return results

    def _continue(self, result: ChainResult, query: str, providers: Sequence[Geocoder], limit: int) -> None:
        key = cache_key(query) if providers else ""
        for provider in providers:
            if result.candidates and result.candidates[0].precision in GOOD_ENOUGH:
                break
            try:
                found = self._ask(provider, query, key, limit)
            except GeocoderError as exc:
                result.errors.append(str(exc))
                continue
            result.candidates = _ranked([*result.candidates, *found])[:limit]

    def _ask(self, provider: Geocoder, query: str, key: str, limit: int) -> list[Candidate]:
        if not isinstance(provider, OnlineGeocoder):
            return provider.geocode(query, limit=limit)
        cached = cache_get(key=key, provider=provider.name)
        if cached is not None:
            return cached
        found = provider.geocode(query, limit=limit)
        cache_put(key=key, provider=provider.name, candidates=found)
        return found

    def reverse(self, point: Point) -> Candidate | None:
        """The first provider's nearest address; an online provider only when the register has none nearby."""
        fallback: Candidate | None = None
        for provider in self.providers:
            found = provider.reverse(point)
            if found is not None and found.precision == Precision.ADDRESS:
                return found
            fallback = fallback or found
        return fallback


def online_geocoder(name: str) -> OnlineGeocoder:
    """An online provider configured from the settings (base URL, timeout, rate limit)."""
    try:
        provider_class = PROVIDERS[name]
    except KeyError as exc:
        known = ", ".join(["local", *PROVIDERS])
        raise ImproperlyConfigured(f"unknown geocoding provider {name!r}; choose from {known}") from exc
    base_url = getattr(settings, f"GEOCODING_{name.upper()}_URL", "")
    if not base_url:
        raise ImproperlyConfigured(f"GEOCODING_{name.upper()}_URL is empty: set SOCIALE_KAART_{name.upper()}_URL")
    return provider_class(
        base_url=base_url,
        timeout=settings.GEOCODING_TIMEOUT_SECONDS,
        min_delay=settings.GEOCODING_MIN_DELAY_MS / 1000,
        max_retries=settings.GEOCODING_MAX_RETRIES,
        error_wait=settings.GEOCODING_ERROR_WAIT_SECONDS,
        user_agent=settings.GEOCODING_USER_AGENT,
        api_key=settings.GEOCODING_PELIAS_API_KEY if name == "pelias" else "",
    )


def get_geocoder(provider: str | None = None) -> GeocoderChain:
    """The configured chain; with `provider` ("local", "nominatim", …) only that one provider."""
    if provider == "local":
        return GeocoderChain([LocalGeocoder()])
    if provider:
        return GeocoderChain([online_geocoder(provider)])
    return GeocoderChain([LocalGeocoder(), *(online_geocoder(name) for name in settings.GEOCODING_ONLINE_PROVIDERS)])
