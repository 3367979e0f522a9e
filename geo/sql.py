"""Embedding a Django queryset in a hand-written statement.

The who-serves page, nearest, the facet counts and the coverage statement are written out in SQL (their
select lists and joins are the same on every request) but take "which organisations" from a queryset that
the selectors build with the ORM. `named_sql` gives that queryset's SQL with named placeholders, so it can
sit in a WITH clause beside the statement's own %(name)s parameters.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, QuerySet, Value
from django.db.models.sql.where import WhereNode


def named_sql(queryset: QuerySet[Any], prefix: str) -> tuple[str, dict[str, Any]]:
    """Django's SQL of `queryset` with its %s placeholders renamed to %(prefix0)s, %(prefix1)s, …"""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        # Django knows the answer is empty (`id IN ()`: nobody serves a point outside Belgium) and writes no
        # SQL for it; the statement embedding it still needs a subquery with the same columns.
        sql, params = _no_rows_sql(queryset)
    named = sql.replace("%%", "\x00")
    values: dict[str, Any] = {}
    for index, value in enumerate(params):
        named = named.replace("%s", f"%({prefix}{index})s", 1)
        values[f"{prefix}{index}"] = value
    return named.replace("\x00", "%%"), values


def _no_rows_sql(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    """A query with the columns of `queryset` (of its first part, for a UNION) that returns no row."""
    query = queryset.query
    shape = query.combined_queries[0] if query.combinator else query
    empty = queryset.model._base_manager.all()
    empty.query = shape.clone()
    empty.query.where = WhereNode()
    if empty.query.values_select:  # a values() queryset yields dicts; only the SQL matters here
        empty = empty.values(*empty.query.values_select)
    sql, params = empty.filter(Value(False, output_field=BooleanField())).query.sql_with_params()
    return sql, tuple(params)
