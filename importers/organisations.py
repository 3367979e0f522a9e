"""Shared base for importers of organisations (fiches) with their locations, phones and vocabularies.

A subclass yields one mapping per organisation: the Organisation fields (see ORGANISATION_DEFAULTS), plus
`source` (a code from importers/sources.py, when the importer reads more than one source), `locations`
(LocationRecord list), `phones` ((number, label) list), `categories` / `keywords` / `target_groups` (codes /
names). Related records are compared before they are written, so a second run counts 0 created, 0 updated.
Organisations of this importer that the source no longer has are archived (never deleted: editors may
have added to them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django.db import models

from geo.areas.models import DataSource
from geo.directory.models import Category, OperationalStatus, Organisation, Phone, Status, TargetGroup
from geo.directory.services import keyword_get_or_create, organisation_refresh_effective_area
from importers.base import Importer, Row, RowError
from importers.locations import LocationRecord, Slot, locations_sync
from importers.sources import data_source

__all__ = ["ORGANISATION_DEFAULTS", "LocationRecord", "OrganisationImporter", "Slot"]

ORGANISATION_DEFAULTS: dict[str, Any] = {
    "name": "",
    "alternate_names": [],
    "description": "",
    "enterprise_number": "",
    "website": "",
    "email": "",
    "languages": [],
    "operational_status": OperationalStatus.ACTIVE,
    "service_area": None,
    "is_synthetic": False,
    "field_sources": {},
}


def _sync_m2m(manager: Any, wanted: Iterable[models.Model]) -> bool:
    wanted_ids = {obj.pk for obj in wanted}
    if set(manager.values_list("pk", flat=True)) == wanted_ids:
        return False
    manager.set(wanted_ids)
    return True


class OrganisationImporter(Importer):
    model = Organisation
    key = ("source", "external_id")
    fields = {name: name for name in ("external_id", *ORGANISATION_DEFAULTS)}
    # Organisations whose external_id starts with this belong to the importer (several share a source).
    external_id_prefix: ClassVar[str] = ""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._sources: dict[str, DataSource] = {}
        self._categories: dict[str, Category] = {}
        self._target_groups: dict[str, TargetGroup] = {}
        self._seen: set[int] = set()
        self._built: dict[str, Any] = {}

    # --- cleaning ---------------------------------------------------------------------------
    def source_for(self, code: str) -> DataSource:
        if code not in self._sources:
            self._sources[code] = data_source(code)
        return self._sources[code]

    def build(self, record: Mapping[str, Any]) -> Mapping[str, Any]:
        """The organisation mapping for one source record (override; rows() then yields raw records, so an
        error names the row it is in)."""
        return record

    def _clean_row(self, row: Row) -> dict[str, Any]:
        # Fields a row leaves out get their default, so a subclass only yields what its source has.
        data = {**ORGANISATION_DEFAULTS, **self.build(row.data)}
        self._built = data
        if not data.get("name"):
            raise RowError("organisatie zonder naam")
        if not str(data.get("external_id", "")).startswith(self.external_id_prefix):
            raise RowError(f"external_id {data.get('external_id')!r} mist het voorvoegsel {self.external_id_prefix!r}")
        values = super()._clean_row(Row(number=row.number, data=data))
        values["source"] = self.source_for(data["source"]) if data.get("source") else self.source
        return values

    def category(self, code: str) -> Category:
        if code not in self._categories:
            found = Category.objects.filter(code=code).first()
            if found is None:
                raise RowError(f"onbekende rubriek {code!r} (geo/directory/data/categories.csv)")
            self._categories[code] = found
        return self._categories[code]

    def target_group(self, code: str) -> TargetGroup:
        if code not in self._target_groups:
            found = TargetGroup.objects.filter(code=code).first()
            if found is None:
                raise RowError(f"onbekende doelgroep {code!r} (geo/directory/data/target_groups.csv)")
            self._target_groups[code] = found
        return self._target_groups[code]

    # --- related records --------------------------------------------------------------------
    def after_save(self, instance: models.Model, row: Row, created: bool) -> bool:
        assert isinstance(instance, Organisation)
        self._seen.add(instance.pk)
        data = self._built
        changed = _sync_m2m(instance.categories, [self.category(code) for code in data.get("categories", ())])
        changed |= _sync_m2m(instance.target_groups, [self.target_group(c) for c in data.get("target_groups", ())])
        keywords = [keyword_get_or_create(name=name) for name in data.get("keywords", ())]
        changed |= _sync_m2m(instance.keywords, keywords)
        changed |= self._sync_phones(instance, list(data.get("phones", ())))
        changed |= locations_sync(organisation=instance, records=list(data.get("locations", ())), warn=self.warn)
        before = instance.effective_area_id
        area = organisation_refresh_effective_area(organisation=instance)
        return changed or before != (area.pk if area else None)

    def _sync_phones(self, organisation: Organisation, phones: list[tuple[str, str]]) -> bool:
        unique: list[tuple[str, str]] = []
        for number, label in phones:
            if number and number not in {known for known, _ in unique}:
                unique.append((number, label[:100]))
        current = list(organisation.phones.order_by("id").values_list("number", "label"))
        if current == unique:
            return False
        organisation.phones.all().delete()
        Phone.objects.bulk_create(Phone(organisation=organisation, number=n, label=label) for n, label in unique)
        return True

    def finish(self) -> None:
        """Archive this importer's organisations that the source no longer lists."""
        sources = [self.source, *self._sources.values()]
        vanished = (
            Organisation.objects.filter(source__in=[s for s in sources if s is not None])
            .filter(external_id__startswith=self.external_id_prefix)
            .exclude(pk__in=self._seen)
            .exclude(status=Status.ARCHIVED)
        )
        for organisation in vanished:
            self.warn(f"{organisation.name} ({organisation.external_id}) staat niet meer in de bron: gearchiveerd")
            organisation.status = Status.ARCHIVED
            organisation.save(update_fields=["status", "updated_at"])
            self.counts.updated += 1
