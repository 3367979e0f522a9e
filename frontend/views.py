from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from geo.areas.models import DataSource
from geo.directory.models import Organisation, Status


def home(request: HttpRequest) -> HttpResponse:
    """Landing page: what the directory holds and where the data comes from."""
    published = Organisation.objects.filter(status=Status.PUBLISHED)
    counts = published.aggregate(total=Count("id"), synthetic=Count("id", filter=Q(is_synthetic=True)))
    sources = DataSource.objects.all()
    return render(request, "frontend/home.html", {"counts": counts, "sources": sources})
