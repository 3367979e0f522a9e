"""Lookups in the gazetteer (geo.geocoding.models.Place) and the postcode table, memoised per geocoder.

A geocoder lives for one batch or one request, so the memo never outlives a register rebuild for long.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.gis.geos import Point
from django.contrib.postgres.search import TrigramSimilarity

from geo.areas.models import Municipality, PostalArea, SubMunicipality
from geo.geocoding.models import Place
from geo.geocoding.normalize import place_key

# When one name is several kinds of place in the same municipality, the first kind here wins:
# "Gent" is the municipality, not the deelgemeente Gent (Dg.) nor a wijk.
KIND_ORDER = ("municipality", "submunicipality", "postal_area", "neighbourhood")
FUZZY_PLACE_THRESHOLD = 0.6


@dataclass(frozen=True)
class PlaceHit:
    kind: str
    label: str
    point: Point
    municipality_id: int | None
    municipality_code: str | None
    postcode: str


def _hit(place: Place) -> PlaceHit:
    return PlaceHit(
        kind=place.kind,
        label=place.label,
        point=place.point,
        municipality_id=place.municipality_id,
        municipality_code=place.municipality.code if place.municipality else None,
        postcode=place.postcode,
    )


def _best_kind_per_municipality(places: list[Place]) -> list[Place]:
    best: dict[int | None, int] = {}
    for place in places:
        rank = KIND_ORDER.index(place.kind)
        best[place.municipality_id] = min(rank, best.get(place.municipality_id, rank))
    return [p for p in places if KIND_ORDER.index(p.kind) == best[p.municipality_id]]


class Gazetteer:
    def __init__(self) -> None:
        self._places: dict[str, list[PlaceHit]] = {}
        self._postcodes: dict[str, frozenset[int]] | None = None
        self._postal: dict[str, PlaceHit | None] = {}
        self._municipalities: dict[int, PlaceHit] = {}

    def places(self, name: str) -> list[PlaceHit]:
        """Places called `name` (exactly, else the most similar above the threshold), best kind first."""
        key = place_key(name)
        if not key or key.isdigit():
            return []
        if key not in self._places:
            queryset = Place.objects.select_related("municipality").exclude(kind=Place.Kind.POSTAL_AREA)
            found = list(queryset.filter(normalized_name=key))
            if not found and len(key) >= 4:
                found = list(
                    queryset.filter(normalized_name__trigram_similar=key)
                    .annotate(similarity=TrigramSimilarity("normalized_name", key))
                    .filter(similarity__gte=FUZZY_PLACE_THRESHOLD)
                    .order_by("-similarity")[:20]
                )
            found = _best_kind_per_municipality(found)
            found.sort(key=lambda p: (KIND_ORDER.index(p.kind), p.label))
            self._places[key] = [_hit(place) for place in found]
        return self._places[key]

    def postcode_municipalities(self, postcode: str) -> frozenset[int]:
        if self._postcodes is None:
            table: dict[str, set[int]] = {}
            for code, municipality_id in PostalArea.municipalities.through.objects.values_list(
                "postalarea__postcode", "municipality_id"
            ):
                table.setdefault(code, set()).add(municipality_id)
            self._postcodes = {code: frozenset(ids) for code, ids in table.items()}
        return self._postcodes.get(postcode, frozenset())

    def postal_area(self, postcode: str) -> PlaceHit | None:
        if postcode not in self._postal:
            place = (
                Place.objects.select_related("municipality").filter(kind=Place.Kind.POSTAL_AREA, code=postcode).first()
            )
            self._postal[postcode] = _hit(place) if place else None
        return self._postal[postcode]

    def municipalities(self, ids: Collection[int]) -> list[PlaceHit]:
        missing = [pk for pk in ids if pk not in self._municipalities]
        if missing:
            for place in (
                Place.objects.select_related("municipality")
                .filter(kind=Place.Kind.MUNICIPALITY, municipality_id__in=missing)
                .order_by("municipality_id", "id")
            ):
                self._municipalities.setdefault(place.municipality_id or 0, _hit(place))
        return [self._municipalities[pk] for pk in sorted(ids) if pk in self._municipalities]

    def containing(self, point: Point) -> PlaceHit | None:
        """The deelgemeente (else the municipality) that contains `point`, with the postal area's postcode."""
        place = None
        part = SubMunicipality.objects.filter(geom__intersects=point).values_list("code", flat=True).first()
        if part is not None:
            place = self._place(Place.Kind.SUBMUNICIPALITY, part)
        if place is None:
            code = Municipality.objects.filter(geom__intersects=point).values_list("code", flat=True).first()
            place = self._place(Place.Kind.MUNICIPALITY, code) if code else None
        if place is None:
            return None
        postcode = (
            Place.objects.filter(kind=Place.Kind.POSTAL_AREA, geom__intersects=point)
            .values_list("postcode", flat=True)
            .first()
        )
        return PlaceHit(**{**_hit(place).__dict__, "postcode": postcode or ""})

    @staticmethod
    def _place(kind: str, code: str) -> Place | None:
        return Place.objects.select_related("municipality").filter(kind=kind, code=code).order_by("id").first()
