"""A Flanders-scale synthetic directory for benchmarks: organisations, locations, services and service areas
on real municipality geometry, with a realistic category mix.

Every record is marked synthetic (DataSource "synthetic-benchmark", is_synthetic=True) and named "Voorbeeld …":
it is never mistaken for a real organisation. The matching synthetic address register (streets and
address points with the same source) lets the geocoder be benchmarked on these locations.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from django.apps import apps
from django.contrib.gis.geos import Point
from django.db import connection, transaction
from django.db.models import Model

from geo.areas.models import Address, Municipality, ServiceArea, ServiceAreaPart, Street
from geo.areas.services import service_area_from_units, service_areas_prune_unused
from geo.directory.models import (
    Category,
    Contact,
    Location,
    OpeningHours,
    Organisation,
    Service,
    TargetGroup,
)
from geo.directory.services import categories_seed, keyword_get_or_create, target_groups_seed
from geo.geocoding.normalize import street_key
from geo.spatial import LAMBERT72
from importers.sources import data_source
from layers.gis.services import map_layers_refresh

BATCH = 2000
# Its own source: deleting or replacing the benchmark set never touches the demo's sample records.
BENCHMARK_SOURCE = "synthetic-benchmark"

# Share of organisations per rubric (leaf category codes of geo/directory/data/categories.csv).
CATEGORY_MIX: dict[str, float] = {
    "kinderen.kinderopvang": 0.16,
    "gezondheid.huisartsen": 0.10,
    "gezondheid.apotheken": 0.08,
    "thuiszorg.verpleging": 0.06,
    "thuiszorg.gezinszorg": 0.04,
    "ouderen.woonzorgcentra": 0.05,
    "ouderen.dienstencentra": 0.04,
    "zorgverstrekkers.kinesitherapie": 0.06,
    "zorgverstrekkers.tandartsen": 0.05,
    "zorgverstrekkers.psychologen": 0.03,
    "jongeren.jeugdwerk": 0.05,
    "algemeen.ocmw": 0.02,
    "algemeen.caw": 0.02,
    "ggz.cgg": 0.01,
    "armoede.voedsel": 0.02,
    "samenlevingsopbouw.buurtwerk": 0.03,
    "werk.opleiding": 0.03,
    "beperking.vaph": 0.03,
    "kinderen.consultatiebureaus": 0.02,
    "huisvesting.sociaal": 0.02,
    "migratie.inburgering": 0.01,
    "justitie.juridisch-advies": 0.01,
    "relaties.gezinsplanning": 0.01,
    "jeugdhulp.clb": 0.01,
    "kinderen.spelotheken": 0.01,
}
KEYWORDS = [
    "huisvesting",
    "schulden",
    "opvoeding",
    "eenzaamheid",
    "mantelzorg",
    "werk",
    "taal",
    "gezondheid",
    "verslaving",
    "vrije tijd",
    "vervoer",
    "voeding",
    "studie",
    "administratie",
    "rechten",
    "crisis",
]
STREET_NAMES = [
    "Kerkstraat",
    "Stationsstraat",
    "Dorpsstraat",
    "Nieuwstraat",
    "Molenstraat",
    "Schoolstraat",
    "Kapelstraat",
    "Beekstraat",
    "Veldstraat",
    "Hoogstraat",
    "Lindenlaan",
    "Kasteelstraat",
    "Markt",
    "Steenweg",
    "Bosstraat",
]
WEEKDAY_SLOTS = [(time(9), time(12)), (time(13), time(17))]


@dataclass
class SyntheticSummary:
    organisations: int = 0
    locations: int = 0
    services: int = 0
    service_areas: int = 0
    addresses: int = 0


def _weighted_municipalities(rng: random.Random) -> Callable[[], Municipality]:
    municipalities = list(Municipality.objects.exclude(geom=None).order_by("code"))
    weights = [max(m.population or 5_000, 1_000) for m in municipalities]
    return lambda: rng.choices(municipalities, weights)[0]


def _area_options(municipalities: list[Municipality]) -> dict[str, list[list[Municipality]]]:
    """For each municipality, a few plausible service areas: itself with its neighbours, its arrondissement."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.id, b.id FROM areas_municipality a JOIN areas_municipality b "
            "ON a.id <> b.id AND ST_Intersects(a.geom, b.geom) WHERE a.geom IS NOT NULL AND b.geom IS NOT NULL"
        )
        for left, right in cursor.fetchall():
            neighbours[left].append(right)
    by_id = {m.pk: m for m in municipalities}
    by_arrondissement: dict[int | None, list[Municipality]] = defaultdict(list)
    for municipality in municipalities:
        by_arrondissement[municipality.arrondissement_id].append(municipality)
    return {
        m.code: [
            [m, *(by_id[n] for n in sorted(neighbours[m.pk]) if n in by_id)],
            by_arrondissement[m.arrondissement_id],
        ]
        for m in municipalities
    }


def _points_in(municipality: Municipality, count: int, seed: int) -> list[Point]:
    """`count` random points inside the municipality (ST_GeneratePoints can return a few less: ask again)."""
    points: list[Point] = []
    while len(points) < count:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ST_X(g), ST_Y(g) FROM (SELECT (ST_Dump(ST_GeneratePoints(geom, %s, %s))).geom AS g "
                "FROM areas_municipality WHERE id = %s) AS points",
                [count - len(points) + 5, seed + len(points), municipality.pk],
            )
            points.extend(Point(x, y, srid=LAMBERT72) for x, y in cursor.fetchall())
    return points[:count]


def synthetic_delete() -> int:
    """Remove every synthetic record (organisations cascade to their locations and services)."""
    source = data_source(BENCHMARK_SOURCE)
    deleted, _ = Organisation.objects.filter(source=source).delete()
    Address.objects.filter(source=source).delete()
    Street.objects.filter(source=source, addresses=None).delete()
    service_areas_prune_unused()
    return deleted


# Tables of the directory kept outside the ORM (geo/directory/sql/search_document.sql).
_SEARCH_TABLES = ("directory_organisation_search", "directory_search_word")


def synthetic_indexes_rebuild() -> list[str]:
    """Rebuild the indexes of the tables a synthetic delete empties, and refresh their statistics.

    Deleting a set of ~600,000 records leaves its index pages allocated: VACUUM makes them reusable but never
    gives them back, and a set generated again fills them out of order. Measured on the 35,000 set after a
    few delete/generate rounds: who-serves and nearest took twice as long as on fresh indexes (docs/
    performance.md). REINDEX builds them compactly again, in seconds for these tables.
    """
    models: list[type[Model]] = [
        *apps.get_app_config("directory").get_models(include_auto_created=True),
        ServiceArea,
        ServiceAreaPart,
    ]
    tables = sorted({model._meta.db_table for model in models} | set(_SEARCH_TABLES))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"REINDEX TABLE {quote(table)}")
            cursor.execute(f"ANALYZE {quote(table)}")
    return tables


@transaction.atomic
def synthetic_generate(*, organisations: int, seed: int, with_points: bool = True) -> SyntheticSummary:
    rng = random.Random(seed)
    source = data_source(BENCHMARK_SOURCE)
    categories_seed()
    target_groups_seed()
    categories = {c.code: c for c in Category.objects.filter(code__in=CATEGORY_MIX)}
    target_groups = list(TargetGroup.objects.all())
    keywords = [keyword_get_or_create(name=name) for name in KEYWORDS]
    pick_municipality = _weighted_municipalities(rng)
    municipalities = list(Municipality.objects.exclude(geom=None))
    options = _area_options(municipalities)
    summary = SyntheticSummary()
    areas_before = ServiceArea.objects.count()

    # 1. Organisations with their home municipality and rubric.
    plan = []
    counters: dict[tuple[str, str], int] = defaultdict(int)
    for _ in range(organisations):
        municipality = pick_municipality()
        code = rng.choices(list(CATEGORY_MIX), list(CATEGORY_MIX.values()))[0]
        counters[(code, municipality.code)] += 1
        plan.append((municipality, categories[code], counters[(code, municipality.code)]))

    # 2. Locations: 1 (80 %), 2 or 3, in the home municipality; points drawn inside its polygon.
    per_municipality: dict[str, int] = defaultdict(int)
    location_counts = [rng.choices([1, 2, 3], [0.8, 0.15, 0.05])[0] for _ in plan]
    for (municipality, _, _), count in zip(plan, location_counts, strict=True):
        per_municipality[municipality.code] += count
    points: dict[str, list[Point]] = {}
    for municipality in municipalities:
        wanted = per_municipality.get(municipality.code, 0)
        if wanted:
            points[municipality.code] = _points_in(municipality, wanted, rng.randrange(1, 2**31))

    # 3. Service areas: explicit for half of them (the municipality and its neighbours, or the arrondissement).
    area_cache: dict[tuple[str, int], ServiceArea] = {}

    def area_for(municipality: Municipality, option: int) -> ServiceArea:
        key = (municipality.code, option)
        if key not in area_cache:
            area_cache[key], _ = service_area_from_units(units=options[municipality.code][option])
        return area_cache[key]

    home_area: dict[str, ServiceArea] = {}

    def derived_area(municipality: Municipality) -> ServiceArea:
        if municipality.code not in home_area:
            home_area[municipality.code], _ = service_area_from_units(units=[municipality])
        return home_area[municipality.code]

    orgs: list[Organisation] = []
    for index, (municipality, category, number) in enumerate(plan):
        roll = rng.random()
        explicit = area_for(municipality, 0) if roll < 0.35 else area_for(municipality, 1) if roll < 0.5 else None
        orgs.append(
            Organisation(
                name=f"Voorbeeld {category.name.lower()} {municipality.name_nl} {number}",
                description=f"Gegenereerd voorbeeldrecord ({category.name}); geen echte organisatie.",
                source=source,
                external_id=f"synthetic-{seed}-{index}",
                is_synthetic=True,
                service_area=explicit,
                effective_area=explicit or derived_area(municipality),
                pro_possibilities="Voorbeeld: wat deze organisatie kan bieden.",
                pro_limits="Voorbeeld: waar de organisatie niet voor kan zorgen.",
                pro_referral_tips="Voorbeeld: bel eerst voor een afspraak.",
                languages=["nl"],
            )
        )
    Organisation.objects.bulk_create(orgs, batch_size=BATCH)
    summary.organisations = len(orgs)

    org_categories = Organisation.categories.through
    org_keywords = Organisation.keywords.through
    org_targets = Organisation.target_groups.through
    org_categories.objects.bulk_create(
        [org_categories(organisation=o, category=c) for o, (_, c, _) in zip(orgs, plan, strict=True)], batch_size=BATCH
    )
    org_keywords.objects.bulk_create(
        [org_keywords(organisation=o, keyword=k) for o in orgs for k in rng.sample(keywords, rng.randint(1, 3))],
        batch_size=BATCH,
    )
    org_targets.objects.bulk_create(
        [org_targets(organisation=o, targetgroup=t) for o in orgs for t in rng.sample(target_groups, 2)],
        batch_size=BATCH,
    )

    # 4. Streets, address points and locations at those addresses.
    postcodes = _first_postcodes()
    streets: dict[tuple[str, str], Street] = {}
    addresses: list[Address] = []
    locations: list[Location] = []
    for org, (municipality, _, _), count in zip(orgs, plan, location_counts, strict=True):
        for position in range(count):
            street_name = rng.choice(STREET_NAMES)
            key = (municipality.code, street_name)
            if key not in streets:
                streets[key] = Street(
                    municipality=municipality,
                    name_nl=street_name,
                    normalized_name=street_key(street_name),
                    source=source,
                    external_id=f"synthetic-{municipality.code}-{street_name}",
                )
            point = points[municipality.code].pop()
            house_number = str(len(addresses) % 300 + 1)
            postcode = postcodes.get(municipality.pk, "")
            addresses.append(
                Address(
                    street=streets[key],
                    house_number=house_number,
                    postcode=postcode,
                    point=point,
                    source=source,
                    external_id=f"synthetic-{seed}-{len(addresses)}",
                )
            )
            locations.append(
                Location(
                    organisation=org,
                    street=street_name,
                    house_number=house_number,
                    postcode=postcode,
                    municipality_name=municipality.name_nl,
                    municipality=municipality,
                    point=point if with_points else None,
                    geocode_precision=Location.Precision.ADDRESS if with_points else "",
                    geocode_source="synthetic" if with_points else "",
                    is_main=position == 0,
                    source=source,
                    external_id=f"synthetic-{seed}-{org.external_id}-{position}",
                    is_synthetic=True,
                )
            )
    # A street the register already has (e.g. a real Kerkstraat) is reused, not duplicated.
    Street.objects.bulk_create(list(streets.values()), batch_size=BATCH, ignore_conflicts=True)
    saved_streets = {
        (street.municipality_id, street.normalized_name): street
        for street in Street.objects.filter(normalized_name__in={s.normalized_name for s in streets.values()})
    }
    for address in addresses:
        address.street = saved_streets[(address.street.municipality.pk, address.street.normalized_name)]
    Address.objects.bulk_create(addresses, batch_size=BATCH)
    Location.objects.bulk_create(locations, batch_size=BATCH)
    summary.addresses = len(addresses)
    summary.locations = len(locations)

    # 5. Opening hours (weekdays) for 70 % of locations; services and a professional contact for some.
    OpeningHours.objects.bulk_create(
        [
            OpeningHours(location=loc, weekday=day, opens=opens, closes=closes)
            for loc in locations
            if rng.random() < 0.7
            for day in range(5)
            for opens, closes in WEEKDAY_SLOTS
        ],
        batch_size=BATCH * 5,
    )
    services = [
        Service(
            organisation=org,
            name=f"Voorbeeldaanbod {n + 1}: {category.name.lower()}",
            source=source,
            external_id=f"{org.external_id}-s{n}",
            is_synthetic=True,
            description="Gegenereerd voorbeeldaanbod.",
        )
        for org, (_, category, _) in zip(orgs, plan, strict=True)
        for n in range(rng.choice([0, 1, 1, 2]))
    ]
    Service.objects.bulk_create(services, batch_size=BATCH)
    summary.services = len(services)
    Contact.objects.bulk_create(
        [
            Contact(
                organisation=org,
                name="Voorbeeld contactpersoon",
                role="Onthaal",
                visibility="professional",
                email="onthaal@voorbeeld.invalid",
            )
            for org in orgs
            if rng.random() < 0.3
        ],
        batch_size=BATCH,
    )
    summary.service_areas = ServiceArea.objects.count() - areas_before
    map_layers_refresh()  # generalised shapes of the new service areas, for the tiles
    return summary


def _first_postcodes() -> dict[int, str]:
    """municipality id -> its lowest postcode (the one of its main town, as a rule)."""
    result: dict[int, str] = {}
    for municipality_id, postcode in Municipality.postal_areas.through.objects.order_by(
        "-postalarea__postcode"
    ).values_list("municipality_id", "postalarea__postcode"):
        result[municipality_id] = postcode
    return result
