"""Geocoding locations in memory and saving the result: shared by the single and the batch service."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from geo.directory.models import Location
from geo.directory.services import location_municipality, organisation_refresh_effective_area
from geo.geocoding.base import Candidate, Geocoder, GeocoderError
from geo.geocoding.chain import ChainResult, GeocoderChain

# Two candidates within this score of each other and further apart than this are an ambiguity.
AMBIGUITY_SCORE = 0.02
AMBIGUITY_DISTANCE_M = 250.0
# geocode_source of a location the geocoder could not place (the quality report shows these first).
NOT_FOUND = "not_found"
AMBIGUOUS = "ambiguous"
POINT_FIELDS = ["point", "geocode_precision", "geocode_source", "geocoded_at", "municipality"]


def location_query(location: Location) -> str:
    """The address of a location as one line the parser reads back: 'Kerkstraat 147 bus 3, 9050 Gent'."""
    box = f"bus {location.box_number}" if location.box_number else ""
    line = " ".join(part for part in (location.street, location.house_number, box) if part)
    town = " ".join(part for part in (location.postcode, location.municipality_name) if part)
    return ", ".join(part for part in (line, town) if part)


def candidate_unambiguous(candidates: list[Candidate]) -> Candidate | None:
    """The best candidate, unless another one is as good and lies elsewhere (then: none)."""
    if not candidates:
        return None
    best = candidates[0]
    for other in candidates[1:]:
        if best.score - other.score <= AMBIGUITY_SCORE and best.point.distance(other.point) > AMBIGUITY_DISTANCE_M:
            return None
    return best


def ask(geocoder: Geocoder, queries: list[str]) -> list[ChainResult]:
    """What the providers say about each query (empty queries get an empty answer)."""
    asked = [query for query in queries if query]
    if isinstance(geocoder, GeocoderChain):
        answers = iter(geocoder.geocode_many_detailed(asked))
    else:
        answers = iter(_ask_one(geocoder, query) for query in asked)
    return [next(answers) if query else ChainResult(candidates=[]) for query in queries]


def _ask_one(geocoder: Geocoder, query: str) -> ChainResult:
    try:
        return ChainResult(candidates=geocoder.geocode(query))
    except GeocoderError as exc:
        return ChainResult(candidates=[], errors=[str(exc)])


def apply_result(location: Location, result: ChainResult) -> Candidate | None:
    """Set the point fields from the answer (not saved) and return the chosen candidate.

    When a provider failed and nothing was found, the location is left as it was: a failure is no answer.
    """
    best = candidate_unambiguous(result.candidates)
    if best is None and result.errors:
        return None
    location.geocoded_at = timezone.now()
    if best is not None:
        location.point = best.point
        location.geocode_precision = best.precision
        location.geocode_source = best.provider
    else:
        # No point rather than a wrong one; the reason shows in the quality report.
        location.point = None
        location.geocode_precision = ""
        location.geocode_source = AMBIGUOUS if result.candidates else NOT_FOUND
    return best


def save_point(location: Location) -> None:
    """Save the point fields and the municipality; the organisation's area follows a municipality change.

    Without a point the municipality stays what the source said: there is nothing new to derive it from.
    """
    before = location.municipality_id
    if location.point is not None:
        location.municipality = location_municipality(location=location) or location.municipality
    location.save(update_fields=POINT_FIELDS)
    if location.municipality_id != before:
        organisation_refresh_effective_area(organisation=location.organisation)


# location_municipality in SQL, for a whole chunk: the municipality polygon the point lies in (the first by
# name on a border, like the ORM's default ordering), else the only municipality of the postcode, else as was;
# without a point, as was (see save_point).
_SAVE_MANY = """
UPDATE {table} AS l SET
    point = v.point, geocode_precision = v.precision, geocode_source = v.source, geocoded_at = v.at,
    municipality_id = CASE WHEN v.point IS NULL THEN l.municipality_id ELSE COALESCE(
        (SELECT m.id FROM areas_municipality m WHERE ST_Intersects(m.geom, v.point) ORDER BY m.name_nl LIMIT 1),
        (SELECT min(pm.municipality_id) FROM areas_postalarea pa
         JOIN areas_postalarea_municipalities pm ON pm.postalarea_id = pa.id
         WHERE l.postcode <> '' AND pa.postcode = l.postcode HAVING count(*) = 1),
        l.municipality_id) END
FROM unnest(%s::bigint[], %s::text[]::geometry[], %s::text[], %s::text[], %s::timestamptz[])
     AS v(id, point, precision, source, at)
WHERE l.id = v.id
RETURNING l.id, l.municipality_id
"""


def save_points_many(locations: list[Location]) -> set[int]:
    """save_point for many locations in one UPDATE; returns the organisations whose municipalities changed."""
    if not locations:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            _SAVE_MANY.format(table=Location._meta.db_table),
            [
                [location.pk for location in locations],
                [location.point.hexewkb.decode() if location.point else None for location in locations],
                [location.geocode_precision for location in locations],
                [location.geocode_source for location in locations],
                [location.geocoded_at for location in locations],
            ],
        )
        municipality_of = dict(cursor.fetchall())
    changed: set[int] = set()
    for location in locations:
        if municipality_of[location.pk] != location.municipality_id:
            location.municipality_id = municipality_of[location.pk]
            changed.add(location.organisation_id)
    return changed
