"""Statbel's per-sector population file, written here in its real format from the demo's real sector codes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from geo.areas.models import StatisticalSector, SubMunicipality
from geo.coverage.selectors import CoverageQuery, coverage_compute
from geo.coverage.units import Level
from geo.directory.models import Category
from importers.base import ImportFailed
from importers.sector_population import SectorPopulationImporter

pytestmark = pytest.mark.django_db

LEDEBERG = "44021G"


def write_file(folder: Path, rows: list[tuple[str, str]], *, column: str = "TOTAL", year: int = 2020) -> Path:
    path = folder / f"OPENDATA_SECTOREN_{year}.txt"
    lines = [f"CD_REFNIS|CD_SECTOR|{column}|TX_DESCR_SECTOR_NL"]
    lines += [f"{code[:5]}|{code}|{population}|sector {code}" for code, population in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ledeberg_sectors() -> list[str]:
    return list(StatisticalSector.objects.filter(submunicipality__code=LEDEBERG).values_list("code", flat=True))


def run(path: Path) -> object:
    return SectorPopulationImporter(path=path, progress=False, stdout=io.StringIO()).run()


def test_it_loads_the_figures_once_and_deelgemeenten_then_sum_their_sectors(tmp_path: Path) -> None:
    codes = ledeberg_sectors()
    assert len(codes) > 1
    rows = [(code, str(100 + index)) for index, code in enumerate(codes)]
    path = write_file(tmp_path, rows, column="POPULATION", year=2024)
    first = run(path)
    assert first.updated == len(codes)  # type: ignore[attr-defined]
    again = run(path)
    assert (again.created, again.updated) == (0, 0)  # type: ignore[attr-defined]
    sector = StatisticalSector.objects.get(code=codes[0])
    assert (sector.population, sector.population_year) == (100, 2024)

    query = CoverageQuery(
        category=Category.objects.get(code="gezondheid.apotheken"),
        level=Level.SUBMUNICIPALITY,
        municipality=SubMunicipality.objects.get(code=LEDEBERG).municipality,
    )
    units = {unit["code"]: unit for unit in coverage_compute(query)}
    assert units[LEDEBERG]["population"] == sum(int(population) for _, population in rows)
    assert units[LEDEBERG]["population_source"] == "sectors"
    # the other deelgemeenten of Gent have no sector figures: still spread by area, and labelled so
    assert {u["population_source"] for c, u in units.items() if c != LEDEBERG} == {"area_weighted_municipality"}


def test_a_bad_figure_fails_the_run_naming_the_row_and_changes_nothing(tmp_path: Path) -> None:
    codes = ledeberg_sectors()
    path = write_file(tmp_path, [(codes[0], "120"), (codes[1], "veel")])
    with pytest.raises(ImportFailed, match="rij 2"):
        run(path)
    assert StatisticalSector.objects.get(code=codes[0]).population is None


def test_a_file_without_a_population_column_is_refused(tmp_path: Path) -> None:
    path = write_file(tmp_path, [(ledeberg_sectors()[0], "120")], column="INWONERS")
    with pytest.raises(ImportFailed, match="CD_SECTOR"):
        run(path)
