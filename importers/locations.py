"""Locations (vestigingen) of imported organisations: address parsing, the municipality of an address, and
an exact sync of an organisation's locations and weekly opening hours.

Points: a location gets the source's point when the source has a trustworthy one (precision "source").
Without one it keeps `point=None` and the demo's last step (geo.geocoding, `--only-missing`) places it from
the address register; a re-import then leaves that point alone unless the address itself changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from functools import cache
from typing import Any, cast

from django.contrib.gis.geos import Point
from django.utils import timezone

from geo.areas.models import Municipality, PostalArea
from geo.directory.models import Location, OpeningHours, Organisation
from geo.spatial import to_storage
from importers.base import values_differ

# "Opgeëistenlaan 401/F", "Dr. André Sierenstraat 16 bus 3/B", "Rue du Bercet 12", "Kouter 7 b", "Oude Houtlei 2A"
_ADDRESS = re.compile(
    r"^(?P<street>.*?\D)\s*,?\s+(?P<number>\d+(?:-\d+)?[A-Za-z]?)"
    r"(?:(?:\s*(?:/|\bbus\b|\bbte\b|\bboîte\b|-)\s*|\s+)(?P<box>.+?))?\s*$",
    re.IGNORECASE,
)
# French style, number first: "59 B rue Sesselich", "12, rue Haute"
_NUMBER_FIRST = re.compile(r"^(?P<number>\d+[A-Za-z]?)(?:\s+(?P<box>[A-Za-z]))?\s*,?\s+(?P<street>\D.*)$")
ADDRESS_FIELDS = ("street", "house_number", "box_number", "postcode")


@dataclass(frozen=True)
class Slot:
    weekday: int  # 0 = Monday
    opens: time
    closes: time  # time(0, 0) = midnight, the end of the day
    note: str = ""


@dataclass
class LocationRecord:
    external_id: str
    is_main: bool = False
    name: str = ""
    street: str = ""
    house_number: str = ""
    box_number: str = ""
    postcode: str = ""
    municipality_name: str = ""
    municipality: Municipality | None = None
    point: Point | None = None  # storage SRID; None: the source has no trustworthy position
    geocode_source: str = ""
    opening_hours_note: str = ""
    opening_hours_raw: str = ""
    phone: str = ""
    email: str = ""
    slots: list[Slot] | None = None  # None: the source says nothing about weekly hours
    field_sources: dict[str, str] = field(default_factory=dict)


def split_street_line(line: str) -> tuple[str, str, str]:
    """'Opgeëistenlaan 401/F' -> ('Opgeëistenlaan', '401', 'F'); a line without a number stays whole."""
    line = " ".join(line.replace("p/a ", "").split()).strip(" ,")
    line = re.sub(r"\s+-\s+.*$", "", line)  # "401/M - lokaal 533": the room is not part of the address
    match = _ADDRESS.match(line) or _NUMBER_FIRST.match(line)
    if match is None:
        return line, "", ""
    box = (match["box"] or "").strip()
    return match["street"].strip(" ,"), match["number"], box[:20]


@cache
def _municipalities_by_code() -> dict[str, Municipality]:
    return {m.code: m for m in Municipality.objects.all()}


@cache
def _municipalities_by_postcode() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for postcode, code in PostalArea.objects.values_list("postcode", "municipalities__code"):
        if code:
            found.setdefault(postcode, []).append(code)
    return found


def municipality_for(*, nis_code: str | None = None, postcode: str | None = None) -> Municipality | None:
    """The municipality by NIS code, else the only municipality of the postcode (None when it has two)."""
    by_code = _municipalities_by_code()
    if nis_code and nis_code in by_code:
        return by_code[nis_code]
    codes = _municipalities_by_postcode().get(postcode or "", [])
    return by_code.get(codes[0]) if len(codes) == 1 else None


def municipality_lookups_clear() -> None:
    """Forget the cached lookups (a test that rebuilt the geography, a long-running process)."""
    _municipalities_by_code.cache_clear()
    _municipalities_by_postcode.cache_clear()


def point_in_storage(x: float, y: float, *, srid: int) -> Point:
    """A point from source coordinates, in the storage CRS (the transformation is cached in geo.spatial)."""
    return cast(Point, to_storage(Point(x, y, srid=srid)))  # a transformed point stays a point


def _plain_values(record: LocationRecord) -> dict[str, Any]:
    names = (
        "name",
        "street",
        "house_number",
        "box_number",
        "postcode",
        "municipality_name",
        "is_main",
        "opening_hours_note",
        "opening_hours_raw",
        "phone",
        "email",
        "field_sources",
    )
    values: dict[str, Any] = {name: getattr(record, name) for name in names}
    values["opening_hours_raw"] = values["opening_hours_raw"][:500]
    values["phone"] = values["phone"][:50]
    if record.municipality is not None:
        values["municipality"] = record.municipality
    return values


def _apply(location: Location, record: LocationRecord) -> list[str]:
    """Set the record's values on `location`; returns the names of the fields that changed."""
    changed: list[str] = []
    address_changed = any(getattr(location, name) != getattr(record, name) for name in ADDRESS_FIELDS)
    for name, value in _plain_values(record).items():
        current = location.municipality_id if name == "municipality" else getattr(location, name)
        wanted = value.pk if name == "municipality" else value
        if values_differ(current, wanted):
            setattr(location, name, value)
            changed.append(name)
    if location.point_locked:
        return changed  # an editor's pin always wins
    if record.point is not None:
        if location.point is None or values_differ(location.point, record.point):
            location.point = record.point
            location.geocode_precision = Location.Precision.SOURCE
            location.geocode_source = record.geocode_source
            location.geocoded_at = timezone.now()
            changed += ["point", "geocode_precision", "geocode_source", "geocoded_at"]
    elif location.pk and address_changed and location.point is not None:
        # The source moved the address and has no point: forget the old one so the geocoder places it anew.
        location.point = None
        location.geocode_precision = ""
        location.geocode_source = ""
        location.geocoded_at = None
        changed += ["point", "geocode_precision", "geocode_source", "geocoded_at"]
    return changed


def _sync_slots(location: Location, slots: list[Slot]) -> bool:
    current = sorted((h.weekday, h.opens, h.closes, h.note) for h in location.opening_hours.all())
    wanted = sorted((s.weekday, s.opens, s.closes, s.note[:200]) for s in slots)
    if current == wanted:
        return False
    location.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(location=location, weekday=w, opens=o, closes=c, note=n) for w, o, c, n in wanted
    )
    return True


def locations_sync(*, organisation: Organisation, records: list[LocationRecord], warn: Callable[[str], None]) -> bool:
    """Make the organisation's locations of its source exactly `records`. Returns True when anything changed."""
    existing = {loc.external_id: loc for loc in organisation.locations.filter(source=organisation.source)}
    wanted_ids = {record.external_id for record in records}
    changed = False
    vanished = [loc for key, loc in existing.items() if key not in wanted_ids]
    for location in vanished:
        location.delete()
        changed = True
    # Non-main locations first, so a main location that moves never meets the one-main constraint twice.
    for record in sorted(records, key=lambda r: r.is_main):
        location = existing.get(record.external_id) or Location(
            organisation=organisation,
            source=organisation.source,
            external_id=record.external_id,
            is_synthetic=organisation.is_synthetic,
        )
        created = location.pk is None
        fields = _apply(location, record)
        if created:
            location.save()
        elif fields:
            location.save(update_fields=[*fields, "updated_at"])
        changed |= created or bool(fields)
        if record.slots is not None:
            changed |= _sync_slots(location, record.slots)
        if location.point is None:
            warn(
                f"{organisation.name}: vestiging {location.address_line or record.external_id} zonder punt in de "
                f"bron; wordt gegeocodeerd uit het adresregister"
            )
    return changed
