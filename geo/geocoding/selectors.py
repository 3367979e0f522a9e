"""Reads for the geocoding quality report: how precise the points of all locations are, and which to fix."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from geo.directory.models import Location
from geo.geocoding.apply import AMBIGUOUS, NOT_FOUND

NO_POINT = "none"
# Worst first: no point at all, then coarse grades. Source coordinates, manual pins and address points are
# not listed (nothing a geocoder could improve).
_BADNESS = Case(
    When(point__isnull=True, then=Value(0)),
    When(geocode_precision=Location.Precision.MUNICIPALITY, then=Value(1)),
    When(geocode_precision=Location.Precision.POSTAL_AREA, then=Value(2)),
    When(geocode_precision=Location.Precision.STREET, then=Value(3)),
    When(geocode_precision=Location.Precision.INTERPOLATED, then=Value(4)),
    default=Value(9),
    output_field=IntegerField(),
)
REASONS = {AMBIGUOUS: "dubbelzinnig adres", NOT_FOUND: "adres niet gevonden", "": "nog niet gegeocodeerd"}


@dataclass(frozen=True)
class GradeCount:
    grade: str
    label: str
    count: int


def precision_counts(*, include_synthetic: bool = True) -> list[GradeCount]:
    """Locations per precision grade (and those without a point), in ladder order."""
    queryset = Location.objects.all() if include_synthetic else Location.objects.filter(is_synthetic=False)
    counts = {
        (row["geocode_precision"] if row["has_point"] else NO_POINT): row["n"]
        for row in queryset.annotate(has_point=Case(When(point__isnull=True, then=Value(False)), default=Value(True)))
        .values("geocode_precision", "has_point")
        .annotate(n=Count("id"))
    }
    labels = {**dict(Location.Precision.choices), NO_POINT: "zonder punt", "": "onbekend"}
    order = [*Location.Precision.values, "", NO_POINT]
    return [GradeCount(grade, str(labels[grade]), counts[grade]) for grade in order if counts.get(grade)]


def locations_to_fix(*, limit: int = 25, include_synthetic: bool = True) -> QuerySet[Location]:
    """The worst-placed locations an editor should look at (unlocked ones; a manual pin is never 'bad')."""
    queryset = Location.objects.filter(point_locked=False).annotate(badness=_BADNESS).filter(badness__lt=9)
    if not include_synthetic:
        queryset = queryset.filter(is_synthetic=False)
    return queryset.select_related("organisation").order_by("badness", "organisation__name", "id")[:limit]


def reason(location: Location) -> str:
    if location.point is None:
        return REASONS.get(location.geocode_source, location.geocode_source or REASONS[""])
    return str(Location.Precision(location.geocode_precision).label) if location.geocode_precision else ""
