"""Settings modes, the storage-SRID system check and the SRID allow-list."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from geo.checks import check_storage_srid
from geo.spatial import SRIDNotAllowed, parse_srid

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production-mode check.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_accepts_lambert72_as_storage_srid() -> None:
    assert check_storage_srid() == []


@override_settings(STORAGE_SRID=4326)
def test_it_refuses_a_storage_srid_in_degrees() -> None:
    [error] = check_storage_srid()
    assert error.id == "geo.E002"
    assert "not a metric" in error.msg


@override_settings(STORAGE_SRID=2154)
def test_it_refuses_a_storage_srid_outside_the_allow_list() -> None:
    [error] = check_storage_srid()
    assert error.id == "geo.E001"


@pytest.mark.parametrize(
    ("text", "srid"),
    [
        ("EPSG:4326", 4326),
        ("urn:ogc:def:crs:EPSG::31370", 31370),
        ("3857", 3857),
        (3812, 3812),
        ("http://www.opengis.net/def/crs/EPSG/0/4326", 4326),
    ],
)
def test_it_parses_allowed_srids_in_every_spelling(text: str | int, srid: int) -> None:
    assert parse_srid(text) == srid


@pytest.mark.parametrize("text", ["EPSG:2154", "+proj=longlat +datum=WGS84", "/etc/passwd", 'GEOGCS["x"]', "EPSG:", ""])
def test_it_never_parses_an_srs_outside_the_allow_list(text: str) -> None:
    with pytest.raises(SRIDNotAllowed):
        parse_srid(text)


def test_check_deploy_is_clean_in_production_mode() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY="p" * 20 + "-a-long-random-secret-for-the-test-only-42",
        DJANGO_ALLOWED_HOSTS="sociale-kaart.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", DJANGO_PRODUCTION="1", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_non_postgis_database_url_is_refused() -> None:
    result = _manage("check", DATABASE_URL="sqlite:///tmp/x.db")
    assert result.returncode != 0
    assert "postgis://" in result.stderr
