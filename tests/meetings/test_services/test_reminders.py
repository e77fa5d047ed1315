"""The weekly reminder to owners of overdue actions, and the scheduler that runs it once per
due moment."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone

from mace.accounts.models import Role
from mace.meetings.models import AgendaItem, Kind, ScheduledRun
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import action_add, action_complete
from mace.meetings.services.reminders import (
    TASKS,
    agendas_fill,
    last_due,
    overdue_reminders_send,
    run_due,
)
from tests.factories import AgencyFactory, ChildFactory, accepted_referral, meeting_on

pytestmark = pytest.mark.django_db

WEEKLY = "overdue-action-reminders"
LONDON = timezone.get_default_timezone()


def _local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def world(make_user):
    """Owners of actions agreed at a meeting on Wednesday 18 November 2026."""
    coordinator = make_user(Role.COORDINATOR)
    police = AgencyFactory(name="West Yorkshire Police")
    late = make_user(Role.MEMBER, agency=police, full_name="Lee Late")
    prompt = make_user(Role.MEMBER, agency=police, full_name="Pat Prompt")
    finished = make_user(Role.MEMBER, agency=police, full_name="Fin Ished")
    left = make_user(Role.MEMBER, agency=police, full_name="Les Left")
    meeting = meeting_on(dt.date(2026, 11, 18), title="Child-focused MACE")
    amara = ChildFactory(given_name="Amarachi", family_name="Quillfeather")
    kayden = ChildFactory(given_name="Kaydenson", family_name="Brightwater")
    items = {
        child: item_add(actor=coordinator, meeting=meeting, child=child)
        for child in (amara, kayden)
    }

    def add(owner, child, due, description="Disruption visit to the address"):
        return action_add(
            actor=coordinator,
            meeting=meeting,
            item=items[child],
            description=description,
            owner_agency=police,
            owner=owner,
            due_date=due,
        )

    add(late, amara, dt.date(2026, 12, 4), "Return home interview for Amarachi")
    add(late, kayden, dt.date(2026, 12, 5), "Check the address Kaydenson gave")
    add(prompt, amara, dt.date(2026, 12, 20))
    done = add(finished, kayden, dt.date(2026, 12, 4))
    action_complete(actor=finished, action_id=done.pk, note="Done on time")
    add(None, amara, dt.date(2026, 12, 1), "Police analyst to map associates")  # no named owner
    add(left, kayden, dt.date(2026, 12, 1))
    left.is_active = False
    left.save(update_fields=["is_active"])
    return SimpleNamespace(**locals())


def _assert_names_no_child(message, world):
    for child in (world.amara, world.kayden):
        for name in (child.given_name, child.family_name):
            assert name not in message.subject
            assert name not in message.body


def test_each_owner_of_overdue_actions_gets_one_email_listing_them(world):
    assert overdue_reminders_send(today=dt.date(2026, 12, 7)) == 1
    [message] = mail.outbox
    assert message.to == [world.late.email]
    assert message.subject == "MACE: 2 overdue actions"
    assert "4 December 2026" in message.body
    assert "5 December 2026" in message.body
    assert "Child-focused MACE on 18 November 2026" in message.body
    _assert_names_no_child(message, world)
    # Nor does it quote the actions' descriptions, which may name the child.
    assert "Return home interview" not in message.body


def test_nobody_is_emailed_when_nothing_is_overdue(world):
    assert overdue_reminders_send(today=dt.date(2026, 12, 1)) == 0
    assert mail.outbox == []


def test_an_owner_with_one_overdue_action(world):
    assert overdue_reminders_send(today=dt.date(2026, 12, 5)) == 1
    [message] = mail.outbox
    assert message.subject == "MACE: 1 overdue action"
    assert message.to == [world.late.email]


def test_the_weekly_task_runs_once_per_monday_8am(world):
    # Thursday 3 December: last due Monday 30 November 08:00, never run: it runs (nothing
    # is overdue yet).
    results = dict(run_due(now=_local(2026, 12, 3, 9, 0)))
    assert results[WEEKLY] == "0"
    assert mail.outbox == []
    # Monday 7 December, a minute before 08:00: still the same due moment.
    assert WEEKLY not in dict(run_due(now=_local(2026, 12, 7, 7, 59)))
    # 08:00: this week's run, with the actions overdue on the 7th.
    assert dict(run_due(now=_local(2026, 12, 7, 8, 0)))[WEEKLY] == "1"
    assert [m.to for m in mail.outbox] == [[world.late.email]]
    _assert_names_no_child(mail.outbox[0], world)
    # Twice more that week: nothing more.
    assert WEEKLY not in dict(run_due(now=_local(2026, 12, 7, 8, 5)))
    assert WEEKLY not in dict(run_due(now=_local(2026, 12, 11, 17, 0)))
    assert len(mail.outbox) == 1
    # The next Monday: again.
    assert dict(run_due(now=_local(2026, 12, 14, 8, 30)))[WEEKLY] == "1"
    assert len(mail.outbox) == 2
    due = (
        ScheduledRun.objects.filter(task=WEEKLY).order_by("due_at").values_list("due_at", flat=True)
    )
    assert [timezone.localtime(d) for d in due] == [
        _local(2026, 11, 30, 8, 0),
        _local(2026, 12, 7, 8, 0),
        _local(2026, 12, 14, 8, 0),
    ]


def test_only_runs_the_task_asked_for(world):
    assert [name for name, _ in run_due(now=_local(2026, 12, 7, 8, 0), only=WEEKLY)] == [WEEKLY]
    assert set(ScheduledRun.objects.values_list("task", flat=True)) == {WEEKLY}
    assert run_due(now=_local(2026, 12, 7, 9, 0), only=WEEKLY) == []


def test_every_task_runs_once_per_due_moment(db):
    now = _local(2026, 12, 7, 9, 0)
    assert sorted(name for name, _ in run_due(now=now)) == sorted(t.name for t in TASKS)
    assert run_due(now=now) == []
    assert run_due(now=now + dt.timedelta(hours=1)) == []


def test_due_moments_are_8am_london_time_in_summer_too():
    task = next(t for t in TASKS if t.name == WEEKLY)
    # Monday 1 June 2026 is in British Summer Time: 08:00 there is 07:00 UTC.
    assert last_due(task, dt.datetime(2026, 6, 1, 7, 30, tzinfo=dt.UTC)) == _local(2026, 6, 1, 8, 0)
    assert last_due(task, dt.datetime(2026, 6, 1, 7, 0, tzinfo=dt.UTC)) == _local(2026, 6, 1, 8, 0)
    assert last_due(task, dt.datetime(2026, 6, 1, 6, 59, tzinfo=dt.UTC)) == _local(
        2026, 5, 25, 8, 0
    )
    assert last_due(task, dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)) == _local(
        2026, 12, 7, 8, 0
    )


def test_the_daily_fill_places_waiting_referrals_on_both_kinds_of_meeting(make_user):
    coordinator = make_user(Role.COORDINATOR)
    child = ChildFactory()
    for_child = accepted_referral(coordinator=coordinator, child=child)
    for_place = accepted_referral(
        coordinator=coordinator, subject="context", context_description="Bus station"
    )
    today = timezone.localdate()
    child_focused = meeting_on(today + dt.timedelta(days=6))
    contextual = meeting_on(today + dt.timedelta(days=9), kind=Kind.CONTEXT)
    assert agendas_fill(today=today) == 2
    assert AgendaItem.objects.get(referral=for_child).meeting == child_focused
    assert AgendaItem.objects.get(referral=for_place).meeting == contextual
    assert agendas_fill(today=today) == 0


@pytest.mark.django_db
def test_a_failing_task_does_not_stop_the_others_and_is_tried_again(monkeypatch):
    from mace.meetings.services import reminders

    def broken(today):
        raise RuntimeError("disk full")

    fill = next(t for t in reminders.TASKS if t.name == "agendas-fill")
    others = tuple(t for t in reminders.TASKS if t is not fill)
    monkeypatch.setattr(reminders, "TASKS", (reminders.Task(fill.name, fill.rule, broken), *others))
    monday = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))
    results = dict(reminders.run_due(now=monday))
    assert results[fill.name] == "failed: disk full"
    assert set(results) == {task.name for task in reminders.TASKS}
    assert not ScheduledRun.objects.filter(task=fill.name).exists()  # tried again next time


@pytest.mark.django_db
def test_reminders_failing_half_way_are_not_sent_again_at_the_next_call(monkeypatch):
    from mace.meetings.services import reminders

    calls = []

    def flaky(today):
        calls.append(today)
        raise ConnectionRefusedError("SMTP refused after two messages")

    task = next(t for t in reminders.TASKS if t.name == "overdue-action-reminders")
    monkeypatch.setattr(
        reminders, "TASKS", (reminders.Task(task.name, task.rule, flaky, retry=False),)
    )
    monday = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))
    reminders.run_due(now=monday)
    reminders.run_due(now=monday + dt.timedelta(minutes=10))
    assert len(calls) == 1
    run = ScheduledRun.objects.get(task=task.name)
    assert run.result.startswith("failed: SMTP refused")
