"""The BeST-Address CSV (FPS BOSA, `openaddress-be{vlg,bru,wal}.zip`) and its set-based load into the register.

Rows are checked and normalised in Python while they stream from the file into a temporary table (COPY),
then streets and addresses are upserted with a few SQL statements: memory stays bounded whatever the file
size. Either coordinate pair is accepted by header name: Lambert 72 (`EPSG:31370_x/y`) or, in files since
October 2026, Lambert 2008 (`EPSG:3812_x/y`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.geocoding.normalize import box_key, house_number_int, house_number_key, street_key
from geo.spatial import LAMBERT72, LAMBERT2008

REQUIRED = (
    "address_id",
    "box_number",
    "house_number",
    "municipality_id",
    "postcode",
    "street_id",
    "streetname_nl",
    "streetname_fr",
    "status",
)
COORDINATES = {LAMBERT72: ("EPSG:31370_x", "EPSG:31370_y"), LAMBERT2008: ("EPSG:3812_x", "EPSG:3812_y")}
# Rough extent of Belgium in each CRS: a coordinate outside it is a broken row, not an address.
EXTENT = {LAMBERT72: (10_000, 10_000, 310_000, 260_000), LAMBERT2008: (510_000, 510_000, 810_000, 760_000)}
STATUSES = {"current", "proposed", "retired", "rejected"}
KEPT = {"current", "proposed"}


class BestFormatError(ValueError):
    """The file or a row is not valid BeST-Address; the message names the column and the value."""


@dataclass(frozen=True)
class BestHeader:
    srid: int
    index: dict[str, int]

    @classmethod
    def parse(cls, header: list[str]) -> BestHeader:
        index = {name.strip().lstrip("\ufeff"): position for position, name in enumerate(header)}
        missing = [name for name in REQUIRED if name not in index]
        srids = [srid for srid, (x, y) in COORDINATES.items() if x in index and y in index]
        if not srids:
            missing.append("EPSG:31370_x/EPSG:31370_y of EPSG:3812_x/EPSG:3812_y")
        if missing:
            raise BestFormatError(f"kolom ontbreekt: {', '.join(missing)}")
        return cls(srid=srids[0], index=index)


@contextmanager
def open_best(path: Path) -> Iterator[io.TextIOBase]:
    """The CSV as text, also straight out of BOSA's zip (the one .csv member)."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [name for name in archive.namelist() if name.lower().endswith(".csv")]
            if len(members) != 1:
                raise BestFormatError(f"{path.name} bevat {len(members)} CSV-bestanden, verwacht: 1")
            with archive.open(members[0]) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
                yield text
    else:
        with path.open(encoding="utf-8-sig", newline="") as text:
            yield text


def best_reader(handle: io.TextIOBase) -> tuple[BestHeader, Iterator[list[str]]]:
    first = handle.readline()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = BestHeader.parse(next(csv.reader([first], delimiter=delimiter)))
    return header, csv.reader(handle, delimiter=delimiter)


class RowSkipped(Exception):
    """A valid row we do not keep (status filter); counted, not an error."""


class BestRowReader:
    """Turns one CSV row into the staging tuple, with the checks of the format."""

    def __init__(self, header: BestHeader, *, include_retired: bool) -> None:
        self.header = header
        self.kept = STATUSES if include_retired else KEPT
        i = header.index
        self._x, self._y = (i[name] for name in COORDINATES[header.srid])
        self._columns = [i[name] for name in REQUIRED]
        self._name_de = i.get("streetname_de")
        self.streets: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        self.municipalities: set[str] = set()

    def _coordinate(self, row: list[str], position: int, low: float, high: float) -> float:
        name = self._column_name(position)
        try:
            value = float(row[position])
        except (ValueError, IndexError) as exc:
            raise BestFormatError(f"ongeldige coördinaat {name}={_value(row, position)!r}") from exc
        if not low <= value <= high:
            raise BestFormatError(f"coördinaat {name}={value} ligt buiten België (EPSG:{self.header.srid})")
        return value

    def _column_name(self, position: int) -> str:
        return next(name for name, index in self.header.index.items() if index == position)

    def read(self, row: list[str]) -> tuple[Any, ...]:
        if not row:
            raise RowSkipped("lege regel")
        if len(row) < len(self.header.index):
            raise BestFormatError(f"{len(row)} kolommen, verwacht: {len(self.header.index)}")
        address_id, box, number, municipality, postcode, street_id, name_nl, name_fr, status = (
            row[position].strip() for position in self._columns
        )
        status = status.lower()
        if status not in STATUSES:
            raise BestFormatError(f"onbekende status {status!r} (verwacht: {', '.join(sorted(STATUSES))})")
        if status not in self.kept:
            raise RowSkipped(status)
        west, south, east, north = EXTENT[self.header.srid]
        x = self._coordinate(row, self._x, west, east)
        y = self._coordinate(row, self._y, south, north)
        if not address_id:
            raise BestFormatError("address_id is leeg")
        name_de = row[self._name_de].strip() if self._name_de is not None else ""
        primary = name_nl or name_fr or name_de
        if not primary:
            raise BestFormatError(f"adres {address_id}: geen straatnaam")
        if not number:
            raise RowSkipped("geen huisnummer")
        key = street_key(primary)
        street = (municipality, key)
        if street not in self.streets:
            alternative = name_fr if name_nl and name_fr else name_de if name_de != primary else ""
            self.streets[street] = (street_id, primary, name_fr, street_key(alternative) if alternative else "")
            self.municipalities.add(municipality)
        number = house_number_key(number)
        return (
            address_id,
            municipality,
            key,
            number,
            house_number_int(number),
            box_key(box) if box else "",
            postcode[:4],
            x,
            y,
            status,
        )


def _value(row: list[str], position: int) -> str:
    return row[position] if position < len(row) else ""
