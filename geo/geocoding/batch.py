"""Geocoding every location in chunks: one transaction per chunk, a progress bar, a GeocodeRun record, and a
summary per precision grade. An interrupted run resumes where it stopped (`resume=True`): locations it
already handled carry a geocoded_at after the run's start and are not asked again.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from tqdm import tqdm

from geo.directory.models import Location, Organisation
from geo.directory.services import organisation_refresh_effective_area
from geo.geocoding.apply import AMBIGUOUS, apply_result, ask, location_query, save_points_many
from geo.geocoding.base import Geocoder, Precision
from geo.geocoding.models import GeocodeRun

CHUNK = 500
MAX_ERRORS = 50


class GeocodeRunError(ValueError):
    """A batch cannot start (e.g. nothing to resume)."""


class _DryRunRollback(Exception):
    pass


@dataclass
class GeocodeSummary:
    run_id: int | None = None
    processed: int = 0
    by_precision: Counter[str] = field(default_factory=Counter)
    ambiguous: int = 0
    not_found: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "processed": self.processed,
            "by_precision": dict(self.by_precision),
            "ambiguous": self.ambiguous,
            "not_found": self.not_found,
            "failed": self.failed,
            "errors": self.errors[:MAX_ERRORS],
            "seconds": round(self.seconds, 2),
        }

    def lines(self) -> list[str]:
        rate = self.processed / self.seconds if self.seconds else 0.0
        head = f"{self.processed} vestigingen in {self.seconds:.1f} s ({rate:.0f}/s)"
        lines = [head + (" — proefdraai, niets bewaard" if self.dry_run else "")]
        labels = dict(Location.Precision.choices)
        for grade in Precision.LADDER:
            lines.append(f"  {labels[grade]}: {self.by_precision.get(grade, 0)}")
        lines.append(f"  dubbelzinnig (geen punt gezet): {self.ambiguous}")
        lines.append(f"  niet gevonden: {self.not_found}")
        lines.append(f"  fout bij een online dienst: {self.failed}")
        lines.extend(f"    {error}" for error in self.errors[:10])
        return lines


def _selection(*, only_missing: bool, since: Any) -> QuerySet[Location]:
    queryset = Location.objects.filter(point_locked=False)
    if only_missing:
        queryset = queryset.filter(point__isnull=True)
    else:
        # Points the source gave and pins an editor set are not ours to replace.
        queryset = queryset.exclude(geocode_precision__in=[Location.Precision.SOURCE, Location.Precision.MANUAL])
    return queryset.filter(Q(geocoded_at__isnull=True) | Q(geocoded_at__lt=since))


def _chunk(locations: list[Location], geocoder: Geocoder, summary: GeocodeSummary) -> None:
    answers = ask(geocoder, [location_query(location) for location in locations])
    to_save = []
    for location, result in zip(locations, answers, strict=True):
        best = apply_result(location, result)
        summary.processed += 1
        if best is None and result.errors:
            summary.failed += 1
            summary.errors.extend(f"{location_label(location)}: {error}" for error in result.errors)
            continue
        if best is not None:
            summary.by_precision[best.precision] += 1
        elif location.geocode_source == AMBIGUOUS:
            summary.ambiguous += 1
        else:
            summary.not_found += 1
        to_save.append(location)
    # Once per organisation, not once per location: the service-area rule reads all its locations.
    for organisation in Organisation.objects.filter(pk__in=save_points_many(to_save)):
        organisation_refresh_effective_area(organisation=organisation)


def location_label(location: Location) -> str:
    return f"vestiging {location.pk} ({location.address_line or 'geen adres'})"


def locations_geocode_batch(
    *,
    geocoder: Geocoder,
    only_missing: bool,
    provider: str,
    progress: bool | None,
    dry_run: bool,
    resume: bool,
    chunk_size: int = CHUNK,
) -> GeocodeSummary:
    started = time.perf_counter()
    run: GeocodeRun | None = None
    if resume:
        run = GeocodeRun.objects.filter(outcome__in=[GeocodeRun.Outcome.RUNNING, GeocodeRun.Outcome.FAILED]).first()
        if run is None:
            raise GeocodeRunError("er is geen onderbroken geocodeerrun om te hervatten")
        only_missing = run.only_missing
        run.outcome, run.error = GeocodeRun.Outcome.RUNNING, ""
        run.save(update_fields=["outcome", "error"])
    else:
        run = GeocodeRun.objects.create(only_missing=only_missing, provider=provider)
    summary = GeocodeSummary(run_id=run.pk, dry_run=dry_run)
    selection = _selection(only_missing=only_missing, since=run.started_at)
    bar = tqdm(
        total=selection.count(),
        desc="geocoderen",
        unit=" vestigingen",
        file=sys.stderr,
        leave=False,
        disable=True if progress is False else None if progress is None else False,
    )
    try:
        with transaction.atomic() if dry_run else nullcontext():
            last_id = 0
            while True:
                chunk = list(selection.filter(pk__gt=last_id).order_by("pk")[:chunk_size])
                if not chunk:
                    break
                with transaction.atomic():
                    _chunk(chunk, geocoder, summary)
                last_id = chunk[-1].pk
                bar.update(len(chunk))
                if not dry_run:
                    GeocodeRun.objects.filter(pk=run.pk).update(processed=F("processed") + len(chunk))
            if dry_run:
                raise _DryRunRollback
        run.outcome = GeocodeRun.Outcome.SUCCEEDED
    except _DryRunRollback:
        run.outcome = GeocodeRun.Outcome.DRY_RUN
    except Exception as exc:
        run.outcome, run.error = GeocodeRun.Outcome.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
        raise
    finally:
        bar.close()
        summary.seconds = time.perf_counter() - started
        run.finished_at = timezone.now()
        run.summary = summary.as_dict()
        run.save(update_fields=["outcome", "error", "finished_at", "summary"])
    return summary
