"""Online providers through geopy, against a fake service on 127.0.0.1: answers, timeouts, HTTP errors, cache."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import Point
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from geo.areas.models import Municipality
from geo.geocoding.base import GeocoderError, Precision
from geo.geocoding.chain import GeocoderChain, get_geocoder
from geo.geocoding.local import LocalGeocoder
from geo.geocoding.models import GeocodeCacheEntry
from geo.geocoding.online import NominatimGeocoder, OnlineGeocoder, PeliasGeocoder, PhotonGeocoder
from tests.geocoding.fake_services import LAT, LON, FakeGeocodingService

pytestmark = pytest.mark.django_db


def provider(kind: type[OnlineGeocoder], service: FakeGeocodingService, timeout: float = 5) -> OnlineGeocoder:
    return kind(base_url=service.url, timeout=timeout, min_delay=0, max_retries=0, error_wait=0, user_agent="tests")


@pytest.mark.parametrize("kind", [NominatimGeocoder, PhotonGeocoder, PeliasGeocoder])
def test_each_provider_reads_its_service_and_keeps_only_belgian_answers(
    kind: type[OnlineGeocoder], fake_service: FakeGeocodingService
) -> None:
    candidates = provider(kind, fake_service).geocode("Kerkstraat 147, 9050 Gent")
    assert len(candidates) == 1  # Nominatim's Amsterdam answer is dropped
    [candidate] = candidates
    assert candidate.precision == Precision.ADDRESS
    assert candidate.label == "Kerkstraat 147, 9050 Gent"
    assert candidate.provider == kind.name
    assert candidate.point.srid == 31370
    assert Municipality.objects.get(code="44021").geom.contains(candidate.point)


def test_nominatim_is_asked_for_belgium_in_dutch_with_address_details(fake_service: FakeGeocodingService) -> None:
    provider(NominatimGeocoder, fake_service).geocode("Kerkstraat 147, 9050 Gent")
    path, query = fake_service.requests[-1]
    assert path == "/search"
    assert query["q"] == ["Kerkstraat 147, 9050 Gent"]
    assert query["countrycodes"] == ["be"]
    assert query["addressdetails"] == ["1"]


def test_a_timeout_is_raised_naming_the_provider(fake_service: FakeGeocodingService) -> None:
    fake_service.mode = "slow"
    with pytest.raises(GeocoderError, match="nominatim: GeocoderTimedOut"):
        provider(NominatimGeocoder, fake_service, timeout=0.3).geocode("Kerkstraat 147, 9050 Gent")


@pytest.mark.parametrize(("status", "error"), [("500", "GeocoderServiceError"), ("429", "GeocoderRateLimited")])
def test_an_http_error_is_raised_naming_the_provider(
    fake_service: FakeGeocodingService, status: str, error: str
) -> None:
    fake_service.mode = status
    with pytest.raises(GeocoderError, match=f"photon: {error}"):
        provider(PhotonGeocoder, fake_service).geocode("Kerkstraat 147, 9050 Gent")


def test_the_rate_limiter_retries_a_failed_request(fake_service: FakeGeocodingService) -> None:
    fake_service.mode = "500"
    retrying = NominatimGeocoder(
        base_url=fake_service.url, timeout=5, min_delay=0, max_retries=2, error_wait=0, user_agent="tests"
    )
    with pytest.raises(GeocoderError):
        retrying.geocode("Kerkstraat 147, 9050 Gent")
    assert len(fake_service.requests) == 3


def test_the_chain_asks_online_only_what_the_register_cannot_place_and_caches_it(
    fake_service: FakeGeocodingService,
) -> None:
    chain = GeocoderChain([LocalGeocoder(), provider(NominatimGeocoder, fake_service)])
    # In the register: answered locally, the service is not asked.
    assert chain.geocode("Kerkstraat 196, 9050 Gent")[0].provider == "local"
    assert fake_service.requests == []
    # Not in the register (only the street is): the online address point ranks first.
    first = chain.geocode("Kerkstraat 147, 9050 Gent")
    assert [(c.provider, c.precision) for c in first] == [("nominatim", "address"), ("local", "street")]
    assert len(fake_service.requests) == 1
    # The same address written differently is served from the cache.
    again = chain.geocode("kerkstraat 147  9050 GENT")
    assert len(fake_service.requests) == 1
    assert again[0].point.equals_exact(first[0].point, 0.001)
    entry = GeocodeCacheEntry.objects.get(provider="nominatim")
    assert entry.hits == 1


def test_a_failing_provider_is_surfaced_by_the_chain_not_swallowed(fake_service: FakeGeocodingService) -> None:
    fake_service.mode = "500"
    chain = GeocoderChain([LocalGeocoder(), provider(NominatimGeocoder, fake_service)])
    with pytest.raises(GeocoderError, match="nominatim"):
        chain.geocode("Kerkstraat 147, 9050 Gent")
    detailed = chain.geocode_detailed("Kerkstraat 147, 9050 Gent")
    assert detailed.candidates[0].precision == Precision.STREET  # the register's answer is kept
    assert "nominatim" in detailed.errors[0]
    assert not GeocodeCacheEntry.objects.exists()  # a failure is not cached


def test_reverse_geocoding_online(fake_service: FakeGeocodingService) -> None:
    found = provider(NominatimGeocoder, fake_service).reverse(Point(LON, LAT, srid=4326))
    assert found is not None and found.label == "Kerkstraat 147, 9050 Gent"
    assert fake_service.requests[-1][0] == "/reverse"


def test_online_providers_are_off_unless_configured(fake_service: FakeGeocodingService) -> None:
    assert get_geocoder().provider_names == ["local"]
    with override_settings(GEOCODING_ONLINE_PROVIDERS=["photon"], GEOCODING_PHOTON_URL=fake_service.url):
        assert get_geocoder().provider_names == ["local", "photon"]
    with pytest.raises(ImproperlyConfigured, match="unknown geocoding provider 'google'"):
        get_geocoder("google")
