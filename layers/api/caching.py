"""HTTP caching of GET responses: a strong ETag over the body, 304 on If-None-Match, and Cache-Control.

The ETag hashes what was actually sent, so it is right whatever changed underneath (an m2m link, a
location, a category rename) without tracking versions. Anonymous answers may sit in shared caches for a
minute; answers to signed-in users are private, since professionals see more fields.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

PUBLIC_MAX_AGE = 60


class CachedAPIView(GenericAPIView[Any]):
    """ETag + Cache-Control on successful GETs, and a 304 when the client has the answer already."""

    last_modified: datetime | None = None

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if isinstance(response, Response):
            response.render()
        patch_vary_headers(response, ["Cookie", "Authorization", "Accept"])
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        set_response_etag(response)
        last_modified = self.last_modified
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        django_request: HttpRequest = request._request
        conditional = get_conditional_response(
            django_request,
            etag=response.get("ETag"),
            last_modified=int(last_modified.timestamp()) if last_modified is not None else None,
            response=response,
        )
        return conditional or response
