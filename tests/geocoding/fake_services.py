"""A small HTTP server on 127.0.0.1 that answers like Nominatim, Photon and Pelias, never the internet.

The answers have the structure of the real services' JSON (Nominatim `format=json&addressdetails=1`, Photon's
GeoJSON, Pelias's GeoJSON with `layer`/`accuracy`). Their content is a fixture: one address on Kerkstraat in
Gentbrugge. `mode` makes the server slow (a timeout) or fail with an HTTP status.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LON, LAT = 3.74702, 51.04405  # the fixture's point, on Kerkstraat in Gentbrugge

NOMINATIM_SEARCH = [
    {
        "place_id": 1,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": "node",
        "osm_id": 1,
        "lat": str(LAT),
        "lon": str(LON),
        "class": "place",
        "type": "house",
        "place_rank": 30,
        "importance": 0.1,
        "addresstype": "place",
        "name": "",
        "display_name": "147, Kerkstraat, Gentbrugge, Gent, Oost-Vlaanderen, Vlaanderen, 9050, België / Belgique",
        "address": {
            "house_number": "147",
            "road": "Kerkstraat",
            "suburb": "Gentbrugge",
            "city": "Gent",
            "county": "Oost-Vlaanderen",
            "state": "Vlaanderen",
            "postcode": "9050",
            "country": "België",
            "country_code": "be",
        },
        "boundingbox": [str(LAT - 0.0001), str(LAT + 0.0001), str(LON - 0.0001), str(LON + 0.0001)],
    },
    {  # outside Belgium: a provider's answer we must drop
        "place_id": 2,
        "lat": "52.37",
        "lon": "4.89",
        "class": "highway",
        "type": "residential",
        "addresstype": "road",
        "display_name": "Kerkstraat, Amsterdam, Nederland",
        "address": {"road": "Kerkstraat", "city": "Amsterdam", "postcode": "1017", "country_code": "nl"},
    },
]
PHOTON_SEARCH = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [LON, LAT]},
            "properties": {
                "osm_type": "N",
                "osm_id": 1,
                "countrycode": "BE",
                "type": "house",
                "housenumber": "147",
                "street": "Kerkstraat",
                "postcode": "9050",
                "district": "Gentbrugge",
                "city": "Gent",
                "country": "België / Belgique / Belgien",
            },
        }
    ],
}
PELIAS_SEARCH = {
    "geocoding": {"version": "0.2"},
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [LON, LAT]},
            "properties": {
                "name": "Kerkstraat 147",
                "layer": "address",
                "source": "openaddresses",
                "accuracy": "point",
                "confidence": 1,
                "housenumber": "147",
                "street": "Kerkstraat",
                "postalcode": "9050",
                "locality": "Gent",
                "country_a": "BEL",
                "label": "Kerkstraat 147, Gent, Belgium",
            },
        }
    ],
}


@dataclass
class FakeGeocodingService:
    url: str = ""
    mode: str = "ok"  # "ok", "slow" (sleeps longer than any test timeout), or an HTTP status such as "500"
    requests: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)

    def answer(self, path: str) -> Any:
        if path == "/search":
            return NOMINATIM_SEARCH
        if path == "/reverse":
            return NOMINATIM_SEARCH[0]
        if path in ("/api", "/api/"):
            return PHOTON_SEARCH
        if path == "/v1/search":
            return PELIAS_SEARCH
        return None


def _handler(service: FakeGeocodingService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's name for the GET handler
            parts = urlsplit(self.path)
            service.requests.append((parts.path, parse_qs(parts.query)))
            if service.mode == "slow":
                time.sleep(2)
            if service.mode.isdigit():
                self._send(int(service.mode), {"error": "fake failure"})
                return
            body = service.answer(parts.path)
            self._send(200 if body is not None else 404, body if body is not None else {"error": "unknown path"})

        def _send(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def fake_geocoding_service() -> Iterator[FakeGeocodingService]:
    service = FakeGeocodingService()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(service))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    service.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()
