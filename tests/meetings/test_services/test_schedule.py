"""Meeting dates from a series' rule: bank holidays, clock changes, one-off moves; scheduling
leaves one audit row naming the meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Kind, Meeting, MeetingSeries
from mace.meetings.services.schedule import (
    meeting_cancel,
    meeting_move,
    occurrences,
    rrule_validate,
    series_generate,
)
from tests.factories import fortnightly_series, meeting_on, series_set_up

pytestmark = pytest.mark.django_db

UTC = dt.UTC
SKIP = MeetingSeries.OnBankHoliday.SKIP
NEXT_WORKING_DAY = MeetingSeries.OnBankHoliday.NEXT_WORKING_DAY


def _dates(pairs):
    return [held for _, held in pairs]


# Christmas 2024: Wednesday 25th is Christmas Day, Thursday 26th Boxing Day.
def test_a_fortnightly_wednesday_series_skips_christmas_day():
    series = fortnightly_series(first_date=dt.date(2024, 12, 11), on_bank_holiday=SKIP)
    assert occurrences(series, dt.date(2024, 12, 1), dt.date(2025, 1, 31)) == [
        (dt.date(2024, 12, 11), dt.date(2024, 12, 11)),
        (dt.date(2025, 1, 8), dt.date(2025, 1, 8)),
        (dt.date(2025, 1, 22), dt.date(2025, 1, 22)),
    ]


def test_moved_to_the_next_working_day_christmas_day_goes_past_boxing_day_to_friday():
    series = fortnightly_series(first_date=dt.date(2024, 12, 11), on_bank_holiday=NEXT_WORKING_DAY)
    assert occurrences(series, dt.date(2024, 12, 1), dt.date(2025, 1, 31)) == [
        (dt.date(2024, 12, 11), dt.date(2024, 12, 11)),
        (dt.date(2024, 12, 25), dt.date(2024, 12, 27)),
        (dt.date(2025, 1, 8), dt.date(2025, 1, 8)),
        (dt.date(2025, 1, 22), dt.date(2025, 1, 22)),
    ]
    meetings = series_generate(series=series, until=dt.date(2025, 1, 31))
    christmas = next(m for m in meetings if m.scheduled_date == dt.date(2024, 12, 25))
    assert christmas.date == dt.date(2024, 12, 27)
    assert christmas.date.weekday() == 4  # Friday
    # Regenerating does not put a meeting back on Christmas Day.
    assert series_generate(series=series, until=dt.date(2025, 1, 31)) == []
    assert not Meeting.objects.filter(date=dt.date(2024, 12, 25)).exists()


# 2026: Easter Monday 6 April, early May bank holiday 4 May, spring bank holiday 25 May.
def test_a_monday_series_skips_easter_monday_and_the_may_bank_holidays():
    series = fortnightly_series(
        name="Monday panel",
        rrule="FREQ=WEEKLY;BYDAY=MO",
        first_date=dt.date(2026, 3, 30),
        on_bank_holiday=SKIP,
    )
    held = _dates(occurrences(series, dt.date(2026, 3, 30), dt.date(2026, 6, 1)))
    mondays = [dt.date(2026, 3, 30) + dt.timedelta(weeks=n) for n in range(10)]
    holidays = {dt.date(2026, 4, 6), dt.date(2026, 5, 4), dt.date(2026, 5, 25)}
    assert held == [day for day in mondays if day not in holidays]
    assert len(held) == 7


def test_a_monday_series_moves_bank_holidays_to_the_tuesday():
    series = fortnightly_series(
        name="Monday panel",
        rrule="FREQ=WEEKLY;BYDAY=MO",
        first_date=dt.date(2026, 3, 30),
        on_bank_holiday=NEXT_WORKING_DAY,
    )
    pairs = occurrences(series, dt.date(2026, 3, 30), dt.date(2026, 6, 1))
    moved = {rule: held for rule, held in pairs if rule != held}
    assert moved == {
        dt.date(2026, 4, 6): dt.date(2026, 4, 7),
        dt.date(2026, 5, 4): dt.date(2026, 5, 5),
        dt.date(2026, 5, 25): dt.date(2026, 5, 26),
    }
    assert len(pairs) == 10


def test_a_date_on_a_weekend_is_moved_to_monday():
    # 1 August 2026 is a Saturday.
    series = fortnightly_series(
        name="Monthly review",
        rrule="FREQ=MONTHLY;BYMONTHDAY=1",
        first_date=dt.date(2026, 7, 1),
        on_bank_holiday=NEXT_WORKING_DAY,
    )
    assert occurrences(series, dt.date(2026, 7, 1), dt.date(2026, 8, 31)) == [
        (dt.date(2026, 7, 1), dt.date(2026, 7, 1)),
        (dt.date(2026, 8, 1), dt.date(2026, 8, 3)),
    ]


def test_a_10am_meeting_stays_at_10am_across_the_clock_changes():
    # BST starts Sunday 29 March 2026 and ends Sunday 25 October 2026.
    series = fortnightly_series(first_date=dt.date(2026, 3, 18))
    meetings = {m.date: m for m in series_generate(series=series, until=dt.date(2026, 11, 30))}
    expected_utc_hour = {
        dt.date(2026, 3, 18): 10,  # GMT
        dt.date(2026, 4, 1): 9,  # BST
        dt.date(2026, 10, 14): 9,  # BST
        dt.date(2026, 10, 28): 10,  # GMT again
        dt.date(2026, 11, 25): 10,
    }
    for day, hour in expected_utc_hour.items():
        meeting = meetings[day]
        assert meeting.starts_at.astimezone(UTC) == dt.datetime(
            day.year, day.month, day.day, hour, 0, tzinfo=UTC
        ), day
        assert timezone.localtime(meeting.starts_at).time() == dt.time(10, 0)
        assert timezone.localtime(meeting.ends_at).time() == dt.time(13, 0)
    # Every occurrence is a wall-clock 10:00, whatever the offset.
    assert {timezone.localtime(m.starts_at).hour for m in meetings.values()} == {10}


def test_series_generate_is_idempotent_and_extends():
    series = fortnightly_series(first_date=dt.date(2026, 1, 7))
    first = series_generate(series=series, until=dt.date(2026, 3, 31))
    assert [m.date for m in first] == [
        dt.date(2026, 1, 7),
        dt.date(2026, 1, 21),
        dt.date(2026, 2, 4),
        dt.date(2026, 2, 18),
        dt.date(2026, 3, 4),
        dt.date(2026, 3, 18),
    ]
    assert series_generate(series=series, until=dt.date(2026, 3, 31)) == []
    assert Meeting.objects.filter(series=series).count() == 6
    more = series_generate(series=series, until=dt.date(2026, 4, 30))
    assert [m.date for m in more] == [
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 15),
        dt.date(2026, 4, 29),
    ]
    assert Meeting.objects.filter(series=series).count() == 9
    meeting = first[0]
    assert (meeting.kind, meeting.title, meeting.capacity, meeting.slot_minutes) == (
        Kind.CHILD,
        series.name,
        series.capacity,
        series.slot_minutes,
    )
    assert meeting.location == series.location


def test_a_one_off_move_keeps_the_rule_date_so_regenerating_does_not_recreate_it(
    make_user, audited
):
    coordinator = make_user(Role.COORDINATOR)
    series = fortnightly_series(first_date=dt.date(2026, 1, 7))
    series_generate(series=series, until=dt.date(2026, 3, 31))
    meeting = Meeting.objects.get(series=series, date=dt.date(2026, 2, 4))
    meeting_move(
        actor=coordinator,
        meeting=meeting,
        date=dt.date(2026, 2, 5),
        start_time=dt.time(13, 30),
        reason="The room is needed for a strategy meeting",
    )
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2026, 2, 5)
    assert meeting.start_time == dt.time(13, 30)
    assert meeting.scheduled_date == dt.date(2026, 2, 4)
    assert meeting.move_reason == "The room is needed for a strategy meeting"
    moved = audited(Event.Verb.MEETING_MOVED, actor=coordinator, child=None, obj=meeting)
    assert moved.reason == "The room is needed for a strategy meeting"
    assert moved.payload == {"date": "2026-02-05", "start_time": "13:30:00"}
    assert series_generate(series=series, until=dt.date(2026, 3, 31)) == []
    assert not Meeting.objects.filter(series=series, date=dt.date(2026, 2, 4)).exists()
    # The rest of the series keeps its dates.
    assert Meeting.objects.filter(series=series, date=dt.date(2026, 2, 18)).exists()


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_move_needs_a_reason(make_user, reason):
    coordinator = make_user(Role.COORDINATOR)
    meeting = meeting_on(dt.date(2026, 12, 9))
    with pytest.raises(ValidationError) as error:
        meeting_move(actor=coordinator, meeting=meeting, date=dt.date(2026, 12, 10), reason=reason)
    assert "reason" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2026, 12, 9)


def test_only_a_scheduled_meeting_moves_and_only_a_manager_moves_it(make_user):
    meeting = meeting_on(dt.date(2026, 12, 9), status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as error:
        meeting_move(
            actor=make_user(Role.CHAIR),
            meeting=meeting,
            date=dt.date(2026, 12, 10),
            reason="Chair unavailable",
        )
    assert "date" in error.value.message_dict
    scheduled = meeting_on(dt.date(2026, 12, 9))
    for role in (Role.MEMBER, Role.ANALYST, Role.REFERRER):
        with pytest.raises(PermissionDenied):
            meeting_move(
                actor=make_user(role),
                meeting=scheduled,
                date=dt.date(2026, 12, 10),
                reason="Chair unavailable",
            )


def test_generating_with_an_actor_needs_a_manager(make_user):
    series = fortnightly_series()
    with pytest.raises(PermissionDenied):
        series_generate(series=series, until=dt.date(2026, 2, 28), actor=make_user(Role.MEMBER))
    assert series_generate(
        series=series, until=dt.date(2026, 2, 28), actor=make_user(Role.COORDINATOR)
    )


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=FORTNIGHTLY;BYDAY=WE",  # no such frequency
        "FREQ=WEEKLY;BYDAY=XX",
        "INTERVAL=2;BYDAY=WE",  # no FREQ
        "every other Wednesday",
        "FREQ=WEEKLY;INTERVAL=two",
        "FREQ=WEEKLY;NOTAPART=1",
        "",
        "FREQ=WEEKLY;INTERVAL=0;BYDAY=WE",  # never advances
        "FREQ=WEEKLY;INTERVAL=-2;BYDAY=WE",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",  # no such date
        "FREQ=WEEKLY;BYDAY=WE;COUNT=0",  # no meetings at all
    ],
)
def test_an_invalid_rule_is_a_validation_error(rule):
    with pytest.raises(ValidationError) as error:
        rrule_validate(rule, dt.date(2026, 1, 7))
    assert "rrule" in error.value.message_dict


FORTNIGHTLY_WEDNESDAYS = [dt.date(2026, 1, 7), dt.date(2026, 1, 21), dt.date(2026, 2, 4)]


@pytest.mark.parametrize(
    ("rule", "first_meetings"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", FORTNIGHTLY_WEDNESDAYS),
        ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", FORTNIGHTLY_WEDNESDAYS),
        (
            "FREQ=WEEKLY;INTERVAL=4;BYDAY=TH",
            [dt.date(2026, 1, 8), dt.date(2026, 2, 5), dt.date(2026, 3, 5)],
        ),
        # The first Tuesday of every other month: January's (the 6th) is before the first date.
        (
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU;BYSETPOS=1",
            [dt.date(2026, 3, 3), dt.date(2026, 5, 5), dt.date(2026, 7, 7)],
        ),
    ],
)
def test_a_valid_rule_is_accepted_and_gives_the_meetings_it_says(rule, first_meetings):
    first_date = dt.date(2026, 1, 7)
    assert rrule_validate(rule, first_date) is None  # accepted: no ValidationError
    series = fortnightly_series(rrule=rule, first_date=first_date)
    held = _dates(occurrences(series, first_date, first_date + dt.timedelta(days=365)))
    assert held[:3] == first_meetings
    assert len(held) > 3  # and it goes on


def test_a_rule_with_a_count_is_accepted_and_stops_after_it():
    rule, first_date = "FREQ=WEEKLY;BYDAY=WE;COUNT=3", dt.date(2026, 1, 7)
    assert rrule_validate(rule, first_date) is None
    series = fortnightly_series(rrule=rule, first_date=first_date)
    assert _dates(occurrences(series, first_date, first_date + dt.timedelta(days=365))) == [
        dt.date(2026, 1, 7),
        dt.date(2026, 1, 14),
        dt.date(2026, 1, 21),
    ]


def test_contextual_mace_every_four_weeks():
    series = fortnightly_series(
        name="Contextual MACE",
        kind=Kind.CONTEXT,
        rrule="FREQ=WEEKLY;INTERVAL=4;BYDAY=TH",
        first_date=dt.date(2026, 1, 8),
    )
    held = _dates(occurrences(series, dt.date(2026, 1, 1), dt.date(2026, 6, 30)))
    assert held == [
        dt.date(2026, 1, 8),
        dt.date(2026, 2, 5),
        dt.date(2026, 3, 5),
        dt.date(2026, 4, 2),
        dt.date(2026, 4, 30),
        dt.date(2026, 5, 28),
        dt.date(2026, 6, 25),
    ]
    assert {(b - a).days for a, b in zip(held, held[1:], strict=False)} == {28}
    meetings = series_generate(series=series, until=dt.date(2026, 6, 30))
    assert {m.kind for m in meetings} == {Kind.CONTEXT}


def test_silver_every_two_months_on_the_first_tuesday():
    series = fortnightly_series(
        name="Silver",
        kind=Kind.SILVER,
        rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=TU;BYSETPOS=1",
        first_date=dt.date(2026, 1, 1),
        start_time=dt.time(14, 0),
    )
    held = _dates(occurrences(series, dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert held == [
        dt.date(2026, 1, 6),
        dt.date(2026, 3, 3),
        dt.date(2026, 5, 5),
        dt.date(2026, 7, 7),
        dt.date(2026, 9, 1),
        dt.date(2026, 11, 3),
    ]
    july = next(
        m for m in series_generate(series=series, until=dt.date(2026, 12, 31)) if m.date.month == 7
    )
    assert july.starts_at.astimezone(UTC).hour == 13  # 14:00 BST


def test_occurrences_only_in_the_window_asked_for():
    series = fortnightly_series(first_date=dt.date(2026, 1, 7))
    assert _dates(occurrences(series, dt.date(2026, 2, 1), dt.date(2026, 2, 28))) == [
        dt.date(2026, 2, 4),
        dt.date(2026, 2, 18),
    ]
    # Both ends are included.
    assert _dates(occurrences(series, dt.date(2026, 2, 4), dt.date(2026, 2, 18))) == [
        dt.date(2026, 2, 4),
        dt.date(2026, 2, 18),
    ]


def test_a_meeting_is_cancelled_with_a_reason_once_its_agenda_is_empty(make_user, audited):
    from mace.meetings.services.agenda import item_add
    from tests.factories import ChildFactory

    coordinator = make_user(Role.COORDINATOR)
    meeting = meeting_on(timezone.localdate() + dt.timedelta(days=14))
    with pytest.raises(ValidationError):
        meeting_cancel(actor=coordinator, meeting=meeting, reason=" ")
    item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    with pytest.raises(ValidationError):
        meeting_cancel(actor=coordinator, meeting=meeting, reason="Chair unwell")
    meeting.items.update(status="removed")
    with pytest.raises(PermissionDenied):
        meeting_cancel(actor=make_user(Role.MEMBER), meeting=meeting, reason="Chair unwell")
    meeting_cancel(actor=coordinator, meeting=meeting, reason="Chair unwell")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.move_reason == "Chair unwell"
    cancelled = audited(Event.Verb.MEETING_CANCELLED, actor=coordinator, obj=meeting)
    assert cancelled.reason == "Chair unwell"


def test_a_held_meeting_cannot_be_cancelled(make_user):
    meeting = meeting_on(dt.date(2026, 11, 4), kind=Kind.SILVER, status=Meeting.Status.HELD)
    with pytest.raises(ValidationError):
        meeting_cancel(actor=make_user(Role.COORDINATOR), meeting=meeting, reason="Typo")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_scheduling_meetings_leaves_one_audit_row_naming_them(make_user, audited):
    coordinator = make_user(Role.COORDINATOR)
    series = series_set_up(coordinator, kind=Kind.CHILD, chair=None, days=0)
    assert not Meeting.objects.filter(series=series).exists()
    created = series_generate(series=series, until=dt.date(2026, 2, 28), actor=coordinator)
    assert [m.date for m in created] == [
        dt.date(2026, 1, 7),
        dt.date(2026, 1, 21),
        dt.date(2026, 2, 4),
        dt.date(2026, 2, 18),
    ]
    assert {(m.created_by_id, m.modified_by_id) for m in created} == {
        (coordinator.pk, coordinator.pk)
    }
    event = audited(Event.Verb.MEETINGS_SCHEDULED, actor=coordinator, obj=series)
    assert event.payload == {"meetings": 4, "first": "2026-01-07", "last": "2026-02-18"}
    # Nothing new to schedule: no meetings, and no second row.
    assert series_generate(series=series, until=dt.date(2026, 2, 28), actor=coordinator) == []
    audited(Event.Verb.MEETINGS_SCHEDULED, count=1)


def test_the_scheduled_task_schedules_as_the_system(make_user, audited):
    series = series_set_up(make_user(Role.COORDINATOR), kind=Kind.CHILD, chair=None, days=0)
    series_generate(series=series, until=dt.date(2026, 1, 31))
    audited(Event.Verb.MEETINGS_SCHEDULED, actor=None, obj=series)
