"""Writes of the coverage app: only its own tables (the answer cache and the precomputed WFS table)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import apps as django_apps
from django.db import transaction

from geo.coverage.models import CoverageFeature, CoverageResult
from geo.coverage.selectors import CoverageQuery, coverage_compute
from geo.coverage.units import UNIT_TABLES, Level
from geo.coverage.version import data_version
from geo.directory.models import Category


def coverage_result_store(
    *, key: str, data_version: str, fields: dict[str, Any], units: list[dict[str, Any]], compute_ms: float
) -> CoverageResult:
    """Store (or replace a stale) cached answer."""
    result, _ = CoverageResult.objects.update_or_create(
        key=key,
        defaults={
            "data_version": data_version,
            "rubric": str(fields.get("rubric", "")),
            "level": str(fields.get("level", "")),
            "filters": fields,
            "payload": units,
            "compute_ms": compute_ms,
        },
    )
    return result


def coverage_cache_clear() -> int:
    deleted, _ = CoverageResult.objects.all().delete()
    return deleted


def coverage_features_refresh(*, levels: Sequence[Level], rubrics: Sequence[str] = ()) -> int:
    """Recompute the WFS table for the top-level rubrics (all, or these codes) over `levels`, in one transaction."""
    version = data_version()
    categories = Category.objects.filter(parent=None).order_by("path")
    if rubrics:
        categories = categories.filter(code__in=rubrics)
    rows: list[CoverageFeature] = []
    for level in levels:
        table = UNIT_TABLES[level]
        geometries = dict(
            django_apps.get_model("areas", table.table.removeprefix("areas_"))
            .objects.exclude(geom=None)
            .values_list("code", "geom")
        )
        for category in categories:
            for unit in coverage_compute(CoverageQuery(category=category, level=level)):
                rows.append(
                    CoverageFeature(
                        rubric=category.code,
                        rubric_name=category.name,
                        level=str(level),
                        geom=geometries[unit["code"]],
                        data_version=version,
                        **{name: unit[name] for name in FEATURE_FIELDS},
                    )
                )
    with transaction.atomic():
        CoverageFeature.objects.filter(
            level__in=[str(level) for level in levels], rubric__in=[category.code for category in categories]
        ).delete()
        CoverageFeature.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


DEFAULT_FEATURE_LEVELS = (Level.MUNICIPALITY, Level.NEIGHBOURHOOD)


def coverage_features_refresh_if_stale(
    *, levels: Sequence[Level] = DEFAULT_FEATURE_LEVELS, rubrics: Sequence[str] = ()
) -> int | None:
    """Refresh the WFS table (all top-level rubrics, or these codes) when it lacks one of them at one of
    `levels` or describes an older data version.

    Returns the number of rows written, or None when the table was already current (so a second
    `load_demo` stays fast).
    """
    version = data_version()
    categories = Category.objects.filter(parent=None)
    if rubrics:
        categories = categories.filter(code__in=rubrics)
    wanted = {(code, str(level)) for code in categories.values_list("code", flat=True) for level in levels}
    rows = CoverageFeature.objects.filter(level__in=[str(level) for level in levels])
    if rubrics:
        rows = rows.filter(rubric__in=rubrics)
    current = set(rows.filter(data_version=version).values_list("rubric", "level").distinct())
    stale = rows.exclude(data_version=version).exists()
    if not stale and current == wanted:
        return None
    return coverage_features_refresh(levels=levels, rubrics=rubrics)


FEATURE_FIELDS = (
    "code",
    "name",
    "municipality_code",
    "covered_share",
    "organisations",
    "population",
    "population_source",
    "population_covered",
    "population_uncovered",
    "distance_m",
)
