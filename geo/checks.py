"""System checks: the storage CRS must be metric and on the allow-list."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.gis.gdal import SpatialReference
from django.core.checks import CheckMessage, Error, register

from geo.spatial import ALLOWED_SRIDS


@register()
def check_storage_srid(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    srid = settings.STORAGE_SRID
    if srid not in ALLOWED_SRIDS:
        return [Error(f"STORAGE_SRID {srid} is not on the SRID allow-list", id="geo.E001")]
    srs = SpatialReference(srid)
    unit_name = srs.linear_name
    if not srs.projected or unit_name not in {"metre", "meter"}:
        return [
            Error(
                f"STORAGE_SRID {srid} is not a metric projected CRS (units: {unit_name})",
                hint="Distances and areas are computed in the storage CRS; use EPSG:31370.",
                id="geo.E002",
            )
        ]
    return []
