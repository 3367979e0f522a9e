"""Coverage of a rubric per unit: share of area served, organisations, population, distance (read-only).

`coverage_compute` does the work; `geo.coverage.cache.coverage_cached` wraps it with the result cache.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from geo.areas.models import Municipality, Province
from geo.coverage.statement import unit_rows
from geo.coverage.units import POPULATION_SOURCE_LABELS, UNIT_TABLES, Level, PopulationSource
from geo.directory.conditions import for_target_groups, has_keywords, in_categories
from geo.directory.models import Category, Keyword, Organisation, Status, TargetGroup

DEFAULT_THRESHOLDS_M = (1000, 2000, 5000)
ADDRESS_REGISTER_SOURCE = "best-address"


@dataclass(frozen=True)
class CoverageQuery:
    """What a planner asks: a rubric over a unit level, optionally narrowed, optionally in a scope."""

    category: Category
    level: Level
    keywords: tuple[Keyword, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    municipality: Municipality | None = None
    province: Province | None = None
    include_synthetic: bool = True

    def cache_fields(self) -> dict[str, Any]:
        return {
            "rubric": self.category.code,
            "level": str(self.level),
            "keywords": sorted(keyword.slug for keyword in self.keywords),
            "target_groups": sorted(group.code for group in self.target_groups),
            "municipality": self.municipality.code if self.municipality else None,
            "province": self.province.code if self.province else None,
            "include_synthetic": self.include_synthetic,
        }


@dataclass(frozen=True)
class WhatIf:
    """Hypothetical locations (WGS84 lon/lat) and removed location ids; nothing is written."""

    added_points: tuple[tuple[float, float], ...] = ()
    removed_location_ids: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added_points or self.removed_location_ids)


@dataclass
class Coverage:
    units: list[dict[str, Any]]
    summary: dict[str, Any] = field(default_factory=dict)


def organisations_matching(query: CoverageQuery) -> QuerySet[Organisation]:
    """Published organisations in the rubric (or below it), narrowed by keywords/target groups (any of)."""
    organisations = Organisation.objects.filter(status=Status.PUBLISHED).filter(in_categories([query.category]))
    if query.keywords:
        organisations = organisations.filter(has_keywords(query.keywords))
    if query.target_groups:
        organisations = organisations.filter(for_target_groups(query.target_groups))
    if not query.include_synthetic:
        organisations = organisations.filter(is_synthetic=False)
    return organisations


def scope_municipality_ids(query: CoverageQuery) -> list[int] | None:
    if query.municipality is not None:
        return [query.municipality.pk]
    if query.province is not None:
        return list(Municipality.objects.filter(province=query.province).values_list("pk", flat=True))
    return None


def _population(level: Level, row: dict[str, Any]) -> tuple[float | None, PopulationSource]:
    """The unit's population and where it comes from; never a silent spread: the source always says so."""
    own_source = UNIT_TABLES[level].own_source
    if row["own_population"] is not None:
        return float(row["own_population"]), own_source
    if level in (Level.SUBMUNICIPALITY, Level.NEIGHBOURHOOD) and row["municipality_population"] is not None:
        share = min(1.0, row["area"] / row["municipality_area"]) if row["municipality_area"] else 0.0
        return float(row["municipality_population"]) * share, PopulationSource.AREA_WEIGHTED
    return None, PopulationSource.NONE


def unit_figures(level: Level, row: dict[str, Any]) -> dict[str, Any]:
    share = 1.0 if row["whole"] else min(1.0, row["covered_area"] / row["area"]) if row["area"] else 0.0
    population, source = _population(level, row)
    covered = uncovered = None
    if population is not None:
        covered = round(population * share)
        uncovered = round(population) - covered
    return {
        "code": row["code"],
        "name": row["name"],
        "municipality_code": row["municipality_code"],
        "municipality_name": row["municipality_name"],
        "area_km2": round(row["area"] / 1e6, 4),
        "covered_share": round(share, 4),
        "organisations": int(row["organisations"]),
        "population": round(population) if population is not None else None,
        "population_source": str(source),
        "population_source_label": str(POPULATION_SOURCE_LABELS[source]),
        # inside a partly covered unit the population is split by area: say so
        "population_split_by_area": population is not None and 0 < share < 1,
        "population_covered": covered,
        "population_uncovered": uncovered,
        "distance_m": round(row["distance"], 1) if row["distance"] is not None else None,
        "point": [round(row["lon"], 6), round(row["lat"], 6)],
        **_address_figures(row),
    }


def _address_figures(row: dict[str, Any]) -> dict[str, Any]:
    """Distances from the unit's address points (BeST register only; all None without one)."""
    quantiles = row.get("address_distance_quantiles")
    rounded = [round(value, 1) for value in quantiles] if quantiles and quantiles[0] is not None else None
    return {
        "address_points": int(row.get("address_points") or 0),
        "address_points_used": int(row.get("address_points_used") or 0),
        "address_distance_mean_m": round(row["address_distance_mean"], 1)
        if row.get("address_distance_mean") is not None
        else None,
        "address_distance_median_m": rounded[len(rounded) // 2] if rounded else None,
        "address_distance_p90_m": rounded[round(0.9 * (len(rounded) - 1))] if rounded else None,
        "address_distance_quantiles_m": rounded,
    }


def share_beyond(quantiles: Sequence[float], limit: float) -> float:
    """The share of a unit's address points farther than `limit`, read off its evenly spaced quantiles."""
    steps = len(quantiles) - 1
    if limit < quantiles[0]:
        return 1.0
    if limit >= quantiles[-1]:
        return 0.0
    for index in range(steps):
        low, high = quantiles[index], quantiles[index + 1]
        if low <= limit < high:
            return 1.0 - (index + (limit - low) / (high - low)) / steps
    return 0.0  # unreachable: the limit lies between the first and last quantile


def address_register_source_id() -> int | None:
    """The BeST register's source when it holds addresses. The demo's seed register (pharmacy and court
    addresses) is not where people live, so distances from it would mislead: it is never used here."""
    from geo.areas.models import Address  # local: keeps the module's import list about coverage

    source_id = Address.objects.filter(source__code=ADDRESS_REGISTER_SOURCE).values_list("source_id", flat=True).first()
    return int(source_id) if source_id is not None else None


def coverage_compute(query: CoverageQuery, what_if: WhatIf | None = None) -> list[dict[str, Any]]:
    """Figures per unit (no summary: that depends on the planner's threshold, see coverage_summary)."""
    what_if = what_if or WhatIf()
    rows = unit_rows(
        level=query.level,
        organisations=organisations_matching(query),
        scope_municipality_ids=scope_municipality_ids(query),
        removed_location_ids=list(what_if.removed_location_ids),
        added_points=list(what_if.added_points),
        address_source_id=address_register_source_id(),
    )
    return [unit_figures(query.level, row) for row in rows]


def _percentile(values: Sequence[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)  # linear interpolation, like PostgreSQL's percentile_cont
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def coverage_summary(units: list[dict[str, Any]], *, threshold_m: float) -> dict[str, Any]:
    """Totals over the units; distance statistics over the units' representative points."""
    known = [unit for unit in units if unit["population"] is not None]
    population = sum(unit["population"] for unit in known)
    distances = [unit["distance_m"] for unit in units if unit["distance_m"] is not None]

    with_addresses = [unit for unit in known if unit["address_points_used"]]

    def beyond(limit: float) -> dict[str, Any]:
        people = sum(u["population"] for u in known if u["distance_m"] is None or u["distance_m"] > limit)
        count = sum(1 for u in units if u["distance_m"] is None or u["distance_m"] > limit)
        figures: dict[str, Any] = {
            "threshold_m": limit,
            "units": count,
            "population": people,
            "population_share": round(people / population, 4) if population else None,
        }
        if with_addresses:
            # each unit's population spread over its address points: the share of them beyond the limit
            far = sum(
                u["population"]
                * (
                    1.0
                    if u["address_distance_quantiles_m"] is None
                    else share_beyond(u["address_distance_quantiles_m"], limit)
                )
                for u in with_addresses
            )
            addressed = sum(u["population"] for u in with_addresses)
            figures["population_by_address"] = round(far)
            figures["population_by_address_share"] = round(far / addressed, 4) if addressed else None
        return figures

    used = sum(unit["address_points_used"] for unit in units)
    address_mean = (
        sum(
            u["address_distance_mean_m"] * u["address_points_used"]
            for u in units
            if u["address_distance_mean_m"] is not None
        )
        / used
        if used
        else None
    )

    return {
        "units": len(units),
        "units_uncovered": sum(1 for unit in units if unit["covered_share"] == 0),
        "units_without_population": len(units) - len(known),
        "population": population,
        "population_covered": sum(unit["population_covered"] for unit in known),
        "population_uncovered": sum(unit["population_uncovered"] for unit in known),
        "population_estimated": any(u["population_source"] == PopulationSource.AREA_WEIGHTED for u in known)
        or any(u["population_split_by_area"] for u in known),
        "units_without_location": len(units) - len(distances),
        "distance_mean_m": round(statistics.fmean(distances), 1) if distances else None,
        "distance_median_m": round(statistics.median(distances), 1) if distances else None,
        "distance_p90_m": round(value, 1) if (value := _percentile(distances, 0.9)) is not None else None,
        "beyond": [beyond(limit) for limit in sorted({*DEFAULT_THRESHOLDS_M, threshold_m})],
        # distances from the address points (BeST register loaded): each unit's points weigh equally
        "address_points": sum(unit["address_points"] for unit in units),
        "address_points_used": used,
        "address_units_population": sum(unit["population"] for unit in with_addresses),
        "address_distance_mean_m": round(address_mean, 1) if address_mean is not None else None,
        "threshold_m": threshold_m,
    }


def coverage_attribution(query: CoverageQuery) -> list[str]:
    """Attribution texts of the sources behind the figures: the units' boundaries, population, organisations."""
    from geo.areas.models import DataSource  # local: keeps the module's import list about coverage

    unit_model = {
        Level.MUNICIPALITY: "municipality",
        Level.SUBMUNICIPALITY: "submunicipality",
        Level.NEIGHBOURHOOD: "neighbourhood",
        Level.SECTOR: "statisticalsector",
    }[query.level]
    used = DataSource.objects.filter(
        pk__in=organisations_matching(query).order_by().values("source_id")
    ) | DataSource.objects.filter(**{f"{unit_model}__isnull": False})
    return sorted({source.attribution for source in used.distinct() if source.attribution})


def sector_population_loaded() -> bool:
    """Whether Statbel's per-sector population was imported (then deelgemeenten sum their sectors)."""
    from geo.areas.models import StatisticalSector

    return StatisticalSector.objects.filter(population__isnull=False).exists()


def coverage_feature_sets() -> list[tuple[str, str, str]]:
    """(rubric, rubric name, level) of every precomputed coverage set (for the WFS feature types)."""
    from geo.coverage.models import CoverageFeature

    return list(
        CoverageFeature.objects.order_by("level", "rubric").values_list("rubric", "rubric_name", "level").distinct()
    )


def coverage_features(*, rubric: str, level: str) -> QuerySet[Any]:
    from geo.coverage.models import CoverageFeature

    return CoverageFeature.objects.filter(rubric=rubric, level=level).order_by("code")
