"""The "waar" of a search: a named place (gemeente, deelgemeente, postcode, provincie, gewest) and the
service areas that cover it.

An organisation is found for a place when its werkingsgebied covers part of that place, as on the Flemish
social map. Boundaries of different sources (NGI judicial cantons, Statbel municipalities) disagree by up to
~100 m, so a plain ST_Intersects would also return every neighbour whose area merely touches the border.
The place is therefore shrunk by PLACE_SHRINK_M before the (GiST-indexed) ST_Intersects against the
subdivided service-area parts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.geos import GEOSGeometry
from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower, Replace

from geo.areas.models import Municipality, PostalArea, Province, Region, ServiceAreaPart, SubMunicipality

# Larger than the largest disagreement between boundary sources measured on the Gent cantons (~100 m).
PLACE_SHRINK_M = 100
_CACHE_SECONDS = 3600

# Everyday names of the regions that differ from the official ones.
REGION_ALIASES = {"vlaanderen": "02000", "wallonie": "03000", "brussel hoofdstad": "04000"}

AreaModel = type[Municipality] | type[SubMunicipality] | type[Province] | type[Region]
# Order of preference when one name is several kinds of place ("Gent" is a municipality and a deelgemeente).
PLACE_KINDS: tuple[tuple[str, AreaModel], ...] = (
    ("municipality", Municipality),
    ("submunicipality", SubMunicipality),
    ("province", Province),
    ("region", Region),
)


class PlaceNotFound(ValueError):
    """No place (or more than one) answers to the text; the message says which and suggests names."""


@dataclass(frozen=True)
class Place:
    kind: str  # municipality | submunicipality | postcode | province | region
    code: str
    name: str
    municipality_ids: tuple[int, ...] = ()  # for a postcode: the municipalities it belongs to

    @property
    def cache_key(self) -> str:
        return "place-shrunk:" + hashlib.sha1(f"{self.kind}:{self.code}".encode(), usedforsecurity=False).hexdigest()


def _normalise(text: str) -> str:
    """Casefold, strip accents and hyphens: the Python twin of _comparable() for alias lookups."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").split()).casefold()


def _comparable(expression: Any) -> Func:
    """lower(unaccent(replace(x, '-', ' '))) in SQL, so "sint-denijs westrem" finds Sint-Denijs-Westrem."""
    return Lower(Unaccent(Replace(expression, Value("-"), Value(" "))))


def _name_matches(model: AreaModel, text: str) -> QuerySet[Any]:
    """Rows whose Dutch or French name is `text`, ignoring case, accents, hyphens and a "(Dg.)" suffix."""
    wanted = _comparable(Value(" ".join(text.split())))
    queryset = model.objects.annotate(nl=_comparable(F("name_nl")), fr=_comparable(F("name_fr")))
    return queryset.filter(Q(nl=wanted) | Q(fr=wanted) | Q(nl=Concat(wanted, Value(" (dg.)")))).order_by("code")


def _suggestions(text: str) -> list[str]:
    names: list[str] = []
    for _kind, model in PLACE_KINDS[:2]:
        names += (
            model.objects.annotate(sim=TrigramWordSimilarity(text, "name_nl"))
            .filter(sim__gte=0.4)
            .order_by("-sim")
            .values_list("name_nl", flat=True)[:3]
        )
    return sorted(set(names))[:5]


def place_resolve(text: str) -> Place:
    """The place named or coded by `text`: '9050', '44021', '44021G', 'Ledeberg', 'Gent', 'Oost-Vlaanderen'.

    'Name (Municipality)' picks a deelgemeente whose name occurs in several municipalities.
    """
    value = " ".join(text.split())
    if not value:
        raise PlaceNotFound("geef een gemeente, deelgemeente, postcode, provincie of gewest op")
    if re.fullmatch(r"\d{4}", value):
        ids = tuple(
            m for m in PostalArea.objects.filter(postcode=value).values_list("municipalities__id", flat=True) if m
        )
        if not ids:
            raise PlaceNotFound(f"onbekende postcode {value}")
        return Place(kind="postcode", code=value, name=value, municipality_ids=ids)
    for kind, model in PLACE_KINDS:
        by_code = model.objects.filter(code__iexact=value).first()
        if by_code is not None:
            return Place(kind=kind, code=by_code.code, name=by_code.name_nl)
    alias = REGION_ALIASES.get(_normalise(value))
    if alias:
        region = Region.objects.get(code=alias)
        return Place(kind="region", code=region.code, name=region.name_nl)
    qualified = re.fullmatch(r"(.+?)\s*\((.+)\)", value)
    for kind, model in PLACE_KINDS:
        matches = list(_name_matches(model, value)[:10])
        if kind == "submunicipality" and qualified and not matches:
            matches = list(
                _name_matches(model, qualified.group(1)).filter(
                    municipality__in=_name_matches(Municipality, qualified.group(2))
                )
            )
        if len(matches) == 1:
            return Place(kind=kind, code=matches[0].code, name=matches[0].name_nl)
        if len(matches) > 1:
            options = ", ".join(f"{m.name_nl} ({m.municipality.name_nl})" for m in matches[:5])
            raise PlaceNotFound(f"'{value}' is niet eenduidig: bedoelt u {options}?")
    hint = _suggestions(value)
    suffix = f"; bedoelt u {', '.join(hint)}?" if hint else ""
    raise PlaceNotFound(f"onbekende plaats '{value}'{suffix}")


def _place_sql(place: Place) -> tuple[str, list[Any]]:
    if place.kind == "postcode":
        return "SELECT ST_Union(geom) FROM areas_municipality WHERE id = ANY(%s)", [list(place.municipality_ids)]
    table = dict(PLACE_KINDS)[place.kind]._meta.db_table
    return f"SELECT geom FROM {table} WHERE code = %s", [place.code]


def place_search_geometry(place: Place) -> GEOSGeometry:
    """The place shrunk by PLACE_SHRINK_M (its inner point when it is too small to shrink), cached."""
    cached = cache.get(place.cache_key)
    if cached is None:
        inner, params = _place_sql(place)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT ST_AsEWKB(CASE WHEN ST_IsEmpty(ST_Buffer(g, -%s)) THEN ST_PointOnSurface(g) "
                f"ELSE ST_Buffer(g, -%s) END) FROM ({inner}) AS place(g) WHERE g IS NOT NULL",
                [PLACE_SHRINK_M, PLACE_SHRINK_M, *params],
            )
            row = cursor.fetchone()
        if row is None:
            raise PlaceNotFound(f"van {place.name} is geen grens bekend")
        cached = bytes(row[0])
        cache.set(place.cache_key, cached, _CACHE_SECONDS)
    return GEOSGeometry(memoryview(cached))


def service_area_ids_covering(place: Place) -> QuerySet[ServiceAreaPart, Any]:
    """ids of the service areas that cover (part of) the place: ST_Intersects on the GiST-indexed parts."""
    return ServiceAreaPart.objects.filter(geom__intersects=place_search_geometry(place)).values("service_area_id")
