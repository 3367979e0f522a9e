"""The importer base: transactional runs, dry-run, counts, warnings, and clear errors on broken input."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.management import CommandError, call_command

from geo.areas.models import Neighbourhood, SubMunicipality
from importers.base import Importer, ImportFailed, Row, RowError, SourceMissing, shared_data_path
from importers.geography import NeighbourhoodImporter, SubMunicipalityImporter
from importers.models import ImportRun

pytestmark = pytest.mark.django_db

DEELGEMEENTE = ("boundaries", "provinciesincijfers", "deelgemeente")


def _copy_shapefile(tmp_path: Path, parts: tuple[str, ...]) -> Path:
    for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        source = shared_data_path(*parts[:-1], parts[-1] + suffix)
        shutil.copy(source, tmp_path / source.name)
    return tmp_path / f"{parts[-1]}.shp"


class WijkWKTImporter(Importer):
    """A tiny CSV importer (code;name;wkt) used to exercise the base on hand-made rows."""

    name = "test.wijken"
    model = Neighbourhood
    key = ("code",)
    fields = {"code": "code", "name_nl": "name", "municipality": "code", "geom": "wkt"}
    source_code = "provincies-wijken"

    def rows(self) -> Iterator[Mapping[str, Any]]:
        assert self.path is not None
        with self.path.open(encoding="utf-8") as handle:
            yield from csv.DictReader(handle, delimiter=";")

    def clean_municipality(self, value: str, row: Row) -> Any:
        return SubMunicipality.objects.get(code="44021G").municipality

    def clean_geom(self, value: str, row: Row) -> GEOSGeometry:
        try:
            geom = GEOSGeometry(value, srid=31370)
        except (GEOSException, ValueError, TypeError) as exc:
            raise RowError(f"geen geldige WKT in kolom wkt: {value[:40]!r}") from exc
        return self.clean_multipolygon(geom)


def _write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["code", "name", "wkt"])
        writer.writerows(rows)
    return path


SQUARE = "POLYGON((105000 192000,105100 192000,105100 192100,105000 192100,105000 192000))"
BOWTIE = "POLYGON((105000 192000,105100 192100,105100 192000,105000 192100,105000 192000))"


def test_it_creates_then_leaves_unchanged_and_records_the_run(tmp_path: Path) -> None:
    path = _write(tmp_path / "w.csv", [("T1", "Proefwijk 1", SQUARE), ("T2", "Proefwijk 2", SQUARE)])
    first = WijkWKTImporter(path=path).run()
    second = WijkWKTImporter(path=path).run()
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert first.outcome == second.outcome == ImportRun.Outcome.SUCCEEDED
    _write(path, [("T1", "Proefwijk één", SQUARE), ("T2", "Proefwijk 2", SQUARE)])
    third = WijkWKTImporter(path=path).run()
    assert (third.updated, third.unchanged) == (1, 1)
    assert Neighbourhood.objects.get(code="T1").name_nl == "Proefwijk één"


def test_a_bad_row_fails_the_run_names_the_row_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = _write(tmp_path / "w.csv", [("T1", "a", SQUARE), ("T2", "b", SQUARE), ("T3", "c", "POLYGON((oops")])
    before = Neighbourhood.objects.count()
    with pytest.raises(ImportFailed, match="rij 3: geen geldige WKT"):
        WijkWKTImporter(path=path).run()
    assert Neighbourhood.objects.count() == before
    run = ImportRun.objects.filter(importer="test.wijken").first()
    assert run is not None and run.outcome == ImportRun.Outcome.FAILED and "rij 3" in run.error


def test_an_invalid_geometry_is_repaired_and_reported(tmp_path: Path) -> None:
    run = WijkWKTImporter(path=_write(tmp_path / "w.csv", [("T9", "Vlinder", BOWTIE)])).run()
    stored = Neighbourhood.objects.get(code="T9")
    assert stored.geom.valid
    assert run.warnings == ["rij 1: ongeldige geometrie hersteld met MakeValid"]


def test_dry_run_reads_everything_and_saves_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path / "w.csv", [("T1", "a", SQUARE), ("T2", "b", SQUARE)])
    run = WijkWKTImporter(path=path, dry_run=True).run()
    assert run.created == 2 and run.outcome == ImportRun.Outcome.DRY_RUN
    assert not Neighbourhood.objects.filter(code__in=["T1", "T2"]).exists()


def test_a_truncated_real_shapefile_fails_and_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    shapefile = _copy_shapefile(tmp_path, DEELGEMEENTE)
    data = shapefile.read_bytes()
    shapefile.write_bytes(data[: len(data) // 2])  # cut off halfway through the geometries
    SubMunicipality.objects.filter(municipality__code="44021").update(name_nl="gewijzigd")
    with pytest.raises(ImportFailed):
        SubMunicipalityImporter(path=shapefile).run()
    # Nothing the run did survived: the names we changed are still ours, not the file's.
    assert set(SubMunicipality.objects.filter(municipality__code="44021").values_list("name_nl", flat=True)) == {
        "gewijzigd"
    }


def test_a_real_shapefile_import_is_idempotent(tmp_path: Path) -> None:
    shapefile = _copy_shapefile(tmp_path, ("boundaries", "provinciesincijfers", "ggw7"))
    run = NeighbourhoodImporter(path=shapefile).run()
    assert (run.created, run.updated, run.unchanged) == (0, 0, 2767)


def test_a_missing_source_says_where_the_data_should_be(tmp_path: Path, settings: Any) -> None:
    settings.SHARED_DATA_DIR = tmp_path / "nowhere"
    with pytest.raises(SourceMissing, match="SOCIALE_KAART_DATA_DIR"):
        NeighbourhoodImporter().run()


def test_the_command_reports_a_missing_data_folder_cleanly(tmp_path: Path, settings: Any) -> None:
    settings.SHARED_DATA_DIR = tmp_path / "nowhere"
    with pytest.raises(CommandError, match="shared/data"):
        call_command("import_geography")


def test_shared_data_is_where_the_readme_says() -> None:
    assert Path(settings.SHARED_DATA_DIR).resolve() == (Path(__file__).parents[3] / "shared" / "data").resolve()
