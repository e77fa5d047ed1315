"""Meeting series and meetings for tests."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.utils import timezone

from mace.core import clock
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


def accepted_referral(*, coordinator, child=None, meeting_date=None, **fields):
    """A referral submitted, linked to ``child`` (if given) and accepted through triage, so
    that the agenda rules run as they do for a real acceptance."""
    from mace.referrals.services.triage import referral_decide, referral_link_child
    from tests.factories.referrals import submitted_referral

    referral = submitted_referral(**fields)
    if child is not None:
        referral_link_child(actor=coordinator, referral_id=referral.id, child_id=child.id)
    # As after a real commit: the meetings app places the accepted referral on an agenda.
    with TestCase.captureOnCommitCallbacks(execute=True):
        referral_decide(
            actor=coordinator,
            referral_id=referral.id,
            decision="accept",
            reason="Meets the MACE criteria: missing and found out of area",
            meeting_date=meeting_date,
        )
    referral.refresh_from_db()
    return referral


def discussed(actor, item, **fields):
    """Record what closing a meeting needs for one child (continue, with a review date)."""
    from mace.meetings.models import Outcome
    from mace.meetings.services.recording import discussion_save

    fields.setdefault("risk_analysis", "Going missing overnight, returning with new clothes")
    fields.setdefault("risk_level", "medium")
    fields.setdefault("outcome", Outcome.CONTINUE)
    if fields["outcome"] == Outcome.CONTINUE:
        fields.setdefault("next_review_date", item.meeting.date + dt.timedelta(days=28))
    return discussion_save(actor=actor, item=item, **fields)


def held_meeting(day: dt.date, *, actor, children=(), **fields) -> Meeting:
    """A meeting on ``day`` that discussed ``children`` (child, discussion fields) and was
    closed. The dates may be in the past: the services do not mind."""
    from mace.meetings.services.agenda import item_add
    from mace.meetings.services.recording import meeting_close

    fields.setdefault("capacity", max(3, len(children)))
    meeting = meeting_on(day, **fields)
    for child, discussion in children:
        item = item_add(actor=actor, meeting=meeting, child=child)
        discussed(actor, item, **discussion)
    return meeting_close(actor=actor, meeting=meeting)


# The rule of the city's child-focused series: every other Wednesday.
FORTNIGHTLY = "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"


def next_wednesday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=(2 - today.weekday()) % 7 or 7)


def series_created(actor, **fields) -> MeetingSeries:
    """A fortnightly series set up through the service by ``actor``, from next Wednesday,
    with 60 days of meetings scheduled."""
    from mace.meetings.services.series import series_create

    values = {
        "name": "Child-focused MACE",
        "kind": Kind.CHILD,
        "rrule": FORTNIGHTLY,
        "first_date": next_wednesday(),
        "start_time": dt.time(10, 0),
        "location": "Merrion House",
        "generate_days": 60,
    }
    values.update(fields)
    return series_create(actor=actor, **values)


# The day series_set_up sets a series up: the first of January 2026.
_SET_UP = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)


def series_set_up(
    actor, *, kind, chair, rrule=FORTNIGHTLY, first_date=dt.date(2026, 1, 7), days=60
):
    """A series set up on 1 January 2026, its meetings scheduled ``days`` ahead."""
    from mace.meetings.services.series import series_create

    with clock.set_to(_SET_UP):
        return series_create(
            actor=actor,
            name=dict(Kind.choices)[kind],
            kind=kind,
            rrule=rrule,
            first_date=first_date,
            chair=chair,
            generate_days=days,
        )
