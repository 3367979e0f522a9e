"""OSM `opening_hours` text -> weekly slots, with the opening-hours-py parser (the OSM specification in full).

The expression is evaluated over reference weeks spread over a year (weeks without Belgian public holidays);
when every week gives the same slots, those are the weekly opening hours. An expression that does not parse,
or whose hours change over the year (e.g. "Jul-Aug" rules), gives no slots and a reason: the importer keeps
the raw text in `opening_hours_raw` and reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from opening_hours import OpeningHours, ParserError, State  # type: ignore[attr-defined]  # missing from the stub

from importers.locations import Slot

# Mondays of weeks without Belgian public holidays, one per season and one in the summer holidays.
REFERENCE_MONDAYS = tuple(
    datetime(2025, month, day) for month, day in ((2, 3), (5, 12), (7, 14), (9, 8), (11, 17), (12, 1))
)
MIDNIGHT = time(0, 0)


@dataclass(frozen=True)
class ParsedHours:
    slots: list[Slot] | None  # None: not representable as weekly slots (see `problem`)
    problem: str = ""


def _week_slots(hours: OpeningHours, monday: datetime) -> list[Slot]:
    slots: list[Slot] = []
    end_of_week = monday + timedelta(days=7)
    for start, end, state, comment in hours.intervals(monday, end_of_week):
        if state == State.CLOSED:
            continue
        note = comment if state == State.OPEN else f"onzeker{': ' + comment if comment else ''}"
        cursor = start
        while cursor < end:  # split an interval that runs past midnight into one slot per day
            day_end = datetime.combine(cursor.date() + timedelta(days=1), MIDNIGHT)
            stop = min(end, day_end)
            closes = MIDNIGHT if stop == day_end else stop.time()
            slots.append(Slot(weekday=cursor.weekday(), opens=cursor.time(), closes=closes, note=note))
            cursor = stop
    return sorted(slots, key=lambda s: (s.weekday, s.opens))


def parse_opening_hours(text: str) -> ParsedHours:
    """Weekly slots for an OSM opening_hours expression, or the reason there are none."""
    text = text.strip()
    if not text:
        return ParsedHours(slots=None, problem="leeg")
    try:
        hours = OpeningHours(text, auto_country=False, auto_timezone=False)
    except (ParserError, SyntaxError, ValueError) as exc:
        # The parser's message is a multi-line caret diagram: keep only what it expected.
        lines = [line.strip(" =") for line in str(exc).splitlines() if line.strip().startswith("=")]
        first_line = lines[0] if lines else type(exc).__name__
        return ParsedHours(slots=None, problem=f"niet te lezen ({first_line[:120]})")
    weeks = [_week_slots(hours, monday) for monday in REFERENCE_MONDAYS]
    if any(week != weeks[0] for week in weeks[1:]):
        return ParsedHours(slots=None, problem="uren verschillen doorheen het jaar; niet als weekrooster te tonen")
    return ParsedHours(slots=weeks[0])
