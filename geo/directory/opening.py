"""Is a location open now? Weekly slots with exceptions (holidays, special days), in Europe/Brussels time.

A location with no slots but an OSM `opening_hours` string is evaluated with the opening-hours library; a
location with neither is "unknown" (None), never guessed closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import opening_hours
from django.utils import timezone

from geo.directory.models import Location, OpeningException, OpeningHours

BRUSSELS = ZoneInfo("Europe/Brussels")


def brussels_now() -> dt.datetime:
    return timezone.now().astimezone(BRUSSELS)


def _within(opens: dt.time, closes: dt.time, moment: dt.time) -> bool:
    # closes 00:00 means midnight at the end of the day; a slot past midnight (22:00-02:00) wraps
    if closes == dt.time(0, 0):
        return moment >= opens
    if closes < opens:
        return moment >= opens or moment < closes
    return opens <= moment < closes


def is_open_at(
    *,
    slots: Iterable[OpeningHours],
    exceptions: Iterable[OpeningException],
    raw: str = "",
    moment: dt.datetime,
) -> bool | None:
    """True/False when the hours say so, None when nothing is known."""
    local = moment.astimezone(BRUSSELS)
    today = [exception for exception in exceptions if exception.date == local.date()]
    if today:
        exception = today[0]
        if exception.closed or exception.opens is None or exception.closes is None:
            return False
        return _within(exception.opens, exception.closes, local.time())
    slots = list(slots)
    if slots:
        yesterday = (local.weekday() - 1) % 7
        for slot in slots:
            if slot.weekday == local.weekday() and _within(slot.opens, slot.closes, local.time()):
                if slot.closes < slot.opens and local.time() < slot.closes:
                    continue  # that part of the slot belongs to yesterday's opening
                return True
            if slot.weekday == yesterday and slot.closes < slot.opens and local.time() < slot.closes:
                return True
        return False
    if raw:
        try:
            return bool(opening_hours.OpeningHours(raw).is_open(local.replace(tzinfo=None)))
        except Exception:
            return None
    return None


def location_open_now(location: Location, *, moment: dt.datetime | None = None) -> bool | None:
    """Uses the prefetched opening_hours and opening_exceptions of `location`."""
    return is_open_at(
        slots=location.opening_hours.all(),
        exceptions=location.opening_exceptions.all(),
        raw=location.opening_hours_raw,
        moment=moment or brussels_now(),
    )
