"""Readable mapping tables (CSV) from a source's own types or tags to our rubrics, keywords and target groups.

Each table has a `key` column (the source's type, tag or kind), `categories`, `keywords` and `target_groups`
(several values separated by `;`), and whatever extra columns its importer needs (e.g. a name prefix).
Keys that are not in a table are not imported: the table says what we take from a source.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"


@dataclass(frozen=True)
class Mapping:
    key: str
    categories: tuple[str, ...]
    keywords: tuple[str, ...]
    target_groups: tuple[str, ...]
    extra: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> str:
        return self.extra[name]


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def mapping_path(name: str) -> Path:
    return MAPPINGS_DIR / f"{name}.csv"


def read_mapping(name: str) -> dict[str, Mapping]:
    """The table `importers/mappings/<name>.csv`, keyed by its `key` column."""
    with mapping_path(name).open(encoding="utf-8") as handle:
        table: dict[str, Mapping] = {}
        for record in csv.DictReader(handle):
            known = {"key", "categories", "keywords", "target_groups"}
            table[record["key"]] = Mapping(
                key=record["key"],
                categories=_split(record["categories"]),
                keywords=_split(record["keywords"]),
                target_groups=_split(record["target_groups"]),
                extra={name: value for name, value in record.items() if name not in known},
            )
        return table
