"""Search: text with typo tolerance, "waar" on the service area, keywords AND/OR, facets checked by hand."""

from __future__ import annotations

from collections import Counter

from rest_framework.test import APIClient

from geo.directory.models import Location, Organisation
from tests.api.conftest import PHARMACY_KEYWORD, PREFIX, World, fixture_names


def search(api: APIClient, **params: object) -> dict:
    response = api.get("/api/organisations/", {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()


def test_it_finds_a_court_by_a_misspelt_name(world: World, api: APIClient) -> None:
    found = fixture_names(search(api, q="vredegerect gent 5")["results"])
    assert f"{PREFIX}Vredegerecht Gent 5" in found


def test_it_ranks_name_matches_first(world: World, api: APIClient) -> None:
    # "bewindvoering" is in the name of no organisation, so a description/keyword match must not outrank
    # an organisation called after the word searched for.
    named = Organisation.objects.create(name=f"{PREFIX}Dienst Bewindvoering Gent")
    results = search(api, q="bewindvoering")["results"]
    assert results[0]["id"] == named.pk
    assert f"{PREFIX}Vredegerecht Gent 5" in fixture_names(results)  # found through its keyword and service


def test_it_ignores_accents_and_stems_dutch(world: World, api: APIClient) -> None:
    # the courts' alternate name is "Vredegerecht 5e kanton Gent"; "kantons" stems to the same word
    assert f"{PREFIX}Vredegerecht Gent 5" in fixture_names(search(api, q="kantons testfixture")["results"])
    world.courts["gent-1"].description = "Café-overleg over huurgeschillen"
    world.courts["gent-1"].save()
    assert f"{PREFIX}Vredegerecht Gent 1" in fixture_names(search(api, q="cafe testfixture")["results"])


def test_it_finds_by_category_including_subcategories(world: World, api: APIClient) -> None:
    found = fixture_names(search(api, category="justitie", q="Testfixture")["results"])
    assert found == {f"{PREFIX}Vredegerecht Gent {n}" for n in range(1, 6)}
    health = {r["id"] for r in search(api, category="gezondheid", q="Testfixture")["results"]}
    assert health == {p.pk for p in world.pharmacies} | {world.elz.pk}  # pharmacies and the zorgraad


def test_keywords_and_versus_or(world: World, api: APIClient) -> None:
    both = fixture_names(search(api, keyword="huur,bewindvoering", keyword_op="and")["results"])
    either = fixture_names(search(api, keyword="huur,bewindvoering", keyword_op="or")["results"])
    assert both == {f"{PREFIX}Vredegerecht Gent 5"}
    assert {f"{PREFIX}Vredegerecht Gent {n}" for n in range(1, 6)} <= either


def test_where_matches_the_service_area_not_the_address(world: World, api: APIClient) -> None:
    # All five courts sit in the same building in Gent-centrum (canton gent-1), but only the canton gent-5
    # court serves Ledeberg (99.9 % of Ledeberg lies in canton gent-5; the 0.1 % gent-1 sliver is a border
    # mismatch between the NGI and Statbel boundaries and must not count).
    found = fixture_names(search(api, where="Ledeberg", category="justitie.vredegerechten")["results"])
    assert found == {f"{PREFIX}Vredegerecht Gent 5"}
    # Sint-Amandsberg is split between cantons gent-4 (90 %) and gent-5 (10 %): both serve part of it.
    found = fixture_names(search(api, where="Sint-Amandsberg", category="justitie.vredegerechten")["results"])
    assert found == {f"{PREFIX}Vredegerecht Gent 4", f"{PREFIX}Vredegerecht Gent 5"}


def test_where_accepts_codes_postcodes_and_larger_areas(world: World, api: APIClient) -> None:
    by_code = fixture_names(search(api, where="44021G", category="justitie")["results"])
    assert by_code == {f"{PREFIX}Vredegerecht Gent 5"}
    # 9050 is a Gent postcode; without postcode polygons it stands for the whole municipality
    by_postcode = search(api, where="9050", category="gezondheid.eerstelijn")
    assert f"{PREFIX}Zorgraad eerstelijnszone Gent" in fixture_names(by_postcode["results"])
    assert by_postcode["where"]["kind"] == "postcode"
    # the province of Oost-Vlaanderen contains Gent: every Gent body serves part of it
    province = fixture_names(search(api, where="Oost-Vlaanderen", category="justitie")["results"])
    assert {f"{PREFIX}Vredegerecht Gent {n}" for n in range(1, 6)} <= province
    # Brugge is elsewhere: none of them
    assert not fixture_names(search(api, where="Brugge", category="justitie")["results"])


def test_facet_counts_match_a_direct_query(world: World, api: APIClient) -> None:
    body = search(api, keyword=PHARMACY_KEYWORD)
    ids = [r["id"] for r in body["results"]]
    assert body["count"] == len(world.pharmacies) == len(ids)
    expected = Counter(
        Location.objects.filter(organisation_id__in=ids)
        .values_list("organisation_id", "municipality__code")
        .distinct()
        .values_list("municipality__code", flat=True)
    )
    facets = {f["code"]: f["count"] for f in body["facets"]["municipality"]}
    assert facets == dict(expected)
    categories = {f["code"]: f["count"] for f in body["facets"]["category"]}
    assert categories == {"gezondheid": len(ids), "gezondheid.apotheken": len(ids)}


def test_category_facets_count_each_organisation_once_per_branch(world: World, api: APIClient) -> None:
    body = search(api, q="Testfixture")
    ids = {r["id"] for r in body["results"]}
    organisations = Organisation.objects.filter(pk__in=ids).prefetch_related("categories", "services__categories")
    expected: Counter[str] = Counter()
    for organisation in organisations:
        paths = {c.path for c in organisation.categories.all()}
        paths |= {c.path for s in organisation.services.all() for c in s.categories.all()}
        branches = {"/".join(path.split("/")[: depth + 1]) for path in paths for depth in range(path.count("/") + 1)}
        expected.update(branch.rsplit("/", 1)[-1] for branch in branches)
    assert {f["code"]: f["count"] for f in body["facets"]["category"]} == dict(expected)


def test_refining_by_a_facet_gives_its_count(world: World, api: APIClient) -> None:
    body = search(api, q="Testfixture")
    facet = next(f for f in body["facets"]["category"] if f["code"] == "gezondheid.apotheken")
    assert search(api, q="Testfixture", category="gezondheid.apotheken")["count"] == facet["count"]
    municipality = next(f for f in body["facets"]["municipality"] if f["code"] == "44021")
    assert search(api, q="Testfixture", municipality="44021")["count"] == municipality["count"]


def test_only_parents_leaves_out_the_courts_under_their_umbrella(world: World, api: APIClient) -> None:
    found = fixture_names(search(api, q="justitie gent", only_parents="true")["results"])
    assert f"{PREFIX}Justitie Gent" in found
    assert not any("Vredegerecht" in name for name in found)


def test_near_radius_and_distance_sort(world: World, api: APIClient) -> None:
    body = search(api, keyword=PHARMACY_KEYWORD, near="3.7250,51.0540", radius=1000, sort="distance")
    distances = [r["distance_m"] for r in body["results"]]
    assert distances and distances == sorted(distances)
    assert all(d <= 1000 for d in distances)
    wider = search(api, keyword=PHARMACY_KEYWORD, near="3.7250,51.0540", radius=3000)["count"]
    assert wider > body["count"]


def test_bbox_keeps_only_organisations_with_a_location_inside(world: World, api: APIClient) -> None:
    body = search(api, keyword=PHARMACY_KEYWORD, bbox="3.70,51.04,3.74,51.06")
    for result in body["results"]:
        assert 3.70 <= result["location"]["lon"] <= 3.74 and 51.04 <= result["location"]["lat"] <= 51.06
    rows = world.pharmacy_rows
    inside = [r for r in rows if 3.70 <= float(r["longitude"]) <= 3.74 and 51.04 <= float(r["latitude"]) <= 51.06]
    assert body["count"] == len(inside)


def test_sort_by_name_postcode_and_municipality(world: World, api: APIClient) -> None:
    by_name = [r["name"] for r in search(api, keyword=PHARMACY_KEYWORD, sort="name")["results"]]
    assert by_name == sorted(by_name, key=lambda n: (n.lower(), n)) or by_name == sorted(by_name)
    by_postcode = [r["location"]["postcode"] for r in search(api, keyword=PHARMACY_KEYWORD, sort="postcode")["results"]]
    assert by_postcode == sorted(by_postcode)


def test_synthetic_records_are_flagged_and_can_be_left_out(world: World, api: APIClient) -> None:
    results = search(api, q="Testfixture")["results"]
    example = next(r for r in results if r["id"] == world.synthetic.pk)
    assert example["voorbeeld"] is True and "Voorbeeld" in example["voorbeeld_label"]
    real = [r for r in results if r["id"] != world.synthetic.pk]
    assert real and all(r["voorbeeld"] is False and r["voorbeeld_label"] is None for r in real)
    # every record of the demo says what it is, whatever its source
    synthetic = dict(Organisation.objects.values_list("id", "is_synthetic"))
    for result in search(api, category="armoede")["results"]:
        assert result["voorbeeld"] is synthetic[result["id"]]
    left_out = search(api, category="armoede.voedsel", include_synthetic="false")["results"]
    assert world.synthetic.pk not in {r["id"] for r in left_out}


def test_pages_hold_every_result_once(world: World, api: APIClient) -> None:
    first = search(api, keyword=PHARMACY_KEYWORD, page_size=20, page=1)
    second = search(api, keyword=PHARMACY_KEYWORD, page_size=20, page=2)
    ids = [r["id"] for r in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == first["count"] == len(world.pharmacies)
    assert first["pages"] == 2 and second["next"] is None
