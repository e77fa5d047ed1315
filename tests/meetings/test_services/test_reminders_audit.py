"""The audit rows of the scheduled tasks, which run as the system (no actor): keeping every
series a year ahead, filling the coming agendas (and opening the children to those already
invited), and the weekly reminder of overdue actions. Each task is called directly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import (
    AgendaItem,
    Invitation,
    InvitationGrant,
    Kind,
    Meeting,
    MeetingSeries,
    Outcome,
)
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import (
    action_add,
    discussion_save,
    meeting_close,
)
from mace.meetings.services.reminders import agendas_fill, overdue_reminders_send, series_extend
from mace.people.models import ChildAccess
from mace.referrals.models import Referral
from mace.referrals.services.triage import referral_decide, referral_link_child
from tests.factories import AgencyFactory, ChildFactory

pytestmark = pytest.mark.django_db

ACCEPT_REASON = "Meets the MACE criteria: missing three times and found out of area"


def _series(name: str, *, is_active: bool = True, kind: str = Kind.CHILD) -> MeetingSeries:
    return MeetingSeries.objects.create(
        name=name,
        kind=kind,
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        first_date=dt.date(2026, 1, 7),
        start_time=dt.time(10, 0),
        capacity=3,
        slot_minutes=20,
        location="Merrion House, Room 4",
        is_active=is_active,
    )


def _meeting(day: dt.date, *, kind: str = Kind.CHILD, **fields) -> Meeting:
    defaults = {
        "kind": kind,
        "title": dict(Kind.choices)[kind],
        "date": day,
        "start_time": dt.time(10, 0),
        "capacity": 3,
        "slot_minutes": 20,
    }
    defaults.update(fields)
    return Meeting.objects.create(**defaults)


def _accepted(coordinator, *, child=None, **fields) -> Referral:
    """A received referral linked to ``child`` and accepted at triage; the placement that
    follows a real commit does not run, so it waits for the daily fill."""
    defaults = {
        "status": Referral.Status.NEW,
        "submitted_at": clock.now(),
        "referrer_name": "Grace Mensah",
        "referrer_email": "grace.mensah@leeds.gov.example",
        "referrer_agency": "Harehills Academy",
        "child_given_name": child.given_name if child else "",
        "child_family_name": child.family_name if child else "",
        "concerns": ["cce", "missing"],
        "why_mace": "Three missing episodes in a month, each time found in Bradford",
    }
    defaults.update(fields)
    referral = Referral.objects.create(**defaults)
    if child is not None:
        referral_link_child(actor=coordinator, referral_id=referral.id, child_id=child.id)
    referral_decide(
        actor=coordinator, referral_id=referral.id, decision="accept", reason=ACCEPT_REASON
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    return referral


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR, email="helen.okafor@leeds.gov.example")


# series_extend -------------------------------------------------------------------------


def test_extending_the_series_records_one_row_per_series_as_the_system(audited):
    child_focused = _series("Child-focused MACE")
    contextual = _series("Contextual MACE", kind=Kind.CONTEXT)
    _series("Old Thursday MACE", is_active=False)
    created = series_extend(today=dt.date(2026, 1, 1))
    assert created == Meeting.objects.count() > 0
    assert not Meeting.objects.filter(series__is_active=False).exists()
    rows = list(Event.objects.filter(verb=Event.Verb.MEETINGS_SCHEDULED).order_by("id"))
    assert [(r.actor_id, r.object_id) for r in rows] == [
        (None, str(child_focused.pk)),
        (None, str(contextual.pk)),
    ]
    event = audited(Event.Verb.MEETINGS_SCHEDULED, actor=None, child=None, obj=contextual, count=2)
    dates = list(contextual.meetings.order_by("date").values_list("date", flat=True))
    assert event.payload == {
        "meetings": len(dates),
        "first": dates[0].isoformat(),
        "last": dates[-1].isoformat(),
    }
    assert set(contextual.meetings.values_list("created_by", flat=True)) == {None}


def test_extending_series_already_a_year_ahead_schedules_nothing_and_records_nothing(audited):
    series = _series("Child-focused MACE")
    series_extend(today=dt.date(2026, 1, 1))
    assert series_extend(today=dt.date(2026, 1, 1)) == 0
    audited(Event.Verb.MEETINGS_SCHEDULED, actor=None, obj=series, count=1)


def test_a_fortnight_later_only_the_new_meeting_is_scheduled_and_recorded(audited):
    series = _series("Child-focused MACE")
    series_extend(today=dt.date(2026, 1, 1))
    last = series.meetings.order_by("-date").first().date
    # Two weeks on, the year ahead reaches one more fortnightly Wednesday.
    assert series_extend(today=dt.date(2026, 1, 15)) == 1
    newest = series.meetings.order_by("-date").first()
    assert newest.date == last + dt.timedelta(days=14)
    event = audited(Event.Verb.MEETINGS_SCHEDULED, actor=None, obj=series, count=2)
    assert event.payload == {
        "meetings": 1,
        "first": newest.date.isoformat(),
        "last": newest.date.isoformat(),
    }


# agendas_fill --------------------------------------------------------------------------


def test_the_daily_fill_records_each_referral_it_places_as_the_system(coordinator, audited):
    child = ChildFactory(given_name="Maisie", family_name="Holroyd")
    referral = _accepted(coordinator, child=child)
    audited(Event.Verb.AGENDA_ITEM_ADDED, count=0)  # accepting placed nothing yet
    today = clock.today()
    meeting = _meeting(today + dt.timedelta(days=6))
    assert agendas_fill(today=today) == 1
    item = AgendaItem.objects.get(referral=referral)
    assert (item.meeting, item.child, item.source) == (
        meeting,
        child,
        AgendaItem.Source.REFERRAL,
    )
    audited(Event.Verb.AGENDA_ITEM_ADDED, actor=None, child=child, obj=item)
    # Run again: nothing more to place, no second row.
    assert agendas_fill(today=today) == 0
    audited(Event.Verb.AGENDA_ITEM_ADDED, count=1)


def test_the_daily_fill_records_a_context_referral_placed_with_no_child(coordinator, audited):
    referral = _accepted(
        coordinator,
        subject=Referral.Subject.CONTEXT,
        context_description="Young people gathering at Leeds bus station after school",
    )
    today = clock.today()
    contextual = _meeting(today + dt.timedelta(days=9), kind=Kind.CONTEXT)
    assert agendas_fill(today=today) == 1
    item = AgendaItem.objects.get(referral=referral)
    assert item.meeting == contextual
    audited(Event.Verb.AGENDA_ITEM_ADDED, actor=None, child=None, obj=item)


def test_the_daily_fill_records_a_due_review_it_brings_back(coordinator, audited):
    child = ChildFactory(given_name="Tyler", family_name="Ackroyd")
    today = clock.today()
    earlier = _meeting(today - dt.timedelta(days=21))
    first_item = item_add(actor=coordinator, meeting=earlier, child=child)
    discussion_save(
        actor=coordinator,
        item=first_item,
        risk_analysis="Going missing overnight, returning with new clothes",
        risk_level="medium",
        outcome=Outcome.CONTINUE,
        next_review_date=today + dt.timedelta(days=7),
    )
    meeting_close(actor=coordinator, meeting=earlier)
    coming = _meeting(today + dt.timedelta(days=7))
    assert agendas_fill(today=today) == 1
    review = coming.items.get()
    assert (review.child, review.source) == (child, AgendaItem.Source.REVIEW)
    # The coordinator's own item first, then the system's.
    audited(Event.Verb.AGENDA_ITEM_ADDED, actor=None, child=child, obj=review, count=2)


def test_a_child_placed_after_invitations_went_out_is_opened_to_the_invited_as_the_system(
    coordinator, make_user, audited
):
    member = make_user(
        Role.MEMBER,
        email="kieran.walsh@westyorkshire.police.example",
        agency=AgencyFactory(name="West Yorkshire Police"),
    )
    child = ChildFactory(given_name="Maisie", family_name="Holroyd")
    referral = _accepted(coordinator, child=child)
    today = clock.today()
    now = clock.now()
    meeting = _meeting(today + dt.timedelta(days=6), invitations_sent_at=now)
    Invitation.objects.create(
        meeting=meeting, user=member, capacity=Invitation.Capacity.CORE, sent_at=now
    )
    assert agendas_fill(today=today) == 1
    item = AgendaItem.objects.get(referral=referral)
    audited(Event.Verb.AGENDA_ITEM_ADDED, actor=None, child=child, obj=item)
    grant = InvitationGrant.objects.get(item=item).grant
    assert (grant.user, grant.child, grant.basis) == (
        member,
        child,
        ChildAccess.Basis.INVITATION,
    )
    event = audited(Event.Verb.ACCESS_GRANTED, actor=None, child=child, obj=grant)
    assert event.payload["user"] == member.email


def test_a_full_meeting_takes_no_referral_and_the_fill_records_nothing(coordinator, audited):
    today = clock.today()
    meeting = _meeting(today + dt.timedelta(days=6), capacity=1)
    item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    waiting = _accepted(coordinator, child=ChildFactory())
    assert agendas_fill(today=today) == 0
    assert not AgendaItem.objects.filter(referral=waiting).exists()
    audited(Event.Verb.AGENDA_ITEM_ADDED, actor=coordinator, count=1)  # only the coordinator's


# overdue_reminders_send ----------------------------------------------------------------


def test_the_overdue_reminder_emails_the_owner_and_writes_no_audit_row(coordinator, make_user):
    police = AgencyFactory(name="West Yorkshire Police")
    owner = make_user(Role.MEMBER, email="kieran.walsh@westyorkshire.police.example", agency=police)
    meeting = _meeting(dt.date(2026, 11, 18), title="Child-focused MACE")
    action_add(
        actor=coordinator,
        meeting=meeting,
        description="Disruption visit to the address on Harehills Lane",
        owner_agency=police,
        owner=owner,
        due_date=dt.date(2026, 12, 4),
    )
    before = list(Event.objects.order_by("id").values_list("id", flat=True))
    assert overdue_reminders_send(today=dt.date(2026, 12, 7)) == 1
    [message] = mail.outbox
    assert message.to == [owner.email]
    assert message.subject == "MACE: 1 overdue action"
    # An email, no change to any record: the task leaves the audit log as it was.
    assert list(Event.objects.order_by("id").values_list("id", flat=True)) == before
