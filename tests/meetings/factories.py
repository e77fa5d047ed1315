"""Meeting series and meetings for tests."""

from __future__ import annotations

import datetime as dt

from mace.meetings.models import Kind, Meeting, MeetingSeries


def fortnightly_series(*, chair=None, first_date=dt.date(2026, 1, 7), **fields) -> MeetingSeries:
    """Child-focused MACE, every other Wednesday at 10:00 (the city's pattern)."""
    defaults = {
        "name": "Child-focused MACE",
        "kind": Kind.CHILD,
        "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        "first_date": first_date,
        "start_time": dt.time(10, 0),
        "chair": chair,
        "capacity": 3,
        "slot_minutes": 20,
        "location": "Merrion House, Room 4",
    }
    defaults.update(fields)
    return MeetingSeries.objects.create(**defaults)


def meeting_on(day: dt.date, *, kind=Kind.CHILD, chair=None, series=None, **fields) -> Meeting:
    defaults = {
        "series": series,
        "kind": kind,
        "title": dict(Kind.choices)[kind],
        "date": day,
        "start_time": dt.time(10, 0),
        "chair": chair,
        "capacity": 3,
        "slot_minutes": 20,
    }
    defaults.update(fields)
    return Meeting.objects.create(**defaults)
