"""What happens when an editor saves a location in the admin: pins and addresses go through geocoding."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from geo.directory.models import Location
from geo.directory.services import organisation_refresh_effective_area
from geo.geocoding.base import GeocoderError
from geo.geocoding.services import location_geocode, location_set_point_manually

ADDRESS_FIELDS = frozenset({"street", "house_number", "box_number", "postcode", "municipality_name"})


@transaction.atomic
def location_save_from_admin(*, location: Location, changed_fields: set[str], user: Any) -> str | None:
    """Save an edited location. A moved pin becomes a manual override that always wins; a changed address
    (without a manual pin) is geocoded again. Returns a warning for the editor when geocoding failed."""
    location.save()
    warning = None
    if "point" in changed_fields and location.point is not None:
        location_set_point_manually(location=location, point=location.point, user=user)
    elif changed_fields & ADDRESS_FIELDS and not location.point_locked:
        try:
            location_geocode(location=location, force=True)
        except GeocoderError as exc:
            warning = f"Het adres is bewaard, maar geocoderen mislukte: {exc}"
    organisation_refresh_effective_area(organisation=location.organisation)
    return warning
