"""Writes of the coverage app: only its own cache."""

from __future__ import annotations

from typing import Any

from geo.coverage.models import CoverageResult


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
