"""Page-number pagination whose mistakes are 400s naming `page` or `page_size` (DRF answers 404 or ignores)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

MAX_PAGE_SIZE = 100


def _positive_int(request: Request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [_("geen geheel getal: %(value)s") % {"value": raw}]}) from None
    if value < 1 or (maximum is not None and value > maximum):
        limit = f"1..{maximum}" if maximum else "≥ 1"
        raise ValidationError({name: [_("moet %(limit)s zijn") % {"limit": limit}]})
    return value


class StrictPageNumberPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        return _positive_int(request, "page_size", self.page_size, MAX_PAGE_SIZE)

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        self.request = request
        page_size = self.get_page_size(request)
        number = _positive_int(request, "page", 1)
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise ValidationError(
                {
                    "page": [
                        _("pagina %(n)d bestaat niet; er zijn %(pages)d") % {"n": number, "pages": paginator.num_pages}
                    ]
                }
            ) from None
        return list(self.page)

    def paginated_data(self, data: Any, **extra: Any) -> dict[str, Any]:
        page = self.page
        if page is None:
            raise RuntimeError("paginate_queryset() must run first")
        return {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            **extra,
            "results": data,
        }

    def get_paginated_response(self, data: Any) -> Response:
        return Response(self.paginated_data(data))


class CountedPage:
    """One page of rows fetched together with the total (COUNT(*) OVER ()): one query instead of two.

    The rows must be sorted anyway, which reads every matching row, so the window count costs next to
    nothing; the per-row subqueries of the select list still run for this page's rows only.
    """

    def __init__(
        self,
        request: Request,
        *,
        fetch: Callable[[int, int], list[dict[str, Any]]],
        count: Callable[[], int],
        default_size: int = 25,
    ) -> None:
        """`fetch(limit, offset)` returns rows carrying `total_count`; `count()` is asked only past the end."""
        self.request = request
        self.size = _positive_int(request, "page_size", default_size, MAX_PAGE_SIZE)
        self.number = _positive_int(request, "page", 1)
        self.rows = fetch(self.size, (self.number - 1) * self.size)
        if self.rows:
            self.count = int(self.rows[0]["total_count"])
        else:
            self.count = count() if self.number > 1 else 0
        self.pages = max(1, math.ceil(self.count / self.size))
        if self.number > self.pages:
            raise ValidationError(
                {"page": [_("pagina %(n)d bestaat niet; er zijn %(pages)d") % {"n": self.number, "pages": self.pages}]}
            )

    def _link(self, number: int) -> str | None:
        if number < 1 or number > self.pages:
            return None
        return replace_query_param(self.request.build_absolute_uri(), "page", number)

    def data(self, results: Any, **extra: Any) -> dict[str, Any]:
        return {
            "count": self.count,
            "page": self.number,
            "pages": self.pages,
            "next": self._link(self.number + 1),
            "previous": self._link(self.number - 1),
            **extra,
            "results": results,
        }
