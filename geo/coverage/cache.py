"""Coverage answers cached per (rubric, unit level, filters, scope) and data version.

A what-if is never cached: it is one planner's sketch, recomputed each time (it writes nothing).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import OrderedDict
from typing import Any

from geo.coverage.models import CoverageResult
from geo.coverage.selectors import CoverageQuery, WhatIf, coverage_compute
from geo.coverage.services import coverage_result_store
from geo.coverage.version import data_version

# The last answers of this process, keyed by (key, data version): a hit skips reading and decoding the
# JSON row (~10 ms for 2,767 wijken). The data version is still checked on every call.
_RECENT: OrderedDict[tuple[str, str], list[dict[str, Any]]] = OrderedDict()
RECENT_SIZE = 16


def _remember(key: tuple[str, str], units: list[dict[str, Any]]) -> None:
    _RECENT[key] = units
    _RECENT.move_to_end(key)
    while len(_RECENT) > RECENT_SIZE:
        _RECENT.popitem(last=False)


def cache_key(query: CoverageQuery) -> str:
    return hashlib.sha256(json.dumps(query.cache_fields(), sort_keys=True).encode()).hexdigest()


def coverage_cached(query: CoverageQuery, what_if: WhatIf | None = None) -> tuple[list[dict[str, Any]], bool]:
    """(units, came from the cache)."""
    if what_if:
        return coverage_compute(query, what_if), False
    version = data_version()
    key = cache_key(query)
    if (key, version) in _RECENT:
        return _RECENT[(key, version)], True
    hit = CoverageResult.objects.filter(key=key, data_version=version).values_list("payload", flat=True).first()
    if hit is not None:
        _remember((key, version), list(hit))
        return list(hit), True
    started = time.perf_counter()
    units = coverage_compute(query)
    coverage_result_store(
        key=key,
        data_version=version,
        fields=query.cache_fields(),
        units=units,
        compute_ms=(time.perf_counter() - started) * 1000,
    )
    _remember((key, version), units)
    return units, False


def coverage_cache_forget_recent() -> None:
    """Empty this process's memory of recent answers (the benchmark's cold runs)."""
    _RECENT.clear()
