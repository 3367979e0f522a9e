"""Pharmacies: the agency list merged with OpenStreetMap (loaded once by conftest)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from geo.directory.models import Organisation
from importers.models import ImportRun
from importers.opening_hours import parse_opening_hours
from importers.pharmacies import PharmacyImporter

pytestmark = pytest.mark.django_db
POI = Path(settings.SHARED_DATA_DIR) / "poi"


def agency() -> list[dict]:
    return json.loads((POI / "pharmacies_gent_afmps.json").read_text(encoding="utf-8"))


def test_every_agency_pharmacy_of_gent_is_imported_with_kbo_and_status() -> None:
    records = agency()
    imported = Organisation.objects.filter(source__code="afmps-apotheken")
    assert imported.count() == len(records) == 146
    suspended = [r for r in records if r["status"] == "TEMPORARILY_SUSPENDED"]
    assert imported.filter(operational_status="temporarily_closed").count() == len(suspended) == 9
    first = records[0]
    organisation = imported.get(external_id=f"pharmacy:afmps:{first['authorization_id']}")
    digits = first["operator"]["entreprise_number"]
    assert organisation.enterprise_number == f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    assert organisation.locations.get().municipality.code == "44021"


def test_osm_records_of_the_same_pharmacy_are_merged_and_the_rest_kept_on_their_own() -> None:
    osm = json.loads((POI / "pharmacies_gentbbox_osm.json").read_text(encoding="utf-8"))
    merged = Organisation.objects.filter(source__code="afmps-apotheken", field_sources__merged_with="osm-apotheken")
    osm_only = Organisation.objects.filter(source__code="osm-apotheken", external_id__startswith="pharmacy:osm:")
    assert merged.count() > 90
    run = ImportRun.objects.filter(importer="poi.pharmacies", outcome="succeeded").first()
    assert any(w.startswith("onzeker") for w in run.warnings)
    assert merged.count() + osm_only.count() + run.skipped == len(osm)  # every OSM record lands somewhere
    # Neighbouring municipalities keep their own municipality (the OSM file is a bounding box).
    towns = set(osm_only.values_list("locations__municipality__code", flat=True))
    assert "44021" in towns and len(towns) > 1


def test_the_agency_record_with_a_wrong_point_is_not_placed_outside_gent() -> None:
    organisation = Organisation.objects.get(external_id="pharmacy:afmps:442411")
    location = organisation.locations.get()
    assert location.point is None or location.municipality.geom.contains(location.point)


def test_opening_hours_become_weekly_slots_and_unreadable_text_is_kept() -> None:
    slots = parse_opening_hours("Mo-Fr 08:30-12:15,14:00-19:00; Sa 08:30-12:30").slots
    assert slots is not None and len(slots) == 11
    assert parse_opening_hours("Mo-Fr 8u-12u").slots is None
    assert parse_opening_hours("Mo-Fr 09:00-18:00; Jul-Aug Mo-Fr 09:00-12:00").slots is None
    with_hours = Organisation.objects.filter(source__code="osm-apotheken").exclude(locations__opening_hours_raw="")
    location = with_hours.first().locations.get()
    assert location.opening_hours.count() > 0
    assert location.field_sources["opening_hours"] == "osm-apotheken"


def test_an_unreadable_opening_hours_tag_is_reported_and_kept_raw(tmp_path: Path) -> None:
    folder = tmp_path / "poi"
    shutil.copytree(POI, folder)
    osm = json.loads((folder / "pharmacies_gentbbox_osm.json").read_text(encoding="utf-8"))
    target = next(r for r in osm if r["osm_opening_hours"])
    target["osm_opening_hours"] = "ma-vr 9u tot 18u"
    (folder / "pharmacies_gentbbox_osm.json").write_text(json.dumps(osm), encoding="utf-8")
    run = PharmacyImporter(path=folder, stdout=io.StringIO(), dry_run=True).run()
    assert any("ma-vr 9u tot 18u" in warning and "ruwe tekst bewaard" in warning for warning in run.warnings)


def test_a_second_import_changes_nothing() -> None:
    run = PharmacyImporter(stdout=io.StringIO()).run()
    assert (run.created, run.updated) == (0, 0), run.summary()
