"""Suggestions while typing: "wat" (trefwoorden, rubrieken, organisaties) and "waar" (plaatsen, straten).

Each list is one query on a trigram GIN index (LIKE '%text%' and word similarity both use it), words that
start with the text first, then the closest by trigram word similarity, limited to a handful.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from geo.areas.models import Municipality, PostalArea, Province, Street, SubMunicipality
from geo.directory.models import Category, Keyword, Status
from geo.geocoding.normalize import street_key


def _ranked(queryset: QuerySet[Any], field: str, text: str, limit: int, *fields: str) -> list[dict[str, Any]]:
    """Rows of `queryset` whose `field` contains `text` or is close to it, best first."""
    lowered = text.lower()
    return list(
        queryset.annotate(
            similarity=TrigramWordSimilarity(lowered, Lower(F(field))),
            starts=Case(
                When(**{f"{field}__istartswith": text}, then=Value(2)),
                When(**{f"{field}__icontains": f" {text}"}, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .filter(Q(**{f"{field}__icontains": text}) | Q(**{f"{field}__trigram_word_similar": lowered}))
        .order_by("-starts", "-similarity", field)
        .values(*fields)[:limit]
    )


def suggest_what(text: str, *, limit: int = 8) -> dict[str, list[dict[str, Any]]]:
    keywords = _ranked(Keyword.objects.all(), "name", text, limit, "name", "slug")
    categories = _ranked(Category.objects.all(), "name", text, limit, "code", "name", "path")
    return {
        "keywords": [{"value": row["slug"], "label": row["name"]} for row in keywords],
        "categories": [{"value": row["code"], "label": row["name"], "path": row["path"]} for row in categories],
        "organisations": suggest_organisations(text, limit=limit),
    }


_ORGANISATION_SQL = """
SELECT o.id, o.name, o.is_synthetic
FROM directory_organisation_search s JOIN directory_organisation o ON o.id = s.organisation_id
WHERE o.status = %s AND (s.name_text LIKE '%%' || lower(public.unaccent(%s)) || '%%'
                         OR s.name_text %%> lower(public.unaccent(%s)))
ORDER BY (s.name_text LIKE lower(public.unaccent(%s)) || '%%') DESC,
         word_similarity(lower(public.unaccent(%s)), s.name_text) DESC, o.name
LIMIT %s
"""


def suggest_organisations(text: str, *, limit: int = 8) -> list[dict[str, Any]]:
    """Organisation names, accent-insensitive, on the stored unaccented names (trigram GIN)."""
    with connection.cursor() as cursor:
        # LIKE wildcards typed by the user are literal characters here
        pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        cursor.execute(_ORGANISATION_SQL, [Status.PUBLISHED, pattern, text, pattern, text, limit])
        return [{"value": pk, "label": name, "voorbeeld": synthetic} for pk, name, synthetic in cursor.fetchall()]


def suggest_where(text: str, *, limit: int = 8) -> dict[str, list[dict[str, Any]]]:
    places: list[dict[str, Any]] = []
    if text.isdigit():
        for postal in PostalArea.objects.filter(postcode__startswith=text).prefetch_related("municipalities")[:limit]:
            names = ", ".join(m.name_nl for m in postal.municipalities.all())
            places.append({"value": postal.postcode, "label": f"{postal.postcode} {names}".strip(), "kind": "postcode"})
    else:
        for kind, model in (
            ("municipality", Municipality),
            ("submunicipality", SubMunicipality),
            ("province", Province),
        ):
            rows = _ranked(model.objects.all(), "name_nl", text, limit, "code", "name_nl")
            places += [{"value": row["code"], "label": row["name_nl"], "kind": kind} for row in rows]
    streets: list[dict[str, Any]] = []
    if len(text) >= 3 and not text.isdigit():
        # The register stores street_key() forms ("sintmichielsstraat"): compare like with like, so
        # "Sint-Michielsstr" and "st michielsstraat" find it too.
        key: Any = Value(street_key(text))
        found = (
            Street.objects.filter(normalized_name__contains=key)
            .annotate(similarity=TrigramWordSimilarity(key, "normalized_name"))
            .select_related("municipality")
            .defer("municipality__geom")
            .order_by("-similarity", "name_nl")[:limit]
        )
        streets = [
            {"value": f"{street.name_nl}, {street.municipality.name_nl}", "label": str(street), "kind": "street"}
            for street in found
        ]
    return {"places": places[: limit * 2], "streets": streets}
