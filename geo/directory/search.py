"""Searching organisations: "wie of wat" (full text with typo tolerance), "waar" (on the service area) and the
refining filters, each written so PostgreSQL can answer it from an index.

Text: the stored document of migration 0003 (GIN, Dutch stemming on unaccented words), after each unknown
query word was corrected to the closest word of the organisations' names and terms (trigram index on the
word list of migration 0004), so "vredegerect" still finds "Vredegerecht". Organisations whose name
matches rank above those that match elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.gis.geos import Point, Polygon
from django.db import connection
from django.db.models import F, FloatField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import Expression, RawSQL

from geo.areas.models import Municipality
from geo.directory.annotations import nearest_location_distance, storage_point
from geo.directory.conditions import for_target_groups, in_categories, located, serving_place, with_keywords
from geo.directory.models import Category, Keyword, Location, Organisation, Status, TargetGroup
from geo.directory.places import Place
from geo.directory.selectors import organisations_published
from geo.spatial import to_storage

SortKey = Literal["relevance", "distance", "postcode", "municipality", "name"]
SORT_KEYS: tuple[str, ...] = ("relevance", "distance", "postcode", "municipality", "name")

# Full-text match on the stored document (GIN). Typos were corrected before (corrected_query).
_MATCHING_SQL = """
SELECT organisation_id FROM directory_organisation_search
WHERE document @@ {tsquery}
"""
# Every word required (websearch syntax: "quotes", or, -not); when that finds nothing, any word will do and
# the rank puts the organisations matching most words first ("vredegerect gnet 5": "gnet" is too far from
# "gent" for a trigram correction, but "vredegerecht" and "5" still single out Vredegerecht Gent 5).
ALL_WORDS = "websearch_to_tsquery('public.dutch_unaccent', %s)"
ANY_WORD = "replace(websearch_to_tsquery('public.dutch_unaccent', %s)::text, ' & ', ' | ')::tsquery"
# Name hits first (+10), then the weighted full-text rank (A names, B terms, C people, D descriptions).
_RELEVANCE_SQL = """
SELECT CASE WHEN s.name_document @@ {tsquery} THEN 10 ELSE 0 END + ts_rank(s.document, {tsquery})
FROM directory_organisation_search s WHERE s.organisation_id = {pk}
"""
# For each query word: itself when it is a known word or already matches a document (a Dutch inflection of
# a known word: "kantons"), else the closest known word by trigram similarity (above
# pg_trgm.similarity_threshold, 0.3), else itself. One round trip, every branch on an index.
_CORRECTION_SQL = """
SELECT q.word, CASE
    WHEN EXISTS (SELECT 1 FROM directory_search_word w WHERE w.word = q.word) THEN q.word
    WHEN EXISTS (SELECT 1 FROM directory_organisation_search s
                 WHERE s.document @@ plainto_tsquery('public.dutch_unaccent', q.word)) THEN q.word
    ELSE coalesce((SELECT w.word FROM directory_search_word w WHERE w.word %% q.word
                   ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT 1), q.word)
    END
FROM unnest(%s::text[]) AS q(word)
"""
_WORD = re.compile(r"\w+")
# websearch_to_tsquery's own words, and words too short to correct safely
_KEEP = frozenset({"or", "of"})
MIN_CORRECTED_LENGTH = 4


def corrected_query(q: str) -> str:
    """`q` with each unknown word replaced by the closest word of the organisations' names and terms.

    "kinderopvng" becomes "kinderopvang" and "vredegerect" "vredegerecht"; quotes, OR and -words survive.
    """
    words = sorted({w for w in (m.group(0) for m in _WORD.finditer(normalise(q))) if len(w) >= MIN_CORRECTED_LENGTH})
    words = [w for w in words if w not in _KEEP]
    if not words:
        return q
    with connection.cursor() as cursor:
        cursor.execute(_CORRECTION_SQL, [words])
        fixes = {word: fixed for word, fixed in cursor.fetchall() if fixed != word}
    if not fixes:
        return q
    return _WORD.sub(lambda m: fixes.get(normalise(m.group(0)), m.group(0)), q)


def normalise(text: str) -> str:
    """lower(unaccent(text)) in Python, the form the word list is stored in."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.lower()


class _Relevance(Expression):
    """The relevance of `q` for each organisation: a correlated subquery on the stored search document.

    Compiled from F("pk") rather than a literal table name, so it stays right when Django re-aliases the
    organisation table (the queryset used inside another query).
    """

    output_field = FloatField()

    def __init__(self, q: str, tsquery: str) -> None:
        super().__init__()
        self.q = q
        self.tsquery = tsquery
        self.pk: Any = F("pk")

    def get_source_expressions(self) -> list[Any]:
        return [self.pk]

    def set_source_expressions(self, exprs: Any) -> None:
        (self.pk,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        pk_sql, pk_params = compiler.compile(self.pk)
        sql = _RELEVANCE_SQL.format(pk=pk_sql, tsquery=self.tsquery)
        return f"({sql})", (self.q, self.q, *pk_params)


@dataclass(frozen=True)
class SearchCriteria:
    q: str = ""
    place: Place | None = None
    categories: Sequence[Category] = ()
    keywords: Sequence[Keyword] = ()
    keywords_all: bool = False  # keyword_op=and
    target_groups: Sequence[TargetGroup] = ()
    only_parents: bool = False
    municipality: Municipality | None = None  # refine on the municipality of a location (the facet)
    bbox: Polygon | None = None  # any allowed SRID
    near: Point | None = None  # any allowed SRID
    radius_m: float | None = None
    include_synthetic: bool = True
    sort: SortKey = "relevance"


def text_matches(queryset: QuerySet[Organisation], q: str, *, any_word: bool = False) -> QuerySet[Organisation]:
    """Organisations matching `q` (all its words, or any with `any_word`), annotated with `relevance`."""
    tsquery = ANY_WORD if any_word else ALL_WORDS
    # constant SQL; the user text only ever travels as a parameter
    matching = RawSQL(_MATCHING_SQL.format(tsquery=tsquery), [q])  # noqa: S611
    return queryset.filter(pk__in=matching).annotate(relevance=_Relevance(q, tsquery))


def _main_location_value(field_name: str) -> Subquery:
    locations = Location.objects.filter(organisation_id=OuterRef("pk")).exclude(status=Status.ARCHIVED)
    return Subquery(locations.order_by("-is_main", "id").values(field_name)[:1])


def organisations_search(criteria: SearchCriteria) -> QuerySet[Organisation]:
    """Published organisations matching every criterion, ordered by `criteria.sort`."""
    queryset = organisations_published()
    if not criteria.include_synthetic:
        queryset = queryset.filter(is_synthetic=False)
    if criteria.q:
        q = corrected_query(criteria.q)
        every_word = text_matches(queryset, q)
        queryset = every_word if every_word.exists() else text_matches(queryset, q, any_word=True)
    if criteria.place is not None:
        queryset = queryset.filter(serving_place(criteria.place))
    if criteria.categories:
        queryset = queryset.filter(in_categories(criteria.categories))
    if criteria.keywords:
        queryset = with_keywords(queryset, criteria.keywords, all_of=criteria.keywords_all)
    if criteria.target_groups:
        queryset = queryset.filter(for_target_groups(criteria.target_groups))
    if criteria.only_parents:
        queryset = queryset.filter(parent__isnull=True)
    if criteria.municipality is not None:
        queryset = queryset.filter(located(municipality=criteria.municipality))
    if criteria.bbox is not None:
        queryset = queryset.filter(located(point__intersects=to_storage(criteria.bbox)))
    near = storage_point(criteria.near) if criteria.near is not None else None
    if near is not None and criteria.radius_m is not None:
        queryset = queryset.filter(located(point__dwithin=(near, criteria.radius_m)))
    return _ordered(queryset, criteria, near)


def _ordered(queryset: QuerySet[Organisation], criteria: SearchCriteria, near: Point | None) -> QuerySet:
    if criteria.sort == "distance":
        if near is None:
            raise ValueError("sort=distance needs a point (near)")
        return queryset.annotate(sort_distance=nearest_location_distance(near)).order_by(
            F("sort_distance").asc(nulls_last=True), "name", "id"
        )
    if criteria.sort == "postcode":
        return queryset.annotate(sort_postcode=_main_location_value("postcode")).order_by(
            F("sort_postcode").asc(nulls_last=True), "name", "id"
        )
    if criteria.sort == "municipality":
        return queryset.annotate(sort_municipality=_main_location_value("municipality_name")).order_by(
            F("sort_municipality").asc(nulls_last=True), "name", "id"
        )
    if criteria.sort == "relevance" and criteria.q:
        return queryset.order_by(F("relevance").desc(), "name", "id")
    return queryset.order_by("name", "id")
