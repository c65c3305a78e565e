"""A calendar's touchpoints: single events as they are, recurring series by their latest occurrence.

Events are grouped by ``UID``. A group with an ``RRULE`` or ``RDATE``, or with ``RECURRENCE-ID`` overrides,
is a series and is expanded with ``recurring-ical-events`` (EXDATE, overrides and cancelled instances
included). Only the latest occurrence on or before today matters, so each series is searched backwards
from today in windows that double in length (1, 2, 4, ... days): a weekly meeting is found within the
first few windows and a series is never expanded over all its years. The latest occurrence that is not
cancelled counts for its attendees. One who declined it is looked for further back: the latest earlier
occurrence they did not decline counts for them (they missed one meeting, not the series), and only one who
declined every occurrence back to the calendar's earliest event is skipped as declined. The attendees are
those of the latest occurrence: someone dropped from the series before it is not looked for.

An event that cannot be a touchpoint (no ``DTSTART``, two of them) is skipped before any expansion, so it
never reaches the expander; a series whose rule the expander cannot read is skipped with that reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from samkit.importers.base import Activity, Skip, SkippedRow
from samkit.importers.ics_source import start_of, touchpoints

_FIRST_WINDOW = timedelta(days=1)
_TOO_FINE = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
# errors the expander raises on rules it cannot read (its own errors derive from ValueError)
_EXPANDER_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError)


def calendar_touchpoints(calendar: Any, source: str, today: date) -> Iterator[Activity | SkippedRow]:
    """Every touchpoint of one VCALENDAR, in file order for single events, then series by series."""
    groups: dict[str, list[tuple[Any, date]]] = defaultdict(list)
    earliest = today
    for event in calendar.walk("VEVENT"):
        day = start_of(event)
        if isinstance(day, Skip):
            yield SkippedRow(source, None, day, str(event.get("SUMMARY", "")).strip()[:80])
            continue
        uid = str(event.get("UID", "")).strip()
        if not uid:
            yield from touchpoints(event, day, source)
            continue
        groups[uid].append((event, day))
        earliest = min(earliest, day)
    for members in groups.values():
        if len(members) == 1 and not _in_series(members[0][0]):
            event, day = members[0]
            yield from touchpoints(event, day, source)
        else:
            yield from _series_touchpoints([event for event, _ in members], source, today, earliest)


def _in_series(event: Any) -> bool:
    return any(name in event for name in ("RRULE", "RDATE", "RECURRENCE-ID"))


def _series_touchpoints(events: list[Any], source: str, today: date, earliest: date) -> Iterator[Activity | SkippedRow]:
    import recurring_ical_events
    from icalendar import Calendar

    summary = str(events[0].get("SUMMARY", "")).strip()[:80]
    if any(_too_fine(event) for event in events):
        # every second, minute or hour since DTSTART would be generated to reach today: no meeting is that
        yield SkippedRow(source, None, Skip.BAD_RECURRENCE, f"{summary}: repeats hourly or more often")
        return
    holder = Calendar()
    for event in events:
        holder.add_component(event)
    try:
        series_list = recurring_ical_events.of(holder, skip_bad_series=False).series
        # each series worked out whole before any is yielded: an unreadable rule skips the event, not part of it
        found = [list(_series_attendance(series, events, source, today, earliest, summary)) for series in series_list]
    except _EXPANDER_ERRORS as error:
        yield SkippedRow(source, None, Skip.BAD_RECURRENCE, f"{summary}: {error}"[:120])
        return
    for items in found:
        yield from items


def _series_attendance(
    series: Any, events: list[Any], source: str, today: date, earliest: date, summary: str
) -> Iterator[Activity | SkippedRow]:
    """The touchpoints of the latest occurrence; for each attendee who declined it, of the latest earlier
    occurrence they did not decline (their own skip only when they declined every one).

    Looking back stays short. Whoever the series' own occurrences have (the master event's attendees who do
    not decline it) is met again at the first of them, walking back. Whoever declined the master, or is not on
    it, can have attended only an override (a ``RECURRENCE-ID`` event): those are looked at instead of walking
    back over the series' years (a mailbox owner who declined a meeting series declines every occurrence).
    """
    walk = _occurrences(series, today, earliest)
    latest = next(walk)
    if isinstance(latest, Skip):  # every occurrence is after today, or every one was cancelled
        yield SkippedRow(source, None, latest, summary)
        return
    declined: dict[str, SkippedRow] = {}
    for item in touchpoints(*latest, source):
        if isinstance(item, SkippedRow) and item.reason is Skip.DECLINED:
            declined[_person_key(item.detail)] = item
        else:
            yield item
    if not declined:
        return
    regular = _attending([event for event in events if "RECURRENCE-ID" not in event], latest[1], source)
    walked = declined.keys() & regular.keys()
    for earlier in walk if walked else ():
        if isinstance(earlier, Skip):  # pragma: no cover - a Skip only ends a walk that found nothing
            break
        for key, item in _attending([earlier[0]], earlier[1], source).items():
            if key in walked:
                walked.discard(key)
                del declined[key]
                yield item
        if not walked:
            break
    overridden = [event for event in events if "RECURRENCE-ID" in event]
    for key, item in _latest_attended(overridden, declined.keys() - regular.keys(), latest[1], source).items():
        del declined[key]
        yield item
    yield from declined.values()


def _person_key(text: str | None) -> str:
    """An attendee as compared across occurrences: the email address (else the name), case aside."""
    return (text or "").strip().casefold()


def _attending(events: list[Any], day: date, source: str) -> dict[str, Activity]:
    """The attendees of ``events`` (on ``day``) who did not decline, each by ``_person_key``."""
    found: dict[str, Activity] = {}
    for event in events:
        for item in touchpoints(event, day, source):
            if isinstance(item, Activity):
                found.setdefault(_person_key(item.email or item.contact), item)
    return found


def _latest_attended(overrides: list[Any], keys: set[str], latest: date, source: str) -> dict[str, Activity]:
    """For each of ``keys``, the latest of ``overrides`` on or before ``latest`` that they did not decline."""
    best: dict[str, Activity] = {}
    for event in overrides if keys else ():
        day = start_of(event)
        if isinstance(day, Skip) or day > latest:
            continue
        for key, item in _attending([event], day, source).items():
            if key in keys and (key not in best or day > best[key].day):
                best[key] = item
    return best


def _too_fine(event: Any) -> bool:
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        try:
            frequency = rule.get("FREQ") if hasattr(rule, "get") else None
        except _EXPANDER_ERRORS:  # an unknown frequency: the expander says so (unreadable recurrence)
            continue
        names = frequency if isinstance(frequency, list) else [frequency]
        if any(str(name).upper() in _TOO_FINE for name in names):
            return True
    return False


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _occurrences(series: Any, today: date, earliest: date) -> Iterator[tuple[Any, date] | Skip]:
    """The occurrences of ``series`` starting on or before ``today`` that are not cancelled, latest first,
    each as its component and day; when there is none at all, why (``Skip.CANCELLED`` or ``Skip.FUTURE``)."""
    cancelled = found = False
    stop = datetime.combine(today + timedelta(days=1), datetime.min.time())
    floor = datetime.combine(earliest, datetime.min.time()) - timedelta(days=1)
    window = _FIRST_WINDOW
    while stop > floor:
        start = stop - window
        occurrences = [item for item in series.between(start, stop) if _day(item.start) <= today]
        occurrences.sort(key=lambda item: _day(item.start), reverse=True)
        for occurrence in occurrences:
            component = occurrence.as_component(False)
            if str(component.get("STATUS", "")).strip().upper() != "CANCELLED":
                found = True
                yield component, _day(occurrence.start)
            else:
                cancelled = True
        stop, window = start, window * 2
    if not found:
        yield Skip.CANCELLED if cancelled else Skip.FUTURE
