"""Population per statistical sector from Statbel's open data file OPENDATA_SECTOREN_<year>.

The file (statbel.fgov.be, "Bevolking per statistische sector") is pipe-separated text with a header row:
CD_REFNIS|CD_SECTOR|TOTAL|... in the older years, CD_REFNIS|CD_SECTOR|POPULATION|... (or MS_POPULATION) in
the newer ones. Only the sector code and the total are read; the year comes from the file name or
`--year`. Only sectors that exist are updated (a sector the file has but our table lacks is a warning).
With these figures the planners' view sums deelgemeenten from their sectors instead of spreading the
municipality's total by area (docs/planning.md).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from geo.areas.models import StatisticalSector
from importers.base import Importer, RowError, SourceMissing

POPULATION_COLUMNS = ("TOTAL", "POPULATION", "MS_POPULATION")
_YEAR_IN_NAME = re.compile(r"SECTOREN_(\d{4})", re.IGNORECASE)


def year_from_name(path: Path) -> int | None:
    match = _YEAR_IN_NAME.search(path.name)
    return int(match.group(1)) if match else None


class SectorPopulationImporter(Importer):
    name = "population.sectors"
    model = StatisticalSector
    key = ("code",)
    fields = {"code": "CD_SECTOR", "population": "population", "population_year": "year"}
    # No source_code: the sector rows keep their own (boundary) source; the attribution of these figures is
    # registered in importers.sources as "statbel-sector-bevolking" and shown by the planners' view.
    source_code = None
    create_missing = False

    def __init__(self, *, year: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.year = year

    def rows(self) -> Iterator[Mapping[str, Any]]:
        if self.path is None or not self.path.exists():
            raise SourceMissing(f"bestand niet gevonden: {self.path}")
        year = self.year or year_from_name(self.path)
        if year is None:
            raise RowError("geen jaar: geef --year of een bestandsnaam OPENDATA_SECTOREN_<jaar>")
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="|")
            header = [name.strip().upper() for name in reader.fieldnames or ()]
            reader.fieldnames = header
            column = next((name for name in POPULATION_COLUMNS if name in header), None)
            if "CD_SECTOR" not in header or column is None:
                raise RowError(f"kolommen CD_SECTOR en één van {', '.join(POPULATION_COLUMNS)} ontbreken: {header}")
            for record in reader:
                yield {"CD_SECTOR": (record["CD_SECTOR"] or "").strip(), "population": record[column], "year": year}

    def clean_population(self, value: Any, row: Any) -> int:
        try:
            number = int(str(value).strip().replace(".", ""))
        except ValueError as exc:
            raise RowError(f"geen geheel getal als bevolking: {value!r}") from exc
        if number < 0:
            raise RowError(f"negatieve bevolking: {number}")
        return number
