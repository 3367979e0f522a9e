"""Which OpenStreetMap pharmacy is which agency (FAGG/AFMPS) pharmacy: distance first, then name and address.

The agency list names the licence holder ("Coop-apotheken Cvba"), OSM the name on the door or the
pharmacist ("Apotheek Reep", "Van Gansbeke"), and the two lists are four years apart, so names alone decide
little. A pair is a match when
  - the two points are within SAME_PLACE_M and each is the other's nearest, or
  - they are within NEARBY_M and the names share a word or the street and number are the same, or
  - the agency point is unusable and the street and number are the same (anywhere).
A match on distance alone, with names that share nothing, is kept but reported as uncertain; an unmatched
pair within NEARBY_M whose addresses do not contradict each other is reported for an editor to check.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

SAME_PLACE_M = 30.0
NEARBY_M = 150.0
# Words that say nothing about which pharmacy it is: legal forms, "pharmacy" in three languages, chains.
_NOISE = {
    "apotheek",
    "apotheken",
    "pharmacie",
    "pharmacy",
    "apotheke",
    "bv",
    "bvba",
    "cvba",
    "cv",
    "nv",
    "comm",
    "v",
    "commv",
    "srl",
    "sprl",
    "sa",
    "de",
    "het",
    "la",
    "le",
    "gr",
    "group",
    "coop",
    "lloydspharma",
    "benu",
}


@dataclass
class Candidate:
    key: str
    x: float  # storage CRS (metres)
    y: float
    name: str
    street: str = ""
    number: str = ""
    usable_point: bool = True
    extra_names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    agency: str
    osm: str
    distance: float
    reason: str  # "naam", "adres", "afstand" (uncertain), "adres (punt onbruikbaar)"

    @property
    def uncertain(self) -> bool:
        return self.reason == "afstand"


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def name_words(*names: str) -> set[str]:
    return {word for name in names for word in _plain(name).split() if word not in _NOISE and len(word) > 1}


def same_address(a: Candidate, b: Candidate) -> bool:
    if not (a.street and a.number and b.street and b.number):
        return False
    return _plain(a.street).replace(" ", "") == _plain(b.street).replace(" ", "") and _plain(a.number) == _plain(
        b.number
    )


def addresses_contradict(a: Candidate, b: Candidate) -> bool:
    return bool(a.street and a.number and b.street and b.number) and not same_address(a, b)


def _distance(a: Candidate, b: Candidate) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)


def match_pharmacies(agency: list[Candidate], osm: list[Candidate]) -> tuple[list[Match], list[str]]:
    """One-to-one matches, best first, and the pairs an editor should look at (as report lines)."""
    proposals: list[tuple[int, float, Candidate, Candidate, str]] = []
    nearest_osm = {a.key: min(osm, key=lambda o: _distance(a, o)).key for a in agency if a.usable_point and osm}
    nearest_agency = {
        o.key: min((a for a in agency if a.usable_point), key=lambda a: _distance(a, o)).key
        for o in osm
        if any(a.usable_point for a in agency)
    }
    for a in agency:
        for o in osm:
            if not a.usable_point:
                if same_address(a, o):
                    proposals.append((0, 0.0, a, o, "adres (punt onbruikbaar)"))
                continue
            distance = _distance(a, o)
            if distance > NEARBY_M:
                continue
            if name_words(a.name, *a.extra_names) & name_words(o.name):
                proposals.append((0, distance, a, o, "naam"))
            elif same_address(a, o):
                proposals.append((0, distance, a, o, "adres"))
            elif distance <= SAME_PLACE_M and nearest_osm[a.key] == o.key and nearest_agency[o.key] == a.key:
                proposals.append((1, distance, a, o, "afstand"))
    matches: list[Match] = []
    taken_a: set[str] = set()
    taken_o: set[str] = set()
    for _, distance, a, o, reason in sorted(proposals, key=lambda p: (p[0], p[1])):
        if a.key in taken_a or o.key in taken_o:
            continue
        taken_a.add(a.key)
        taken_o.add(o.key)
        matches.append(Match(agency=a.key, osm=o.key, distance=distance, reason=reason))
    by_key = {c.key: c for c in [*agency, *osm]}
    review = [
        f"onzeker: {by_key[m.agency].name!r} (FAGG {m.agency}) en OSM {by_key[m.osm].name!r} samengevoegd op "
        f"{m.distance:.0f} m afstand; de namen verschillen (overname sinds 2022?) — controleer"
        for m in matches
        if m.uncertain
    ]
    for a in agency:
        if a.key in taken_a or not a.usable_point:
            continue
        for o in osm:
            distance = _distance(a, o)
            if o.key not in taken_o and distance <= NEARBY_M and not addresses_contradict(a, o):
                review.append(
                    f"mogelijk dezelfde apotheek: {a.name!r} (FAGG {a.key}) en OSM {o.name!r} op {distance:.0f} m; "
                    f"niet samengevoegd"
                )
    return matches, review
