"""Care, housing and police bodies from shared/data/service_areas (loaded once by conftest)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from geo.directory.models import Organisation
from importers.base import ImportFailed
from importers.bodies import BODY_KINDS, NOT_A_BODY, BodyImporter, area_difference
from importers.geography import read_shapefile

pytestmark = pytest.mark.django_db
FOLDER = Path(settings.SHARED_DATA_DIR) / "service_areas"


def features(kind: str) -> list[dict]:
    code_field = BODY_KINDS[kind]
    return [
        f
        for f in read_shapefile(FOLDER / f"{kind}.shp")
        if f[code_field] is not None and (kind, str(f[code_field])) not in NOT_A_BODY
    ]


@pytest.mark.parametrize(("kind", "expected"), [("elz", 57), ("woonmaatschappij", 42), ("politiezone", 107)])
def test_it_imports_one_body_per_area(kind: str, expected: int) -> None:
    assert len(features(kind)) == expected
    assert Organisation.objects.filter(external_id__startswith=f"body:{kind}:").count() == expected


def test_it_imports_the_gezondheidsmakers_and_igs_bodies_but_not_geen_igs() -> None:
    for kind in ("gezondheidsmakers", "igs"):
        assert Organisation.objects.filter(external_id__startswith=f"body:{kind}:").count() == len(features(kind))
    assert not Organisation.objects.filter(external_id="body:igs:igs999").exists()
    assert Organisation.objects.get(external_id="body:gezondheidsmakers:9").name == "Gezondheidsmakers Regio Gent"


def test_bodies_of_gent_share_one_service_area_made_of_the_municipality() -> None:
    names = ["Eerstelijnszone Gent", "Woonmaatschappij Gent-stad", "Politiezone Gent"]
    areas = {
        Organisation.objects.get(name=name, source__code="provincies-werkingsgebieden").service_area for name in names
    }
    assert len(areas) == 1
    (area,) = areas
    assert list(area.municipalities.values_list("code", flat=True)) == ["44021"]
    assert not area.locations.exists() if hasattr(area, "locations") else True


def test_every_union_of_member_municipalities_matches_the_real_polygon() -> None:
    for kind, code_field in BODY_KINDS.items():
        for feature in features(kind):
            organisation = Organisation.objects.get(external_id=f"body:{kind}:{feature[code_field]}")
            members = {
                row["gemeente"]
                for row in csv.DictReader((FOLDER / f"municipality_to_{kind}.csv").open(encoding="utf-8"))
                if row[kind] == str(feature[code_field])
            }
            assert set(organisation.service_area.municipalities.values_list("code", flat=True)) == members
            assert area_difference(organisation.service_area.geom, feature["geometry"]) < 0.005, organisation.name


def test_a_second_import_changes_nothing() -> None:
    run = BodyImporter(stdout=io.StringIO()).run()
    assert (run.created, run.updated) == (0, 0), run.summary()


def test_a_names_table_without_its_name_column_fails_and_leaves_everything(tmp_path: Path) -> None:
    folder = tmp_path / "service_areas"
    shutil.copytree(FOLDER, folder)
    (folder / "names_politiezone.csv").write_text("sequence nr,geoitem code,short name\n1,ipz93,PZ Gent\n")
    count = Organisation.objects.count()
    with pytest.raises(ImportFailed, match=r"names_politiezone\.csv mist de kolom"):
        BodyImporter(path=folder, stdout=io.StringIO()).run()
    assert Organisation.objects.count() == count
