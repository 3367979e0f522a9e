"""Care, housing and safety bodies known by their area, from shared/data/service_areas.

One organisation per eerstelijnszone (its zorgraad), woonmaatschappij, intergemeentelijke samenwerking wonen,
Gezondheidsmakers region and police zone, named from the name tables. They have no location: the service
area is the whole fiche's point. Each area is a union of whole municipalities, so it is built from the member
municipalities (`service_area_from_units`: identical areas are stored once, Gent's ELZ, woonmaatschappij and
police zone share one) and checked against the real polygon of the shapefile; where they differ by more than
0.5 % the shapefile's polygon is used instead, with a warning. Rubrics and keywords: mappings/bodies.csv.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import GEOSGeometry

from geo.areas.models import Municipality, ServiceArea
from geo.areas.services import service_area_from_geometry, service_area_from_units
from importers.base import RowError, SkipRow, shared_data_path
from importers.geography import read_shapefile
from importers.mapping_tables import mapping_path, read_mapping
from importers.organisations import OrganisationImporter

# kind -> the shapefile's code field. The tables are <kind>.shp, names_<kind>.csv, municipality_to_<kind>.csv.
BODY_KINDS = {
    "elz": "elz",
    "woonmaatschappij": "woonmaatsc",
    "igs": "igs",
    "gezondheidsmakers": "gezondheid",
    "politiezone": "politiezon",
}
# Areas that are no body: Gent and others without an intergemeentelijke samenwerking wonen.
NOT_A_BODY = {("igs", "igs999")}
MAX_AREA_DIFFERENCE = 0.005  # of the shapefile polygon's area


def read_table(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or ())]
        if missing:
            raise RowError(f"{path.name} mist de kolom(men) {', '.join(missing)}")
        return list(reader)


def area_difference(area: GEOSGeometry, polygon: GEOSGeometry) -> float:
    """Symmetric difference of the two areas, as a fraction of the polygon's area."""
    return float(area.sym_difference(polygon).area / polygon.area)


class BodyImporter(OrganisationImporter):
    name = "bodies.service_areas"
    source_code = "provincies-werkingsgebieden"
    external_id_prefix = "body:"

    def _folder(self) -> Path:
        return self.path or shared_data_path("service_areas")

    def input_paths(self) -> list[Path]:
        folder = self._folder()
        files = [mapping_path("bodies")]
        for kind in BODY_KINDS:
            files += [folder / f"{kind}.shp", folder / f"{kind}.dbf", folder / f"names_{kind}.csv"]
            files.append(folder / f"municipality_to_{kind}.csv")
        return files

    def rows(self) -> Iterator[Mapping[str, Any]]:
        folder = self._folder()
        self._municipalities = {m.code: m for m in Municipality.objects.exclude(geom=None)}
        mapping = read_mapping("bodies")
        for kind, code_field in BODY_KINDS.items():
            names = {
                row["geoitem code"]: row["name"]
                for row in read_table(folder / f"names_{kind}.csv", ("geoitem code", "name"))
            }
            members: dict[str, list[str]] = defaultdict(list)
            for row in read_table(folder / f"municipality_to_{kind}.csv", ("gemeente", kind)):
                members[row[kind]].append(row["gemeente"])
            for feature in read_shapefile(folder / f"{kind}.shp"):
                code = feature.get(code_field)
                yield {
                    "kind": kind,
                    "code": str(code) if code is not None else None,
                    "name": names.get(str(code)),
                    "members": members.get(str(code), []),
                    "geometry": feature["geometry"],
                    "mapping": mapping[kind],
                }

    def build(self, record: Mapping[str, Any]) -> dict[str, Any]:
        kind, code, mapping = record["kind"], record["code"], record["mapping"]
        if code is None:
            raise SkipRow()  # the shapefiles' filler polygon for Brussels, without a code
        if (kind, code) in NOT_A_BODY:
            raise SkipRow()
        if not record["name"]:
            raise RowError(f"{kind} {code} staat niet in names_{kind}.csv")
        area_name = record["name"]
        prefix = mapping["name_prefix"]
        name = f"{prefix} {area_name.removeprefix('PZ ')}" if prefix else area_name
        return {
            "external_id": f"body:{kind}:{code}",
            "name": name,
            "alternate_names": [area_name] if area_name != name else [],
            "description": mapping["description"],
            "service_area": self._service_area(kind, code, name, record),
            "field_sources": {"name": self.source_code, "service_area": self.source_code},
            "categories": mapping.categories,
            "keywords": mapping.keywords,
            "target_groups": mapping.target_groups,
        }

    def _service_area(self, kind: str, code: str, name: str, record: Mapping[str, Any]) -> ServiceArea:
        polygon = self.clean_multipolygon(record["geometry"])
        codes = record["members"]
        units = [self._municipalities[c] for c in codes if c in self._municipalities]
        unknown = sorted(set(codes) - set(self._municipalities))
        if units and not unknown:
            area, _ = service_area_from_units(units=units)
            difference = area_difference(area.geom, polygon)
            if difference < MAX_AREA_DIFFERENCE:
                return area
            self.warn(
                f"{name}: de unie van de {len(units)} gemeenten wijkt {difference:.2%} af van de polygoon van "
                f"{kind}.shp; de polygoon wordt gebruikt"
            )
        else:
            self.warn(f"{name}: gemeenten {unknown or 'geen'} onbekend of zonder grens; de polygoon wordt gebruikt")
        area, created = service_area_from_geometry(geom=polygon, name=f"Werkingsgebied {name}")
        if created and units:
            area.municipalities.set(units)  # still record which municipalities it is made of
        return area


BODY_IMPORTERS: list[type[OrganisationImporter]] = [BodyImporter]
