"""Drafting, editing and approving a meeting's minutes, and correcting them by addendum
(mace.meetings.services.minutes); a Silver or Gold meeting's minutes are approved by its
own chair."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import Addendum, Discussion, Kind, Meeting, Minutes, Outcome
from mace.meetings.services.agenda import item_add
from mace.meetings.services.minutes import (
    MinutesLocked,
    addendum_add,
    minutes_approve,
    minutes_draft,
    minutes_edit,
)
from mace.meetings.services.recording import (
    action_add,
    attendance_record,
    contribution_save,
    discussion_save,
    finding_add,
    meeting_close,
)
from tests.factories import AgencyFactory, discussed, meeting_on, series_set_up

pytestmark = pytest.mark.django_db


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _close(minutes_world):
    discussed(
        minutes_world.coordinator,
        minutes_world.first,
        risk_analysis="Seen in a car with older males",
    )
    discussed(
        minutes_world.coordinator,
        minutes_world.second,
        risk_analysis="Found in Bradford after three days missing",
        outcome=Outcome.STEP_DOWN,
        next_review_date=None,
    )
    return meeting_close(actor=minutes_world.coordinator, meeting=minutes_world.meeting)


def _approved(minutes_world):
    _close(minutes_world)
    draft = minutes_draft(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    return minutes_approve(actor=minutes_world.chair, minutes=draft)


def test_minutes_are_drafted_only_once_the_meeting_is_closed(minutes_world):
    with pytest.raises(ValidationError):
        minutes_draft(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    assert not Minutes.objects.exists()
    _close(minutes_world)
    assert Meeting.objects.get(pk=minutes_world.meeting.pk).status == Meeting.Status.HELD
    minutes_draft(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    with pytest.raises(ValidationError):
        minutes_draft(actor=minutes_world.coordinator, meeting=minutes_world.meeting)


def test_the_draft_holds_each_childs_discussion_and_the_general_business(minutes_world, audited):
    health = AgencyFactory(name="Leeds Community Healthcare")
    attendance = attendance_record(
        actor=minutes_world.coordinator,
        meeting=minutes_world.meeting,
        agency=health,
        status="present",
        attendee_name="Jo Nurse",
    )
    finding = finding_add(
        actor=minutes_world.coordinator,
        meeting=minutes_world.meeting,
        kind="trend",
        description="Vapes given out free at the bus station",
    )
    contribution = contribution_save(
        actor=minutes_world.coordinator,
        item=minutes_world.first,
        agency=health,
        information="Attended sexual health clinic twice",
    )
    action = action_add(
        actor=minutes_world.coordinator,
        meeting=minutes_world.meeting,
        item=minutes_world.first,
        description="Disruption visit to the address",
        owner_agency=health,
        due_date=_in(14),
    )
    _close(minutes_world)
    draft = minutes_draft(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    by, amara = minutes_world.coordinator, minutes_world.amara
    audited(Event.Verb.ATTENDANCE_RECORDED, actor=by, child=None, obj=attendance)
    audited(Event.Verb.FINDING_ADDED, actor=by, child=None, obj=finding)
    audited(Event.Verb.CONTRIBUTION_SAVED, actor=by, child=amara, obj=contribution)
    audited(Event.Verb.ACTION_ADDED, actor=by, child=amara, obj=action)
    audited(Event.Verb.MEETING_CLOSED, actor=by, child=None, obj=minutes_world.meeting)
    # One row for the general minutes, and one for each child's entry, naming the child.
    drafted = Event.objects.filter(verb=Event.Verb.MINUTES_DRAFTED).order_by("id")
    assert [(e.object_id, e.child_id) for e in drafted] == [
        (str(draft.pk), None),
        (str(draft.entries.get(item=minutes_world.first).pk), amara.pk),
        (str(draft.entries.get(item=minutes_world.second).pk), minutes_world.kayden.pk),
    ]
    assert draft.status == Minutes.Status.DRAFT and not draft.is_locked
    assert "Leeds Community Healthcare: Present (Jo Nurse)" in draft.text
    assert "Vapes given out free at the bus station" in draft.text
    # The general minutes name no child: an invitee to one slot reads them.
    assert "Amarachi" not in draft.text and "Kaydenson" not in draft.text
    first = draft.entries.get(item=minutes_world.first).text
    second = draft.entries.get(item=minutes_world.second).text
    assert "Amarachi Quillfeather" in first
    assert "Seen in a car with older males" in first
    assert "Attended sexual health clinic twice" in first
    assert "Disruption visit to the address" in first
    assert "Continue at MACE" in first
    assert "Kaydenson Brightwater" in second
    assert "Found in Bradford after three days missing" in second
    assert "Step down" in second
    assert "Amarachi" not in second


def test_a_draft_can_be_edited(minutes_world, audited):
    _close(minutes_world)
    draft = minutes_draft(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    minutes_edit(
        actor=minutes_world.coordinator,
        minutes=draft,
        text="Quorate. Police, health and social care present.",
        entries={str(minutes_world.first.pk): "Amara: risk agreed high; continue."},
    )
    draft.refresh_from_db()
    assert draft.text == "Quorate. Police, health and social care present."
    assert draft.entries.get(item=minutes_world.first).text == "Amara: risk agreed high; continue."
    assert "Kaydenson Brightwater" in draft.entries.get(item=minutes_world.second).text
    changed = Event.objects.filter(verb=Event.Verb.MINUTES_CHANGED).order_by("id")
    entry = draft.entries.get(item=minutes_world.first)
    assert [(e.object_id, e.child_id) for e in changed] == [
        (str(draft.pk), None),
        (str(entry.pk), minutes_world.amara.pk),
    ]
    audited(Event.Verb.MINUTES_CHANGED, actor=minutes_world.coordinator, obj=entry, count=2)
    with pytest.raises(ValidationError):
        minutes_edit(actor=minutes_world.coordinator, minutes=draft, text="  ")
    assert draft.history.count() >= 2


def test_only_the_meetings_chair_approves(minutes_world, make_user, audited):
    _close(minutes_world)
    draft = minutes_draft(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    for actor in (minutes_world.coordinator, make_user(Role.CHAIR), make_user(Role.MEMBER)):
        with pytest.raises(PermissionDenied):
            minutes_approve(actor=actor, minutes=draft)
    assert not Minutes.objects.get(pk=draft.pk).is_locked
    approved = minutes_approve(actor=minutes_world.chair, minutes=draft)
    assert approved.is_locked
    assert approved.approved_by == minutes_world.chair
    assert approved.approved_at is not None
    audited(Event.Verb.MINUTES_APPROVED, actor=minutes_world.chair, child=None, obj=approved)
    with pytest.raises(MinutesLocked):
        minutes_approve(actor=minutes_world.chair, minutes=draft)


def test_approved_minutes_are_locked(minutes_world):
    minutes = _approved(minutes_world)
    with pytest.raises(MinutesLocked):
        minutes_edit(actor=minutes_world.coordinator, minutes=minutes, text="Rewritten")
    # The record of the meeting is locked with them, even through an item or meeting
    # object loaded before the approval.
    with pytest.raises(ValidationError):
        discussion_save(actor=minutes_world.coordinator, item=minutes_world.first, risk_level="low")
    with pytest.raises(ValidationError):
        contribution_save(
            actor=minutes_world.coordinator,
            item=minutes_world.first,
            agency=AgencyFactory(),
            information="x",
        )
    with pytest.raises(ValidationError):
        action_add(
            actor=minutes_world.coordinator,
            meeting=minutes_world.meeting,
            description="Late action",
            owner_agency=AgencyFactory(),
            due_date=_in(14),
        )
    fresh = Meeting.objects.get(pk=minutes_world.meeting.pk)
    with pytest.raises(ValidationError):
        discussion_save(actor=minutes_world.coordinator, item=fresh.items.first(), risk_level="low")
    assert Discussion.objects.get(item=minutes_world.first).risk_level == "medium"
    assert Minutes.objects.get(pk=minutes.pk).text == minutes.text


def test_an_addendum_corrects_approved_minutes_and_is_kept_with_history(
    minutes_world, make_user, audited
):
    _close(minutes_world)
    draft = minutes_draft(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    with pytest.raises(ValidationError):
        addendum_add(actor=minutes_world.coordinator, minutes=draft, text="Too early")
    minutes = minutes_approve(actor=minutes_world.chair, minutes=draft)
    with pytest.raises(ValidationError):
        addendum_add(actor=minutes_world.coordinator, minutes=minutes, text="  ")
    with pytest.raises(PermissionDenied):
        addendum_add(actor=make_user(Role.MEMBER), minutes=minutes, text="My agency was there")
    elsewhere = item_add(
        actor=minutes_world.coordinator, meeting=meeting_on(_in(7)), child=minutes_world.amara
    )
    with pytest.raises(ValidationError):
        addendum_add(actor=minutes_world.coordinator, minutes=minutes, text="Wrong", item=elsewhere)

    general = addendum_add(
        actor=minutes_world.chair, minutes=minutes, text="Youth Justice sent apologies, not absent"
    )
    about = addendum_add(
        actor=minutes_world.coordinator,
        minutes=minutes,
        item=minutes_world.first,
        text="The car was seen on 3 November, not 4 November",
    )
    assert list(Addendum.objects.filter(minutes=minutes)) == [general, about]
    assert about.item == minutes_world.first
    assert about.created_by == minutes_world.coordinator
    assert about.history.count() == 1
    assert about.history.first().history_type == "+"
    audited(
        Event.Verb.MINUTES_ADDENDUM_ADDED,
        actor=minutes_world.coordinator,
        child=minutes_world.amara,
        obj=about,
        count=2,
    )
    # The approved minutes themselves are unchanged.
    assert Minutes.objects.get(pk=minutes.pk).text == minutes.text
    assert minutes.history.filter(status=Minutes.Status.APPROVED).count() == 1


BIMONTHLY = "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"


def test_the_silver_chair_approves_the_minutes_of_their_own_meeting(make_user, audited):
    coordinator, silver = make_user(Role.COORDINATOR), make_user(Role.SILVER)
    other_silver = make_user(Role.SILVER)
    series = series_set_up(
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
