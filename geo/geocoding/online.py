"""Online geocoders through geopy: Nominatim, Photon and Pelias at a configurable base URL.

Each request goes through geopy's RateLimiter (minimum delay, retries after a service error) with a timeout.
Failures are raised as GeocoderError naming the provider and the cause — never swallowed. Answers outside
Belgium are dropped; each answer gets a precision grade from what the service says it found.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, cast
from urllib.parse import urlsplit

from django.contrib.gis.geos import Point
from geopy.adapters import RequestsAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim, Pelias, Photon
from geopy.geocoders.base import Geocoder as GeopyGeocoder

from geo.geocoding.base import Candidate, GeocoderError, Precision
from geo.spatial import BELGIUM_BBOX_WGS84, lonlat_point, to_storage

# Retries are the RateLimiter's job (GEOCODING_MAX_RETRIES); the HTTP adapter's own hidden retries would
# multiply every timeout.
_ADAPTER = partial(RequestsAdapter, max_retries=0)
# An online answer counts a little less than the local register's answer of the same grade.
ONLINE_FACTOR = 0.95
_GRADE_SCORE = {
    Precision.ADDRESS: 1.0,
    Precision.INTERPOLATED: 0.85,
    Precision.STREET: 0.7,
    Precision.POSTAL_AREA: 0.5,
    Precision.MUNICIPALITY: 0.3,
}


def _split_base_url(base_url: str) -> tuple[str, str]:
    """'http://127.0.0.1:8080/nominatim' -> ('http', '127.0.0.1:8080/nominatim'): geopy's scheme and domain."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GeocoderError(f"not an http(s) base URL: {base_url!r}")
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


def _in_belgium(lon: float, lat: float) -> bool:
    west, south, east, north = BELGIUM_BBOX_WGS84
    return west <= lon <= east and south <= lat <= north


class OnlineGeocoder:
    name = "online"
    client_class: Callable[..., GeopyGeocoder]
    geocode_options: Mapping[str, Any] = {}
    reverse_options: Mapping[str, Any] = {}

    def __init__(
        self,
        *,
        base_url: str,
        timeout: float,
        min_delay: float,
        max_retries: int,
        error_wait: float,
        user_agent: str,
        api_key: str = "",
    ) -> None:
        scheme, domain = _split_base_url(base_url)
        self.client = self._client(
            scheme=scheme, domain=domain, timeout=timeout, user_agent=user_agent, api_key=api_key
        )
        # One limiter for geocode and reverse alike: the service sees one request rate.
        self._limited = RateLimiter(
            lambda function, *args, **kwargs: function(*args, **kwargs),
            min_delay_seconds=min_delay,
            max_retries=max_retries,
            error_wait_seconds=error_wait,
            swallow_exceptions=False,
        )

    def _client(self, *, scheme: str, domain: str, timeout: float, user_agent: str, api_key: str) -> GeopyGeocoder:
        return self.client_class(
            scheme=scheme, domain=domain, timeout=timeout, user_agent=user_agent, adapter_factory=_ADAPTER
        )

    def _call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return self._limited(function, *args, **kwargs)
        except GeopyError as exc:
            raise GeocoderError(f"{self.name}: {type(exc).__name__}: {exc}") from exc

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        locations = self._call(self.client.geocode, query, exactly_one=False, **self._geocode_kwargs(limit))
        found = [self._candidate(location.raw, location.longitude, location.latitude) for location in locations or []]
        return [candidate for candidate in found if candidate is not None][:limit]

    def _geocode_kwargs(self, limit: int) -> dict[str, Any]:
        return {"limit": limit, **self.geocode_options}

    def reverse(self, point: Point) -> Candidate | None:
        wgs84 = cast(Point, point.transform(4326, clone=True)) if point.srid != 4326 else point
        location = self._call(self.client.reverse, (wgs84.y, wgs84.x), exactly_one=True, **self.reverse_options)
        return self._candidate(location.raw, location.longitude, location.latitude) if location else None

    def _candidate(self, raw: Mapping[str, Any], lon: float, lat: float) -> Candidate | None:
        if lon is None or lat is None or not _in_belgium(lon, lat):
            return None
        precision, label, postcode = self.describe(raw)
        return Candidate(
            point=cast(Point, to_storage(lonlat_point(lon, lat))),
            label=label,
            precision=precision,
            score=round(_GRADE_SCORE[precision] * ONLINE_FACTOR, 4),
            provider=self.name,
            postcode=postcode or None,
        )

    def describe(self, raw: Mapping[str, Any]) -> tuple[str, str, str]:
        """(precision grade, label, postcode) of one raw answer."""
        raise NotImplementedError


def _label(street: str, number: str, postcode: str, town: str, fallback: str) -> str:
    line = " ".join(part for part in (street, number) if part)
    place = " ".join(part for part in (postcode, town) if part)
    return ", ".join(part for part in (line, place) if part) or fallback


class NominatimGeocoder(OnlineGeocoder):
    name = "nominatim"
    client_class = Nominatim
    geocode_options = {"addressdetails": True, "country_codes": "be", "language": "nl"}
    reverse_options = {"addressdetails": True, "language": "nl", "zoom": 18}

    def describe(self, raw: Mapping[str, Any]) -> tuple[str, str, str]:
        address = raw.get("address") or {}
        kind = raw.get("addresstype") or raw.get("type") or ""
        if address.get("house_number"):
            precision = Precision.ADDRESS
        elif address.get("road") and (raw.get("class") == "highway" or kind == "road"):
            precision = Precision.STREET
        elif kind in ("postcode", "suburb", "village", "hamlet", "neighbourhood", "quarter", "city_district"):
            precision = Precision.POSTAL_AREA
        else:
            precision = Precision.MUNICIPALITY
        town = address.get("city") or address.get("town") or address.get("village") or address.get("municipality", "")
        postcode = address.get("postcode", "")
        label = _label(
            address.get("road", ""), address.get("house_number", ""), postcode, town, raw.get("display_name", "")
        )
        return precision, label, postcode


class PhotonGeocoder(OnlineGeocoder):
    name = "photon"
    client_class = Photon

    def _geocode_kwargs(self, limit: int) -> dict[str, Any]:
        # Photon has no country filter: ask for more and keep the Belgian ones.
        return {"limit": limit * 2}

    def describe(self, raw: Mapping[str, Any]) -> tuple[str, str, str]:
        properties = raw.get("properties") or {}
        kind = properties.get("type", "")
        if properties.get("housenumber"):
            precision = Precision.ADDRESS
        elif kind == "street":
            precision = Precision.STREET
        elif kind in ("district", "locality", "postcode"):
            precision = Precision.POSTAL_AREA
        else:
            precision = Precision.MUNICIPALITY
        street = properties.get("street") or (properties.get("name", "") if kind == "street" else "")
        postcode = properties.get("postcode", "")
        label = _label(
            street, properties.get("housenumber", ""), postcode, properties.get("city", ""), properties.get("name", "")
        )
        return precision, label, postcode


class PeliasGeocoder(OnlineGeocoder):
    name = "pelias"
    client_class = Pelias
    geocode_options = {"countries": ["BEL"], "language": "nl"}
    reverse_options = {"language": "nl"}

    def _client(self, *, scheme: str, domain: str, timeout: float, user_agent: str, api_key: str) -> GeopyGeocoder:
        return Pelias(
            domain, api_key or None, scheme=scheme, timeout=timeout, user_agent=user_agent, adapter_factory=_ADAPTER
        )

    def _geocode_kwargs(self, limit: int) -> dict[str, Any]:
        return dict(self.geocode_options)  # geopy's Pelias has no limit parameter

    def describe(self, raw: Mapping[str, Any]) -> tuple[str, str, str]:
        properties = raw.get("properties") or {}
        layer = properties.get("layer", "")
        if layer == "address":
            precision = Precision.ADDRESS if properties.get("accuracy", "point") == "point" else Precision.INTERPOLATED
        elif layer == "street":
            precision = Precision.STREET
        elif layer in ("postalcode", "neighbourhood", "borough", "macrohood"):
            precision = Precision.POSTAL_AREA
        else:
            precision = Precision.MUNICIPALITY
        postcode = properties.get("postalcode", "")
        label = _label(
            properties.get("street", ""),
            properties.get("housenumber", ""),
            postcode,
            properties.get("locality", ""),
            properties.get("label", ""),
        )
        return precision, label, postcode


PROVIDERS: dict[str, type[OnlineGeocoder]] = {
    "nominatim": NominatimGeocoder,
    "photon": PhotonGeocoder,
    "pelias": PeliasGeocoder,
}
