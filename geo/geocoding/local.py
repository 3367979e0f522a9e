"""The local register geocoder: fully offline, on the streets and addresses of the register and the gazetteer.

For a query it works down the precision ladder and says how far it got: the address point (same house number,
the box when known), an interpolated house number, the street, the postal area (or the deelgemeente that was
named), the municipality. Several streets that fit equally well all come back: the caller sees the ambiguity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.contrib.gis.geos import Point

from geo.geocoding.base import Candidate, Precision
from geo.geocoding.gazetteer import Gazetteer, PlaceHit
from geo.geocoding.normalize import house_number_int, street_key
from geo.geocoding.parse import ParsedAddress, parse_address
from geo.geocoding.register import (
    AddressHit,
    StreetMatch,
    find_addresses,
    find_addresses_many,
    find_streets,
    interpolate,
    nearest_address,
    street_point,
)
from geo.spatial import to_storage

GRADE_SCORE = {
    Precision.ADDRESS: 1.0,
    Precision.INTERPOLATED: 0.85,
    Precision.STREET: 0.7,
    Precision.POSTAL_AREA: 0.5,
    Precision.MUNICIPALITY: 0.3,
}
MISMATCH = 0.9  # the street lies in the postcode's municipality or the named one, not in both
OTHER_POSTCODE = 0.95  # found, but the register gives the address another postcode
BOX_UNKNOWN = 0.95  # the building is known, this box is not


@dataclass(frozen=True)
class Scope:
    """Where to look: the municipalities the postcode and the locality point at."""

    strict: frozenset[int] | None  # both agree (or only one was given); None: anywhere
    loose: frozenset[int]  # named by only one of them: searched too, with a penalty
    places: tuple[PlaceHit, ...]  # the deelgemeente/wijk/postal area that was named

    @property
    def municipality_ids(self) -> frozenset[int] | None:
        return None if self.strict is None else self.strict | self.loose

    def factor(self, municipality_id: int) -> float:
        return 1.0 if self.strict is None or municipality_id in self.strict else MISMATCH


class LocalGeocoder:
    name = "local"

    def __init__(self) -> None:
        self.gazetteer = Gazetteer()

    # --- forward -----------------------------------------------------------------------------
    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        parsed = parse_address(query)
        if parsed.is_empty:
            return []
        candidates = self._geocode_parsed(parsed)
        for alternative in parsed.alternatives():
            if not candidates or candidates[0].precision not in (Precision.ADDRESS, Precision.INTERPOLATED):
                candidates = _merge(candidates, self._geocode_parsed(alternative))
        return candidates[:limit]

    def _geocode_parsed(self, parsed: ParsedAddress) -> list[Candidate]:
        scope = self._scope(parsed)
        if scope is None:
            return []  # a postcode or place that does not exist: no guess
        if parsed.street and not parsed.house_number and not parsed.postcode and not parsed.locality:
            # One bare phrase: a place ("Ledeberg", "Gent") or a street ("Brusselsesteenweg"), or "street place".
            places = self.gazetteer.places(parsed.street)
            if places:
                return self._area_candidates(Scope(strict=None, loose=frozenset(), places=tuple(places)), parsed)
            for street_part, locality in _splits(parsed.street):
                if self.gazetteer.places(locality):
                    found = self._geocode_parsed(ParsedAddress(street=street_part, locality=locality))
                    if found and found[0].precision != Precision.MUNICIPALITY:
                        return found
        candidates: list[Candidate] = []
        if parsed.street:
            streets = find_streets(street_key(parsed.street), municipality_ids=scope.municipality_ids)
            for street in streets:
                candidate = self._on_street(street, parsed, scope)
                if candidate is not None:
                    candidates.append(candidate)
        if not candidates:
            candidates = self._area_candidates(scope, parsed)
        return _merge([], candidates)

    def _scope(self, parsed: ParsedAddress) -> Scope | None:
        by_postcode = self.gazetteer.postcode_municipalities(parsed.postcode) if parsed.postcode else None
        places = self.gazetteer.places(parsed.locality) if parsed.locality else []
        by_locality = frozenset(p.municipality_id for p in places if p.municipality_id) if places else None
        if parsed.postcode and not by_postcode:
            if not by_locality:
                return None  # a postcode that does not exist and no known place: no guess
            by_postcode = None  # "9999 Gent": trust the place name
        if by_postcode is None or by_locality is None:
            return Scope(strict=by_postcode or by_locality, loose=frozenset(), places=tuple(places))
        if by_postcode & by_locality:
            agreeing = tuple(p for p in places if p.municipality_id in by_postcode)
            return Scope(strict=by_postcode & by_locality, loose=frozenset(), places=agreeing)
        # "9050 Merelbeke": the postcode and the name disagree; look in both, trust neither fully.
        return Scope(strict=frozenset(), loose=by_postcode | by_locality, places=tuple(places))

    def _on_street(self, street: StreetMatch, parsed: ParsedAddress, scope: Scope) -> Candidate | None:
        base = street.similarity * scope.factor(street.municipality_id)
        number = parsed.house_number
        if number:
            hits = find_addresses(street.id, number)
            if hits:
                return self._address_candidate(street, hits, parsed, base)
            numeric = house_number_int(number)
            between = interpolate(street.id, numeric, parsed.postcode) if numeric is not None else None
            if between is not None:
                point, postcode = between
                score = base * GRADE_SCORE[Precision.INTERPOLATED]
                return self._candidate(
                    street, Precision.INTERPOLATED, point, score, number, "", parsed.postcode or postcode
                )
        central = street_point(street.id, parsed.postcode)
        if central is None:
            return None
        point, postcode = central
        score = base * GRADE_SCORE[Precision.STREET]
        return self._candidate(street, Precision.STREET, point, score, "", "", parsed.postcode or postcode)

    def _address_candidate(
        self, street: StreetMatch, hits: list[AddressHit], parsed: ParsedAddress, base: float
    ) -> Candidate:
        """The address point: the asked box if the register has it, else the building (a box-less entry first)."""
        exact = [hit for hit in hits if hit.box == parsed.box]
        hit = (exact or [hit for hit in hits if not hit.box] or hits)[0]
        score = base * (1.0 if exact or not parsed.box else BOX_UNKNOWN)
        if parsed.postcode and hit.postcode and hit.postcode != parsed.postcode:
            score *= OTHER_POSTCODE
        box = hit.box if exact else ""
        postcode = hit.postcode or parsed.postcode
        return self._candidate(street, Precision.ADDRESS, hit.point, score, parsed.house_number, box, postcode)

    def geocode_many(self, queries: list[str], *, limit: int = 5) -> list[list[Candidate]]:
        """`geocode` for many queries; exact addresses in one query, the rest one by one.

        The fast path only settles what `geocode` would answer with the same single candidate: a street
        number found on exactly one street of the municipality the postcode (and place name) point at.
        """
        results: list[list[Candidate] | None] = [None] * len(queries)
        parsed_all = [parse_address(query) for query in queries]
        wanted: list[tuple[int, str, str, int]] = []
        scopes: dict[int, Scope] = {}
        for index, parsed in enumerate(parsed_all):
            if not (parsed.street and parsed.house_number and (parsed.postcode or parsed.locality)):
                continue
            scope = self._scope(parsed)
            if scope is None or not scope.strict or scope.loose:
                continue
            scopes[index] = scope
            key = street_key(parsed.street)
            wanted.extend((index, key, parsed.house_number, municipality_id) for municipality_id in scope.strict)
        for index, matches in find_addresses_many(wanted).items():
            if len({street.id for street, _ in matches}) == 1:
                street = matches[0][0]
                hits = [hit for _, hit in matches]
                results[index] = [self._address_candidate(street, hits, parsed_all[index], 1.0)]
        return [
            found if found is not None else self.geocode(query, limit=limit)
            for found, query in zip(results, queries, strict=True)
        ]

    def _candidate(
        self, street: StreetMatch, precision: str, point: Point, score: float, number: str, box: str, postcode: str
    ) -> Candidate:
        line = " ".join(part for part in (street.name, number, f"bus {box}" if box else "") if part)
        town = " ".join(part for part in (postcode, street.municipality_name) if part)
        return Candidate(
            point=point,
            label=f"{line}, {town}",
            precision=precision,
            score=round(score, 4),
            provider=self.name,
            municipality_code=street.municipality_code,
            postcode=postcode or None,
        )

    def _area_candidates(self, scope: Scope, parsed: ParsedAddress) -> list[Candidate]:
        """Down the ladder when no street fits: the named deelgemeente or wijk, the postal area, the municipality."""
        found: list[Candidate] = []
        for place in scope.places:
            precision = Precision.MUNICIPALITY if place.kind == "municipality" else Precision.POSTAL_AREA
            # A named deelgemeente or wijk is smaller than its postal area; a deelgemeente is the usual meaning.
            bonus = {"submunicipality": 0.02, "neighbourhood": 0.01}.get(place.kind, 0.0)
            found.append(self._place_candidate(place, precision, GRADE_SCORE[precision] + bonus))
        if parsed.postcode:
            postal = self.gazetteer.postal_area(parsed.postcode)
            if postal is not None:
                found.append(self._place_candidate(postal, Precision.POSTAL_AREA, GRADE_SCORE[Precision.POSTAL_AREA]))
        municipality_ids = scope.municipality_ids or frozenset()
        for municipality in self.gazetteer.municipalities(municipality_ids) if len(municipality_ids) <= 3 else []:
            score = GRADE_SCORE[Precision.MUNICIPALITY] * scope.factor(municipality.municipality_id or 0)
            found.append(self._place_candidate(municipality, Precision.MUNICIPALITY, score))
        return _merge([], found)

    def _place_candidate(self, place: PlaceHit, precision: str, score: float) -> Candidate:
        return Candidate(
            point=place.point,
            label=place.label,
            precision=precision,
            score=round(score, 4),
            provider=self.name,
            municipality_code=place.municipality_code,
            postcode=place.postcode or None,
        )

    # --- reverse -----------------------------------------------------------------------------
    def reverse(self, point: Point) -> Candidate | None:
        """The nearest register address within GEOCODING_REVERSE_MAX_DISTANCE_M, else the area around the point."""
        point = cast(Point, to_storage(point))
        nearest = nearest_address(point, max_distance=settings.GEOCODING_REVERSE_MAX_DISTANCE_M)
        if nearest is not None:
            line = " ".join(
                p for p in (nearest.street, nearest.house_number, f"bus {nearest.box}" if nearest.box else "") if p
            )
            town = " ".join(p for p in (nearest.postcode, nearest.municipality_name) if p)
            return Candidate(
                point=nearest.point,
                label=f"{line}, {town}",
                precision=Precision.ADDRESS,
                score=round(max(0.0, 1.0 - nearest.distance / 1000), 4),
                provider=self.name,
                municipality_code=nearest.municipality_code,
                postcode=nearest.postcode or None,
            )
        area = self.gazetteer.containing(point)
        if area is None:
            return None
        precision = Precision.MUNICIPALITY if area.kind == "municipality" else Precision.POSTAL_AREA
        return Candidate(
            point=point,
            label=area.label,
            precision=precision,
            score=GRADE_SCORE[precision],
            provider=self.name,
            municipality_code=area.municipality_code,
            postcode=area.postcode or None,
        )


def _splits(phrase: str) -> list[tuple[str, str]]:
    """'Kerkstraat Gent' -> [('Kerkstraat', 'Gent')]; the last one or two words as a place name."""
    words = phrase.split()
    return [(" ".join(words[:-size]), " ".join(words[-size:])) for size in (1, 2) if len(words) > size]


def _merge(first: list[Candidate], second: list[Candidate]) -> list[Candidate]:
    """Best score first; one candidate per label (the best)."""
    best: dict[str, Candidate] = {}
    for candidate in [*first, *second]:
        if candidate.label not in best or candidate.score > best[candidate.label].score:
            best[candidate.label] = candidate
    return sorted(best.values(), key=lambda c: (-c.score, Precision.LADDER.index(c.precision), c.label))
