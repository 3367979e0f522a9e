"""The shared importer base: declarative field mapping, per-field cleaning, streaming rows, update-or-create
on a key, dry-run, a progress bar, and an ImportRun record with counts and warnings.

Every run is one transaction: when a row fails, nothing of the run stays in the database and the error
names the row and the reason. A subclass declares:

    class MunicipalityImporter(Importer):
        name = "boundaries.municipalities"
        model = Municipality
        key = ("code",)
        fields = {"code": "geoitem", "name_nl": "naam", "geom": "geometry"}
        source_code = "statbel-provincies"
        def rows(self): ...                       # yields mappings, one per source record
        def clean_name_nl(self, value, row): ...  # optional, one per model field

See docs/importers.md for the checklist.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TextIO

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.db import models, transaction
from django.utils import timezone
from tqdm import tqdm

from geo.areas.models import DataSource
from geo.spatial import to_storage, valid_multipolygon
from importers.models import ImportRun
from importers.sources import data_source

MAX_WARNINGS = 500


class ImportFailed(Exception):
    """The run failed and was rolled back; the message says which row and why."""


class SourceMissing(ImportFailed):
    """The input file is not there."""


class SkipRow(Exception):
    """Raised by a cleaner for a row that is deliberately left out (counted as skipped)."""


class RowError(ValueError):
    """Raised by a cleaner for a bad value; fails the run (or skips the row when on_row_error='skip')."""


class _DryRunRollback(Exception):
    pass


@dataclass
class Row:
    number: int
    data: Mapping[str, Any]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: list[str] = field(default_factory=list)


def shared_data_path(*parts: str) -> Path:
    """A file under the shared open-data folder, or a clear error saying what to do when it is absent."""
    path = Path(settings.SHARED_DATA_DIR).joinpath(*parts)
    if not path.exists():
        raise SourceMissing(
            f"{path} does not exist. The real open data is expected in ../shared/data beside this checkout "
            f"(see README, 'Data'); put it there or point SOCIALE_KAART_DATA_DIR at it."
        )
    return path


def file_checksum(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def values_differ(old: Any, new: Any) -> bool:
    if isinstance(old, GEOSGeometry) and isinstance(new, GEOSGeometry):
        # Exact to a millimetre: a re-import of the same file must count as unchanged.
        return old.srid != new.srid or not old.equals_exact(new, 0.001)
    return bool(old != new)


def _key_value(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


class Importer:
    name: ClassVar[str]
    model: ClassVar[type[models.Model]]
    key: ClassVar[tuple[str, ...]] = ("source", "external_id")
    fields: ClassVar[Mapping[str, str]] = {}
    source_code: ClassVar[str | None] = None
    # Bump when the importer's output changes, so the unchanged-source fast path does not skip it.
    version: ClassVar[int] = 1
    on_row_error: ClassVar[str] = "fail"  # or "skip": the row is counted as failed, with a warning
    validate: ClassVar[bool] = False  # run model full_clean() on new records (slower; for hand-made sources)
    # Load every existing record of the model once, keyed like `key`, instead of one SELECT per row.
    # Turn off for imports of millions of rows (the address register streams instead).
    prefetch_existing: ClassVar[bool] = True
    create_missing: ClassVar[bool] = True  # False: only update records that exist (e.g. population figures)

    def __init__(
        self,
        *,
        path: Path | None = None,
        dry_run: bool = False,
        progress: bool | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.path = path
        self.dry_run = dry_run
        self.progress = progress
        self.stdout = stdout or sys.stdout
        self.counts = Counts()
        self.current_row: Row | None = None
        self._source: DataSource | None = None

    # --- to implement ---------------------------------------------------------------------
    def rows(self) -> Iterator[Mapping[str, Any]]:
        raise NotImplementedError

    def input_paths(self) -> list[Path]:
        """The files read, for the checksum. Defaults to `self.path`."""
        return [self.path] if self.path else []

    def total(self) -> int | None:
        """Number of rows, when cheap to know, for the progress bar."""
        return None

    def clean(self, values: dict[str, Any], row: Row) -> dict[str, Any]:
        """Cross-field cleaning after the per-field cleaners."""
        return values

    def after_save(self, instance: models.Model, row: Row, created: bool) -> bool:
        """Related records (M2M, children). Return True when something changed."""
        return False

    def finish(self) -> None:
        """After the last row, inside the transaction (e.g. retire records the source no longer has)."""

    # --- helpers for subclasses -----------------------------------------------------------
    @property
    def source(self) -> DataSource | None:
        if self._source is None and self.source_code:
            self._source = data_source(self.source_code)
        return self._source

    def warn(self, message: str) -> None:
        prefix = f"rij {self.current_row.number}: " if self.current_row else ""
        if len(self.counts.warnings) < MAX_WARNINGS:
            self.counts.warnings.append(prefix + message)

    def clean_multipolygon(self, geom: GEOSGeometry | None) -> GEOSGeometry:
        if geom is None or geom.empty:
            raise RowError("geen geometrie")
        try:
            result, repaired = valid_multipolygon(to_storage(geom))
        except ValueError as exc:
            raise RowError(f"ongeldige geometrie: {exc}") from exc
        if repaired:
            self.warn("ongeldige geometrie hersteld met MakeValid")
        return result

    # --- the run --------------------------------------------------------------------------
    def checksum(self) -> str:
        paths = [path for path in self.input_paths() if path is not None]
        base = f"{self.name}:v{self.version}:"
        return hashlib.sha256((base + (file_checksum(paths) if paths else "")).encode()).hexdigest()

    def run(self, *, skip_unchanged_source: bool = False) -> ImportRun:
        for path in self.input_paths():
            if not path.exists():
                raise SourceMissing(f"{path} does not exist")
        checksum = self.checksum()
        if skip_unchanged_source and not self.dry_run:
            last = ImportRun.objects.filter(importer=self.name, outcome=ImportRun.Outcome.SUCCEEDED).first()
            if last is not None and last.source_checksum == checksum:
                return ImportRun.objects.create(
                    importer=self.name,
                    source_path=str(self.path or ""),
                    source_checksum=checksum,
                    outcome=ImportRun.Outcome.SOURCE_UNCHANGED,
                    finished_at=timezone.now(),
                )
        record = ImportRun.objects.create(
            importer=self.name, source_path=str(self.path or ""), source_checksum=checksum
        )
        try:
            with transaction.atomic():
                self._import_all()
                self.finish()
                if self.dry_run:
                    raise _DryRunRollback
            record.outcome = ImportRun.Outcome.SUCCEEDED
        except _DryRunRollback:
            record.outcome = ImportRun.Outcome.DRY_RUN
        except Exception as exc:
            record.outcome = ImportRun.Outcome.FAILED
            where = f"rij {self.current_row.number}: " if self.current_row else ""
            reason = str(exc)
            record.error = f"{where}{reason[:500]}{'…' if len(reason) > 500 else ''}"
            self._store(record)
            if isinstance(exc, ImportFailed):
                raise
            raise ImportFailed(f"{self.name}: {record.error} — niets bewaard") from exc
        self._store(record)
        return record

    def _store(self, record: ImportRun) -> None:
        record.finished_at = timezone.now()
        for name in ("created", "updated", "unchanged", "skipped", "failed"):
            setattr(record, name, getattr(self.counts, name))
        record.warnings = self.counts.warnings
        record.save()

    def _import_all(self) -> None:
        show = self.progress if self.progress is not None else None  # None: only on a terminal
        rows = tqdm(
            self.rows(),
            total=self.total(),
            desc=self.name,
            unit=" rijen",
            disable=None if show else True,
            file=sys.stderr,
            leave=False,
        )
        for number, data in enumerate(rows, start=1):
            row = Row(number=number, data=data)
            self.current_row = row
            if self.on_row_error == "skip":
                try:
                    with transaction.atomic():
                        self._import_row(row)
                except (RowError, ValueError) as exc:
                    self.counts.failed += 1
                    self.warn(f"mislukt: {exc}")
            else:
                try:
                    self._import_row(row)
                except RowError as exc:
                    raise ImportFailed(f"{self.name}: rij {number}: {exc} — niets bewaard") from exc
        self.current_row = None

    def _clean_row(self, row: Row) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for model_field, column in self.fields.items():
            value = row.data.get(column)
            cleaner = getattr(self, f"clean_{model_field}", None)
            values[model_field] = cleaner(value, row) if cleaner else value
        if self.source is not None and "source" not in values and self._model_has_source():
            values["source"] = self.source
        return self.clean(values, row)

    def _find_existing(self, lookup: dict[str, Any]) -> Any:
        if not self.prefetch_existing:
            return self.model._default_manager.filter(**lookup).first()
        if not hasattr(self, "_existing"):
            queryset = self.model._default_manager.all()
            if "source" in lookup:
                queryset = queryset.filter(source=lookup["source"])
            self._existing = {self._key_of(obj): obj for obj in queryset}
        return self._existing.get(tuple(_key_value(lookup[name]) for name in self.key))

    def _key_of(self, obj: models.Model) -> tuple[Any, ...]:
        return tuple(_key_value(getattr(obj, f"{name}_id", None) or getattr(obj, name)) for name in self.key)

    def _differs(self, instance: models.Model, name: str, value: Any) -> bool:
        field = instance._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            # Compare ids: reading the related object would cost a query per row.
            return bool(getattr(instance, field.attname) != _key_value(value))
        return values_differ(getattr(instance, name), value)

    def _model_has_source(self) -> bool:
        return any(f.name == "source" for f in self.model._meta.get_fields())

    def _import_row(self, row: Row) -> None:
        try:
            values = self._clean_row(row)
        except SkipRow as reason:
            self.counts.skipped += 1
            if str(reason):
                self.warn(f"overgeslagen: {reason}")
            return
        lookup = {name: values.pop(name) for name in self.key}
        instance = self._find_existing(lookup)
        created = instance is None
        if instance is None and not self.create_missing:
            self.counts.skipped += 1
            self.warn(f"overgeslagen: geen bestaand record voor {lookup}")
            return
        if instance is None:
            instance = self.model(**lookup, **values)
            if self.validate:
                instance.full_clean(validate_unique=False, validate_constraints=False)
            instance.save()
            changed = True
        else:
            changed_fields = [name for name, value in values.items() if self._differs(instance, name, value)]
            for name in changed_fields:
                setattr(instance, name, values[name])
            if changed_fields:
                instance.save(update_fields=changed_fields)
            changed = bool(changed_fields)
        related_changed = self.after_save(instance, row, created)
        if created:
            self.counts.created += 1
        elif changed or related_changed:
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1
