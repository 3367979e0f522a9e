"""Pharmacies of Gent and around: the agency list (FAGG/AFMPS, 2022) merged with OpenStreetMap (2026).

The agency gives the licence, the KBO number, the status (suspended -> temporarily closed) and a Lambert 2008
point; OSM gives the name on the door, contacts and opening hours. Matching is in pharmacy_matching.py;
uncertain pairs go to the import report. OSM pharmacies without an agency record are imported on their own,
in whichever of our municipalities their point lies (the OSM file is a bounding box around Gent). Every
field remembers its source in `field_sources`. OSM `opening_hours` becomes weekly slots; text that cannot be
read as such is kept raw and reported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import Point

from geo.areas.models import Municipality
from geo.directory.models import OperationalStatus
from geo.spatial import LAMBERT2008, WGS84
from importers.base import RowError, SkipRow, shared_data_path
from importers.locations import LocationRecord, municipality_for, point_in_storage, split_street_line
from importers.mapping_tables import mapping_path, read_mapping
from importers.opening_hours import parse_opening_hours
from importers.organisations import OrganisationImporter
from importers.pharmacy_matching import Candidate, match_pharmacies

AGENCY, OSM = "afmps-apotheken", "osm-apotheken"
AGENCY_FILE, OSM_FILE = "pharmacies_gent_afmps.json", "pharmacies_gentbbox_osm.json"
STATUS = {"ACTIVE": OperationalStatus.ACTIVE, "TEMPORARILY_SUSPENDED": OperationalStatus.TEMPORARILY_CLOSED}


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        raise RowError(f"{path.name} is geen leesbaar JSON-bestand: {exc}") from exc
    if not isinstance(data, list):
        raise RowError(f"{path.name}: verwacht een lijst van apotheken")
    return data


def _kbo(number: str | None) -> str:
    digits = "".join(ch for ch in number or "" if ch.isdigit()).zfill(10)
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}" if len(digits) == 10 and number else ""


def _agency_point(record: Mapping[str, Any]) -> Point:
    try:
        lambert = next(g for g in record["geo"] if g["format"] == "epsg:3812")
        return point_in_storage(float(lambert["x"]), float(lambert["y"]), srid=LAMBERT2008)
    except (KeyError, StopIteration, TypeError, ValueError) as exc:
        raise RowError(f"FAGG {record.get('authorization_id')}: geen bruikbare Lambert 2008-coördinaten") from exc


def _osm_point(record: Mapping[str, Any]) -> Point:
    try:
        return point_in_storage(float(record["geo"]["longitude"]), float(record["geo"]["latitude"]), srid=WGS84)
    except (KeyError, TypeError, ValueError) as exc:
        raise RowError(f"OSM-apotheek zonder bruikbaar punt: {str(record)[:100]}") from exc


def _osm_name(record: Mapping[str, Any]) -> str:
    return next((n["value"] for n in record.get("name") or () if n.get("value")), "")


def _osm_key(record: Mapping[str, Any]) -> str:
    # The file has no OSM ids: the position (to ~10 cm) is the stable key.
    return f"{float(record['geo']['latitude']):.6f},{float(record['geo']['longitude']):.6f}"


class PharmacyImporter(OrganisationImporter):
    name = "poi.pharmacies"
    source_code = AGENCY
    external_id_prefix = "pharmacy:"
    prefetch_existing = False  # rows come from two sources; the base caches only one

    def _folder(self) -> Path:
        return self.path or shared_data_path("poi")

    def input_paths(self) -> list[Path]:
        return [self._folder() / AGENCY_FILE, self._folder() / OSM_FILE, mapping_path("pharmacies")]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        agency = _read(self._folder() / AGENCY_FILE)
        osm = _read(self._folder() / OSM_FILE)
        self._mapping = read_mapping("pharmacies")["amenity=pharmacy"]
        agency_candidates = [self._agency_candidate(record) for record in agency]
        osm_candidates = [self._osm_candidate(record) for record in osm]
        matches, review = match_pharmacies(agency_candidates, osm_candidates)
        for line in review:
            self.warn(line)
        osm_by_key = {_osm_key(record): record for record in osm}
        matched = {m.agency: osm_by_key[m.osm] for m in matches}
        for record in agency:
            yield {"agency": record, "osm": matched.get(str(record["authorization_id"]))}
        used = {m.osm for m in matches}
        for record in osm:
            if _osm_key(record) not in used:
                yield {"agency": None, "osm": record}

    def _agency_candidate(self, record: Mapping[str, Any]) -> Candidate:
        if not record.get("authorization_id") or not record.get("name"):
            raise RowError(f"FAGG-record zonder vergunningsnummer of naam: {str(record)[:100]}")
        point = _agency_point(record)
        home = municipality_for(postcode=str(record.get("zipCode", "")))
        usable = home is not None and home.geom is not None and home.geom.intersects(point)
        if not usable:
            self.warn(
                f"FAGG {record['authorization_id']} {record['textual_address'].strip()}: het punt van de bron "
                f"ligt niet in de gemeente van de postcode; niet gebruikt"
            )
        street, number, _ = split_street_line(record.get("textual_address", ""))
        holder = (record.get("authorization_holder") or {}).get("name", "")
        return Candidate(
            key=str(record["authorization_id"]),
            x=point.x,
            y=point.y,
            name=record["name"],
            street=street,
            number=number,
            usable_point=usable,
            extra_names=[holder],
        )

    def _osm_candidate(self, record: Mapping[str, Any]) -> Candidate:
        point = _osm_point(record)
        address = (record.get("addresses") or [{}])[0]
        return Candidate(
            key=_osm_key(record),
            x=point.x,
            y=point.y,
            name=_osm_name(record),
            street=address.get("street") or "",
            number=address.get("housenumber") or "",
        )

    def build(self, record: Mapping[str, Any]) -> dict[str, Any]:
        agency, osm = record["agency"], record["osm"]
        sources: dict[str, str] = {}
        values: dict[str, Any] = {
            "categories": self._mapping.categories,
            "keywords": self._mapping.keywords,
            "target_groups": self._mapping.target_groups,
            "description": self._mapping["description"],
        }
        location = LocationRecord(external_id="", is_main=True)
        if agency is not None:
            self._from_agency(agency, values, location, sources)
        if osm is not None:
            self._from_osm(osm, values, location, sources, merged=agency is not None)
        location.field_sources = sources
        values["field_sources"] = sources
        values["locations"] = [location]
        return values

    def _from_agency(
        self, agency: Mapping[str, Any], values: dict[str, Any], location: LocationRecord, sources: dict[str, str]
    ) -> None:
        key = str(agency["authorization_id"])
        status = STATUS.get(agency.get("status", ""))
        if status is None:
            raise RowError(f"FAGG {key}: onbekende status {agency.get('status')!r}")
        operator = agency.get("operator") or agency.get("authorization_holder") or {}
        holder = (agency.get("authorization_holder") or {}).get("name", "")
        values.update(
            source=AGENCY,
            external_id=f"pharmacy:afmps:{key}",
            name=agency["name"],
            alternate_names=[holder] if holder and holder != agency["name"] else [],
            enterprise_number=_kbo(operator.get("entreprise_number")),
            operational_status=status,
        )
        street, number, box = split_street_line(agency.get("textual_address", ""))
        postcode = str(agency.get("zipCode", ""))
        location.external_id = values["external_id"]
        location.street, location.house_number, location.box_number = street, number, box
        location.postcode, location.municipality_name = postcode, agency.get("municipality", "")
        location.municipality = municipality_for(postcode=postcode)
        point = _agency_point(agency)
        if (
            location.municipality is not None
            and location.municipality.geom is not None
            and location.municipality.geom.intersects(point)
        ):
            location.point, location.geocode_source = point, "FAGG/AFMPS (Lambert 2008)"
            sources["point"] = AGENCY
        for name in ("name", "alternate_names", "enterprise_number", "operational_status", "address"):
            sources[name] = AGENCY

    def _from_osm(
        self,
        osm: Mapping[str, Any],
        values: dict[str, Any],
        location: LocationRecord,
        sources: dict[str, str],
        *,
        merged: bool,
    ) -> None:
        contact = osm.get("contact") or {}
        name = _osm_name(osm)
        if merged:
            sources["merged_with"] = OSM  # the OSM record of the same pharmacy was merged into this fiche
            if name and name != values["name"]:
                values["alternate_names"] = [*values["alternate_names"], name]
        else:
            point = _osm_point(osm)
            municipality = Municipality.objects.filter(geom__intersects=point).first()
            if municipality is None:
                raise SkipRow(f"OSM-apotheek {name!r} ligt buiten onze gemeentegrenzen")
            address = (osm.get("addresses") or [{}])[0]
            values.update(
                source=OSM, external_id=f"pharmacy:osm:{_osm_key(osm)}", name=name or "Apotheek (naam onbekend)"
            )
            location.external_id = values["external_id"]
            location.street, location.house_number = address.get("street") or "", address.get("housenumber") or ""
            location.box_number = (address.get("unit") or "")[:20]
            location.postcode = address.get("zipCode") or ""
            location.municipality_name, location.municipality = municipality.name_nl, municipality
            location.point, location.geocode_source = point, "OpenStreetMap"
            for field_name in ("name", "address", "point"):
                sources[field_name] = OSM
        if location.point is None:  # the agency's point was unusable: the matched OSM point is the building
            location.point, location.geocode_source = _osm_point(osm), "OpenStreetMap"
            sources["point"] = OSM
        values.update(website=(contact.get("website") or "")[:500], email=contact.get("email") or "")
        location.phone, location.email = contact.get("phone") or "", contact.get("email") or ""
        values["phones"] = [(location.phone, "")] if location.phone else []
        sources.update({name: OSM for name in ("website", "email", "phones") if values.get(name)})
        self._opening_hours(osm, location, sources, name or values["name"])

    def _opening_hours(
        self, osm: Mapping[str, Any], location: LocationRecord, sources: dict[str, str], name: str
    ) -> None:
        raw = (osm.get("osm_opening_hours") or "").strip()
        if not raw:
            location.slots = []
            return
        parsed = parse_opening_hours(raw)
        location.opening_hours_raw = raw
        location.slots = parsed.slots if parsed.slots is not None else []
        sources["opening_hours"] = OSM
        if parsed.slots is None:
            self.warn(f"{name}: openingsuren {raw!r} {parsed.problem}; ruwe tekst bewaard")


PHARMACY_IMPORTERS: list[type[OrganisationImporter]] = [PharmacyImporter]
