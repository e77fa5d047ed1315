"""Who may chair a series of each kind, and the audit row of scheduling its meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import Kind, Meeting
from mace.meetings.services.minutes import minutes_approve, minutes_draft
from mace.meetings.services.recording import meeting_close
from mace.meetings.services.schedule import series_generate
from mace.meetings.services.series import series_create, series_update

pytestmark = pytest.mark.django_db

BIMONTHLY = "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"
FORTNIGHTLY = "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
SET_UP = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)


def _series(actor, *, kind, chair, rrule=FORTNIGHTLY, first_date=dt.date(2026, 1, 7), days=60):
    """A series set up on 1 January 2026, its meetings scheduled ``days`` ahead."""
    with clock.set_to(SET_UP):
        return series_create(
            actor=actor,
            name=dict(Kind.choices)[kind],
            kind=kind,
            rrule=rrule,
            first_date=first_date,
            chair=chair,
            generate_days=days,
        )


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        (Kind.CHILD, Role.CHAIR),
        (Kind.CONTEXT, Role.CHAIR),
        (Kind.SILVER, Role.SILVER),
        (Kind.GOLD, Role.GOLD),
    ],
)
def test_a_series_is_chaired_by_the_role_that_chairs_its_kind(make_user, kind, role):
    coordinator, chair = make_user(Role.COORDINATOR), make_user(role)
    series = _series(coordinator, kind=kind, chair=chair)
    assert series.chair == chair
    assert set(series.meetings.values_list("chair", flat=True)) == {chair.pk}


@pytest.mark.parametrize(
    ("kind", "role", "message"),
    [
        (Kind.SILVER, Role.CHAIR, "Choose a silver member to chair a Silver series"),
        (Kind.GOLD, Role.SILVER, "Choose a gold member to chair a Gold series"),
        (Kind.CHILD, Role.SILVER, "Choose a chair to chair a Child-focused MACE series"),
        (Kind.CONTEXT, Role.MEMBER, "Choose a chair to chair a Contextual MACE series"),
    ],
)
def test_a_series_refuses_a_chair_of_another_role(make_user, kind, role, message):
    coordinator = make_user(Role.COORDINATOR)
    with pytest.raises(ValidationError) as refused:
        _series(coordinator, kind=kind, chair=make_user(role))
    assert refused.value.message_dict == {"chair": [message]}


def test_changing_the_chair_checks_the_series_kind(make_user):
    coordinator = make_user(Role.COORDINATOR)
    series = _series(coordinator, kind=Kind.SILVER, chair=make_user(Role.SILVER), days=0)
    with pytest.raises(ValidationError, match="silver member"):
        series_update(actor=coordinator, series=series, chair=make_user(Role.CHAIR))
    with pytest.raises(ValidationError, match="switched on"):
        series_update(
            actor=coordinator, series=series, chair=make_user(Role.SILVER, is_active=False)
        )


def test_the_silver_chair_approves_the_minutes_of_their_own_meeting(make_user, audited):
    coordinator, silver = make_user(Role.COORDINATOR), make_user(Role.SILVER)
    other_silver = make_user(Role.SILVER)
    series = _series(
        coordinator,
        kind=Kind.SILVER,
        chair=silver,
        rrule=BIMONTHLY,
        first_date=dt.date(2026, 1, 13),
    )
    meeting = series.meetings.order_by("date").first()
    with clock.set_to(dt.datetime(2026, 1, 13, 16, tzinfo=dt.UTC)):
        meeting_close(actor=coordinator, meeting=meeting)
        minutes = minutes_draft(actor=coordinator, meeting=meeting)
    with pytest.raises(PermissionDenied):
        minutes_approve(actor=other_silver, minutes=minutes)
    minutes_approve(actor=silver, minutes=minutes)
    audited(Event.Verb.MINUTES_APPROVED, actor=silver, obj=minutes)


def test_scheduling_meetings_leaves_one_audit_row_naming_them(make_user, audited):
    coordinator = make_user(Role.COORDINATOR)
    series = _series(coordinator, kind=Kind.CHILD, chair=None, days=0)
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
    series = _series(make_user(Role.COORDINATOR), kind=Kind.CHILD, chair=None, days=0)
    series_generate(series=series, until=dt.date(2026, 1, 31))
    audited(Event.Verb.MEETINGS_SCHEDULED, actor=None, obj=series)


def test_a_series_made_by_an_administrator_stamps_its_meetings_with_them(make_user, audited):
    admin = make_user(Role.ADMIN)
    series = _series(admin, kind=Kind.CHILD, chair=None, days=30)
    assert set(series.meetings.values_list("created_by", "modified_by")) == {(admin.pk, admin.pk)}
    event = audited(Event.Verb.SERIES_CREATED, actor=admin, obj=series)
    assert event.payload["meetings_scheduled"] == series.meetings.count() == 2  # 7 and 21 Jan
    # The series' own row says what was scheduled; no second row for the same meetings.
    audited(Event.Verb.MEETINGS_SCHEDULED, count=0)
