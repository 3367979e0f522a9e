from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.geocoding.fake_services import FakeGeocodingService, fake_geocoding_service


@pytest.fixture
def fake_service() -> Iterator[FakeGeocodingService]:
    with fake_geocoding_service() as service:
        yield service
