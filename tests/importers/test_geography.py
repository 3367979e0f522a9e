"""The geography importers on the real files in ../shared/data (loaded once by conftest)."""

from __future__ import annotations

import io

import pytest

from geo.areas.models import (
    Municipality,
    Neighbourhood,
    PostalArea,
    Province,
    Region,
    StatisticalSector,
    SubMunicipality,
)
from importers.demo import load_demo
from importers.geography import GEOGRAPHY_IMPORTERS
from importers.models import ImportRun
from importers.runner import run_importers

pytestmark = pytest.mark.django_db


def test_it_loads_every_municipality_with_boundaries_for_flanders_and_brussels() -> None:
    assert Municipality.objects.count() == 565
    assert Municipality.objects.exclude(geom=None).count() == 304
    gent = Municipality.objects.get(code="44021")
    assert gent.name_nl == "Gent"
    assert gent.province.name_nl == "Oost-Vlaanderen"
    assert gent.arrondissement.name_nl == "Gent"
    assert gent.region.code == "02000"
    # Gent's centroid is at about x 104 900 / y 196 200 in Lambert 72 (shared/data/boundaries/SOURCES.md).
    assert gent.geom.centroid.x == pytest.approx(104_900, abs=1_500)
    assert gent.geom.centroid.y == pytest.approx(196_200, abs=1_500)


def test_it_gives_higher_levels_the_union_of_their_municipalities() -> None:
    oost_vlaanderen = Province.objects.get(code="40000")
    members = sum(m.geom.area for m in oost_vlaanderen.municipalities.all())
    assert oost_vlaanderen.geom.area == pytest.approx(members, rel=1e-6)
    assert Region.objects.get(code="02000").geom.contains(Municipality.objects.get(code="44021").geom.point_on_surface)
    assert Region.objects.get(code="03000").geom is None  # Wallonia: no boundaries in the demo data


def test_it_loads_the_14_deelgemeenten_and_25_wijken_of_gent() -> None:
    names = set(SubMunicipality.objects.filter(municipality__code="44021").values_list("name_nl", flat=True))
    assert len(names) == 14
    assert {"Ledeberg", "Drongen", "Sint-Amandsberg", "Gent (Dg.)"} <= names
    assert Neighbourhood.objects.filter(municipality__code="44021").count() == 25
    assert SubMunicipality.objects.count() == 1119
    assert Neighbourhood.objects.count() == 2767


def test_it_attaches_deelgemeenten_of_merged_municipalities_to_the_2025_municipality() -> None:
    # Borsbeek (NIS 11007 until 2024) is part of Antwerpen (11002) since 2025.
    borsbeek = SubMunicipality.objects.get(name_nl="Borsbeek")
    assert borsbeek.municipality.code == "11002"


def test_it_links_postcodes_to_municipalities() -> None:
    gent_postcodes = set(PostalArea.objects.filter(municipalities__code="44021").values_list("postcode", flat=True))
    assert gent_postcodes == {"9000", "9030", "9031", "9032", "9040", "9041", "9042", "9050", "9051", "9052"}
    assert PostalArea.objects.get(postcode="1040").municipalities.count() == 2


def test_it_sums_2020_population_into_merged_municipalities() -> None:
    assert Municipality.objects.get(code="44021").population == 263_927
    # Nazareth-De Pinte (44086) merged Nazareth and De Pinte on 1 January 2025.
    merged = Municipality.objects.get(code="44086")
    assert merged.population == 11_702 + 10_881  # Nazareth + De Pinte in the Statbel file
    assert "fusiegemeenten" in merged.population_note
    assert StatisticalSector.objects.filter(municipality__code="44021").count() > 150


def test_a_second_import_changes_nothing() -> None:
    runs = run_importers(GEOGRAPHY_IMPORTERS, stdout=io.StringIO())
    assert [(run.created, run.updated) for run in runs] == [(0, 0)] * len(runs)
    assert all(run.outcome == ImportRun.Outcome.SUCCEEDED for run in runs)


def test_load_demo_skips_sources_that_did_not_change() -> None:
    load_demo(stdout=io.StringIO(), skip_unchanged_source=False)
    runs = load_demo(stdout=io.StringIO(), skip_unchanged_source=True)
    assert {run.outcome for run in runs} == {ImportRun.Outcome.SOURCE_UNCHANGED}
