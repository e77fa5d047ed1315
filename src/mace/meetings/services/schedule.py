"""Meeting dates from a series' recurrence rule (RFC 5545), around bank holidays."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core.workdays import is_working_day
from mace.meetings.models import Meeting, MeetingSeries
from mace.meetings.services.common import require_manager
from mace.meetings.services.invitations import meeting_grants_follow

# A series must give its first meeting within this long of its first date.
FIRST_MEETING_WITHIN = dt.timedelta(days=366)


def rrule_validate(rule: str, first_date: dt.date) -> None:
    """Raise ValidationError unless ``rule`` is an RRULE dateutil can expand, and it gives
    a meeting date within a year of the first date."""
    freq = re.search(r"(?:^|[;:])FREQ=([A-Z]+)", rule or "", re.IGNORECASE)
    if freq and freq.group(1).upper() in ("HOURLY", "MINUTELY", "SECONDLY"):
        raise ValidationError({"rrule": "A meeting series meets daily at most often"})
    interval = re.search(r"(?:^|[;:])INTERVAL=(-?\d+)", rule or "", re.IGNORECASE)
    if interval and int(interval.group(1)) < 1:
        # dateutil accepts these, then never advances (or runs off the calendar).
        raise ValidationError({"rrule": "The interval must be 1 or more"})
    try:
        start = dt.datetime.combine(first_date, dt.time())
        dates = _rule(rule, first_date).between(start, start + FIRST_MEETING_WITHIN, inc=True)
    except (ValueError, TypeError, IndexError, OverflowError) as exc:
        raise ValidationError(
            {"rrule": f"This is not a recurrence rule we can read ({exc})"}
        ) from None
    if not dates:
        raise ValidationError(
            {"rrule": "This rule gives no meeting date in the year from the first date"}
        )


def _rule(rule: str, first_date: dt.date):
    rule = rule.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    start = dt.datetime.combine(first_date, dt.time())
    return rrulestr(rule, dtstart=start)


def occurrences(
    series: MeetingSeries, start: dt.date, end: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """(date the rule gives, date the meeting is held) for each occurrence in [start, end].

    A date that falls on a bank holiday or weekend is skipped, or moved to the next
    working day, as the series says. Dates are wall-clock dates: a meeting at 10:00 stays
    at 10:00 across the change to and from British Summer Time.
    """
    result = []
    rule = _rule(series.rrule, series.first_date)
    window = rule.between(
        dt.datetime.combine(start, dt.time()),
        dt.datetime.combine(end, dt.time.max),
        inc=True,
    )
    for moment in window:
        day = moment.date()
        held = day
        if not is_working_day(day):
            if series.on_bank_holiday == MeetingSeries.OnBankHoliday.SKIP:
                continue
            while not is_working_day(held):
                held += dt.timedelta(days=1)
        result.append((day, held))
    return result


def series_generate(*, series: MeetingSeries, until: dt.date, actor=None) -> list[Meeting]:
    """Create the series' meetings up to ``until`` that do not exist yet (idempotent), and
    record that they were scheduled. ``actor`` None is the system (the scheduled task that
    keeps every series a year ahead); a person must be able to manage meetings.

    A meeting moved one-off keeps its rule date in ``scheduled_date``, so it is not
    created again at the old date.
    """
    if actor is not None:
        require_manager(actor)
    with transaction.atomic():
        created = meetings_schedule(series=series, until=until, actor=actor)
        if created:
            event_record(
                actor=actor,
                verb=Event.Verb.MEETINGS_SCHEDULED,
                obj=series,
                payload={
                    "meetings": len(created),
                    "first": created[0].date.isoformat(),
                    "last": created[-1].date.isoformat(),
                },
            )
    return created


def meetings_schedule(*, series: MeetingSeries, until: dt.date, actor) -> list[Meeting]:
    """The meetings ``series_generate`` creates, stamped with ``actor``, for a service that
    has checked the actor's permission and records its own audit row (``series_create``)."""
    existing = set(Meeting.objects.filter(series=series).values_list("scheduled_date", flat=True))
    created = []
    with transaction.atomic():
        for scheduled, held in occurrences(series, series.first_date, until):
            if scheduled in existing:
                continue
            meeting = Meeting(
                series=series,
                kind=series.kind,
                title=series.name,
                date=held,
                scheduled_date=scheduled,
                start_time=series.start_time,
                duration_minutes=series.duration_minutes,
                location=series.location,
                online_link=series.online_link,
                chair=series.chair,
                slot_minutes=series.slot_minutes,
                capacity=series.capacity,
                created_by=actor,
                modified_by=actor,
            )
            meeting.full_clean(validate_constraints=False)
            meeting.save()
            created.append(meeting)
    return created


def meeting_move(
    *, actor, meeting: Meeting, date: dt.date, start_time: dt.time | None = None, reason: str
) -> Meeting:
    """Move one meeting (one-off): the rest of the series keeps its dates."""
    require_manager(actor)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Say why the meeting is moving (members will see it)"
    if meeting.status != Meeting.Status.SCHEDULED:
        errors["date"] = "Only a scheduled meeting can be moved"
    if date is None:
        errors["date"] = "Enter the new date"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting.date = date
        if start_time is not None:
            meeting.start_time = start_time
        meeting.move_reason = reason
        meeting.modified_by = actor
        meeting.save(
            update_fields=["date", "start_time", "move_reason", "modified_by", "modified_at"]
        )
        meeting_grants_follow(actor=actor, meeting=meeting)
        event_record(
            actor=actor,
            verb=Event.Verb.MEETING_MOVED,
            obj=meeting,
            reason=reason,
            payload={"date": date.isoformat(), "start_time": meeting.start_time.isoformat()},
        )
    return meeting


def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    """Cancel one meeting; its listed items must be deferred first."""
    require_manager(actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the meeting is cancelled"})
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError({"reason": "Only a scheduled meeting can be cancelled"})
    if meeting.items.filter(status="listed").exists():
        raise ValidationError(
            {"reason": "Defer or remove the items on the agenda before cancelling the meeting"}
        )
    with transaction.atomic():
        meeting.status = Meeting.Status.CANCELLED
        meeting.move_reason = reason.strip()
        meeting.modified_by = actor
        meeting.save(update_fields=["status", "move_reason", "modified_by", "modified_at"])
        event_record(
            actor=actor, verb=Event.Verb.MEETING_CANCELLED, obj=meeting, reason=reason.strip()
        )
    return meeting
