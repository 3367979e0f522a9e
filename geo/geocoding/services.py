"""Writes of geocoding results to locations: one location, a whole batch, and the editor's manual pin.

Rules (docs/geocoding.md): a manual pin (point_locked) always wins and survives every re-geocoding; an
ambiguous answer (two equally good candidates far apart) sets no point, so nothing wrong is shown silently;
a location whose address changed is re-geocoded by the service that changed it (location_address_update),
never by a signal.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils import timezone

from geo.directory.models import Location
from geo.directory.services import location_municipality, organisation_refresh_effective_area
from geo.geocoding.apply import POINT_FIELDS, apply_result, ask, candidate_unambiguous, location_query, save_point
from geo.geocoding.base import Candidate, Geocoder, GeocoderError
from geo.geocoding.batch import GeocodeSummary, locations_geocode_batch
from geo.geocoding.chain import get_geocoder
from geo.spatial import to_storage

__all__ = [
    "GeocodeSummary",
    "candidate_unambiguous",
    "location_address_update",
    "location_geocode",
    "location_query",
    "location_set_point_manually",
    "locations_geocode",
]


@transaction.atomic
def location_geocode(*, location: Location, geocoder: Geocoder | None = None, force: bool = False) -> Candidate | None:
    """Geocode one location. A locked (manual) pin is never touched; a point is only replaced with `force`.

    Raises GeocoderError when a provider failed and nothing was found, so a failure is not taken for
    "this address does not exist".
    """
    if location.point_locked or (location.point is not None and not force):
        return None
    (result,) = ask(geocoder or get_geocoder(), [location_query(location)])
    best = apply_result(location, result)
    if best is None and result.errors:
        raise GeocoderError("; ".join(result.errors))
    save_point(location)
    return best


@transaction.atomic
def location_set_point_manually(*, location: Location, point: Point, user: Any) -> Location:
    """An editor's pin: it always wins, keeps who and when, and survives re-geocoding."""
    location.point = cast(Point, to_storage(point))
    location.point_locked = True
    location.point_set_by = user if getattr(user, "pk", None) else None
    location.point_set_at = timezone.now()
    location.geocode_precision = Location.Precision.MANUAL
    location.geocode_source = "manual"
    location.geocoded_at = location.point_set_at
    before = location.municipality_id
    location.municipality = location_municipality(location=location) or location.municipality
    location.save(update_fields=[*POINT_FIELDS, "point_locked", "point_set_by", "point_set_at"])
    if location.municipality_id != before:
        organisation_refresh_effective_area(organisation=location.organisation)
    return location


@transaction.atomic
def location_address_update(
    *,
    location: Location,
    street: str,
    house_number: str = "",
    box_number: str = "",
    postcode: str = "",
    municipality_name: str = "",
    geocoder: Geocoder | None = None,
) -> Location:
    """Change a location's address and re-geocode it (a manual pin stays where the editor put it)."""
    wanted = {
        "street": street,
        "house_number": house_number,
        "box_number": box_number,
        "postcode": postcode,
        "municipality_name": municipality_name,
    }
    changed = [name for name, value in wanted.items() if getattr(location, name) != value]
    if not changed:
        return location
    for name in changed:
        setattr(location, name, wanted[name])
    location.save(update_fields=changed)
    if not location.point_locked:
        location_geocode(location=location, geocoder=geocoder, force=True)
    return location


def locations_geocode(
    *,
    only_missing: bool = True,
    provider: str | None = None,
    progress: bool | None = None,
    dry_run: bool = False,
    resume: bool = False,
) -> GeocodeSummary:
    """Geocode every location (or only those without a point) in resumable chunks; a summary per grade."""
    return locations_geocode_batch(
        geocoder=get_geocoder(provider),
        only_missing=only_missing,
        provider=provider or "",
        progress=progress,
        dry_run=dry_run,
        resume=resume,
    )
