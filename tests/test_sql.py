"""Embedding a queryset's SQL in a hand-written statement (geo.sql.named_sql), empty answers included."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet

from geo.directory.models import Category
from geo.sql import named_sql

pytestmark = pytest.mark.django_db


def run_embedded(queryset: QuerySet[Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
    sql, params = named_sql(queryset, "q")
    with connection.cursor() as cursor:
        cursor.execute(f"WITH found AS ({sql}) SELECT * FROM found WHERE %(limit)s > 0", {**params, "limit": 1})
        return [column.name for column in cursor.description or ()], cursor.fetchall()


def test_the_embedded_query_finds_what_the_orm_finds() -> None:
    queryset = Category.objects.filter(path__startswith="justitie/").order_by().values("id", "code")
    columns, rows = run_embedded(queryset)
    assert columns == ["id", "code"]
    assert sorted(rows) == sorted((row["id"], row["code"]) for row in queryset)
    assert rows  # the seeded rubric tree has justice sub-rubrics


def test_an_answer_django_knows_is_empty_is_a_subquery_without_rows() -> None:
    # `id IN ()`: Django raises EmptyResultSet instead of writing SQL
    columns, rows = run_embedded(Category.objects.filter(pk__in=[]).order_by().values("id", "code"))
    assert (columns, rows) == (["id", "code"], [])


def test_a_union_of_empty_answers_is_a_subquery_without_rows_too() -> None:
    nothing = Category.objects.filter(pk__in=[]).order_by().values("id", "path")
    columns, rows = run_embedded(nothing.union(nothing, all=True))
    assert (columns, rows) == (["id", "path"], [])
