"""Sample ("voorbeeld") organisations, only for rubrics that have no real records, so the demo can be explored.

Each is marked `is_synthetic=True`, comes from DataSource "synthetic", is named generically after its rubric
and a real deelgemeente of Gent ("Voorbeeld kinderopvang Ledeberg 2") and stands on a point drawn inside that
deelgemeente (ST_GeneratePoints with a fixed seed, so a re-run changes nothing). They have no address: an
invented street and number would look real. `load_demo --no-sample` runs SampleRemover instead, which
deletes them; a rubric that gets real records loses its samples on the next run.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection

from geo.areas.models import Municipality, SubMunicipality
from geo.directory.models import Category, Organisation
from importers.locations import LocationRecord
from importers.organisations import OrganisationImporter

GENT = "44021"
PER_RUBRIC = 2


def rubrics_without_real_records() -> list[Category]:
    """Leaf rubrics that no real (non-synthetic) organisation has."""
    real = Organisation.objects.filter(is_synthetic=False).exclude(categories=None).values("categories")
    return list(Category.objects.filter(children=None).exclude(pk__in=real).order_by("path"))


def _sample_count() -> int:
    return Organisation.objects.filter(is_synthetic=True, external_id__startswith="sample:").count()


def _point_in(area: SubMunicipality, seed: int) -> Point:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKB((ST_Dump(ST_GeneratePoints(geom, 1, %s::integer))).geom) FROM areas_submunicipality "
            "WHERE id = %s",
            [seed, area.pk],
        )
        point = GEOSGeometry(memoryview(cursor.fetchone()[0]))
    assert isinstance(point, Point)
    return point


class SampleImporter(OrganisationImporter):
    name = "sample.organisations"
    source_code = "synthetic"
    external_id_prefix = "sample:"

    def checksum(self) -> str:
        # Depends on the database, not on a file: which rubrics still lack real records, and how many samples
        # there are (after `--no-sample`, a plain run must create them again).
        codes = ",".join(c.code for c in rubrics_without_real_records())
        return hashlib.sha256(f"{self.name}:v{self.version}:{codes}:{_sample_count()}".encode()).hexdigest()

    def rows(self) -> Iterator[Mapping[str, Any]]:
        gent = Municipality.objects.get(code=GENT)
        areas = list(SubMunicipality.objects.filter(municipality=gent).exclude(geom=None).order_by("code"))
        for index, category in enumerate(rubrics_without_real_records()):
            for number in range(1, PER_RUBRIC + 1):
                area = areas[(index * PER_RUBRIC + number) % len(areas)]
                yield {"category": category, "number": number, "area": area, "municipality": gent}

    def build(self, record: Mapping[str, Any]) -> dict[str, Any]:
        category: Category = record["category"]
        area: SubMunicipality = record["area"]
        external_id = f"sample:{category.code}:{record['number']}"
        seed = zlib.crc32(external_id.encode()) % 2_147_483_647  # ST_GeneratePoints takes an int4 seed
        location = LocationRecord(
            external_id=external_id,
            is_main=True,
            municipality=record["municipality"],
            municipality_name="Gent",
            point=_point_in(area, seed),
            geocode_source=f"voorbeeld: willekeurig punt in {area.name_nl}",
            field_sources={"point": "synthetic"},
        )
        return {
            "external_id": external_id,
            "name": f"Voorbeeld {category.name.lower()} {area.name_nl} {record['number']}",
            "description": "Voorbeeldrecord, gegenereerd om de demo te kunnen verkennen: geen echte organisatie.",
            "is_synthetic": True,
            "field_sources": {"name": "synthetic"},
            "categories": [category.code],
            "locations": [location],
        }

    def finish(self) -> None:
        # Samples are not editors' work: those no longer wanted are deleted, not archived.
        stale = Organisation.objects.filter(source=self.source, is_synthetic=True, external_id__startswith="sample:")
        deleted, _ = stale.exclude(pk__in=self._seen).delete()
        if deleted:
            self.warn(f"{deleted} voorbeeldrecords verwijderd")
            self.counts.updated += 1


class SampleRemover(SampleImporter):
    """`load_demo --no-sample`: no sample records at all."""

    name = "sample.remove"

    def rows(self) -> Iterator[Mapping[str, Any]]:
        return iter(())

    def checksum(self) -> str:
        # Skipped only when there is nothing left to remove.
        return hashlib.sha256(f"{self.name}:v{self.version}:{_sample_count()}".encode()).hexdigest()
