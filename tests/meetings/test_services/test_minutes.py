"""Closing a meeting, drafting and approving its minutes, and correcting them by addendum."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import (
    Addendum,
    Attendance,
    Contribution,
    Discussion,
    Meeting,
    Minutes,
    Outcome,
)
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
from tests.factories import AgencyFactory, ChildFactory, discussed, meeting_on

pytestmark = pytest.mark.django_db


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def world(make_user):
    coordinator = make_user(Role.COORDINATOR)
    chair = make_user(Role.CHAIR)
    meeting = meeting_on(_in(-1), chair=chair)
    amara = ChildFactory(given_name="Amarachi", family_name="Quillfeather")
    kayden = ChildFactory(given_name="Kaydenson", family_name="Brightwater")
    first = item_add(actor=coordinator, meeting=meeting, child=amara)
    second = item_add(actor=coordinator, meeting=meeting, child=kayden)
    return SimpleNamespace(**locals())


def _close(world):
    discussed(world.coordinator, world.first, risk_analysis="Seen in a car with older males")
    discussed(
        world.coordinator,
        world.second,
        risk_analysis="Found in Bradford after three days missing",
        outcome=Outcome.STEP_DOWN,
        next_review_date=None,
    )
    return meeting_close(actor=world.coordinator, meeting=world.meeting)


def _approved(world):
    _close(world)
    draft = minutes_draft(actor=world.coordinator, meeting=world.meeting)
    return minutes_approve(actor=world.chair, minutes=draft)


def test_minutes_are_drafted_only_once_the_meeting_is_closed(world):
    with pytest.raises(ValidationError):
        minutes_draft(actor=world.coordinator, meeting=world.meeting)
    assert not Minutes.objects.exists()
    _close(world)
    assert Meeting.objects.get(pk=world.meeting.pk).status == Meeting.Status.HELD
    minutes_draft(actor=world.coordinator, meeting=world.meeting)
    with pytest.raises(ValidationError):
        minutes_draft(actor=world.coordinator, meeting=world.meeting)


def _close_errors(world) -> str:
    with pytest.raises(ValidationError) as error:
        meeting_close(actor=world.coordinator, meeting=world.meeting)
    assert Meeting.objects.get(pk=world.meeting.pk).status == Meeting.Status.SCHEDULED
    return " | ".join(error.value.messages)


def test_closing_needs_each_childs_level_and_outcome_and_a_review_date_to_continue(world):
    discussed(world.coordinator, world.second, outcome=Outcome.CLOSE)
    message = _close_errors(world)
    assert "Amarachi Quillfeather: nothing has been recorded" in message
    assert "Kaydenson" not in message

    discussion_save(actor=world.coordinator, item=world.first, risk_analysis="Going missing")
    message = _close_errors(world)
    assert "record the risk level agreed" in message
    assert "record the outcome" in message

    discussion_save(actor=world.coordinator, item=world.first, risk_level="high")
    assert "record the outcome" in _close_errors(world)

    discussion_save(actor=world.coordinator, item=world.first, outcome=Outcome.CONTINUE)
    message = _close_errors(world)
    assert "set the next review date" in message
    assert "risk level" not in message

    discussion_save(
        actor=world.coordinator,
        item=world.first,
        next_review_date=world.meeting.date + dt.timedelta(days=14),
    )
    meeting_close(actor=world.coordinator, meeting=world.meeting)
    assert Meeting.objects.get(pk=world.meeting.pk).status == Meeting.Status.HELD
    with pytest.raises(ValidationError):
        meeting_close(actor=world.coordinator, meeting=world.meeting)


def test_a_statutory_recommendation_must_say_which_process(world):
    discussed(world.coordinator, world.second, outcome=Outcome.CLOSE)
    discussed(world.coordinator, world.first, outcome=Outcome.RECOMMEND_STATUTORY)
    assert "say which statutory process is recommended" in _close_errors(world)
    discussion_save(
        actor=world.coordinator,
        item=world.first,
        statutory_recommendation="A strategy discussion under section 47",
    )
    meeting_close(actor=world.coordinator, meeting=world.meeting)


def test_an_item_for_information_needs_no_discussion_to_close(world):
    item_add(
        actor=world.coordinator, meeting=world.meeting, child=ChildFactory(), for_information=True
    )
    _close(world)
    assert Meeting.objects.get(pk=world.meeting.pk).status == Meeting.Status.HELD


def test_discussion_values_are_checked(world):
    for fields in (
        {"risk_level": "extreme"},
        {"outcome": "adjourn"},
        {"next_review_date": world.meeting.date - dt.timedelta(days=1)},
    ):
        with pytest.raises(ValidationError):
            discussion_save(actor=world.coordinator, item=world.first, **fields)
    with pytest.raises(ValueError):
        discussion_save(actor=world.coordinator, item=world.first, chair_notes="x")


def test_the_draft_holds_each_childs_discussion_and_the_general_business(world, audited):
    health = AgencyFactory(name="Leeds Community Healthcare")
    attendance = attendance_record(
        actor=world.coordinator,
        meeting=world.meeting,
        agency=health,
        status="present",
        attendee_name="Jo Nurse",
    )
    finding = finding_add(
        actor=world.coordinator,
        meeting=world.meeting,
        kind="trend",
        description="Vapes given out free at the bus station",
    )
    contribution = contribution_save(
        actor=world.coordinator,
        item=world.first,
        agency=health,
        information="Attended sexual health clinic twice",
    )
    action = action_add(
        actor=world.coordinator,
        meeting=world.meeting,
        item=world.first,
        description="Disruption visit to the address",
        owner_agency=health,
        due_date=_in(14),
    )
    _close(world)
    draft = minutes_draft(actor=world.coordinator, meeting=world.meeting)
    by, amara = world.coordinator, world.amara
    audited(Event.Verb.ATTENDANCE_RECORDED, actor=by, child=None, obj=attendance)
    audited(Event.Verb.FINDING_ADDED, actor=by, child=None, obj=finding)
    audited(Event.Verb.CONTRIBUTION_SAVED, actor=by, child=amara, obj=contribution)
    audited(Event.Verb.ACTION_ADDED, actor=by, child=amara, obj=action)
    audited(Event.Verb.MEETING_CLOSED, actor=by, child=None, obj=world.meeting)
    # One row for the general minutes, and one for each child's entry, naming the child.
    drafted = Event.objects.filter(verb=Event.Verb.MINUTES_DRAFTED).order_by("id")
    assert [(e.object_id, e.child_id) for e in drafted] == [
        (str(draft.pk), None),
        (str(draft.entries.get(item=world.first).pk), amara.pk),
        (str(draft.entries.get(item=world.second).pk), world.kayden.pk),
    ]
    assert draft.status == Minutes.Status.DRAFT and not draft.is_locked
    assert "Leeds Community Healthcare: Present (Jo Nurse)" in draft.text
    assert "Vapes given out free at the bus station" in draft.text
    # The general minutes name no child: an invitee to one slot reads them.
    assert "Amarachi" not in draft.text and "Kaydenson" not in draft.text
    first = draft.entries.get(item=world.first).text
    second = draft.entries.get(item=world.second).text
    assert "Amarachi Quillfeather" in first
    assert "Seen in a car with older males" in first
    assert "Attended sexual health clinic twice" in first
    assert "Disruption visit to the address" in first
    assert "Continue at MACE" in first
    assert "Kaydenson Brightwater" in second
    assert "Found in Bradford after three days missing" in second
    assert "Step down" in second
    assert "Amarachi" not in second


def test_recording_again_changes_the_same_rows_and_audits_each_save(world, audited):
    health = AgencyFactory()
    first = discussion_save(actor=world.coordinator, item=world.first, risk_analysis="Seen")
    again = discussion_save(actor=world.coordinator, item=world.first, risk_level="high")
    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.risk_analysis, again.risk_level) == ("Seen", "high")
    audited(
        Event.Verb.DISCUSSION_RECORDED,
        actor=world.coordinator,
        child=world.amara,
        obj=first,
        count=2,
    )
    for status in ("apologies", "deputy"):
        attendance_record(actor=world.chair, meeting=world.meeting, agency=health, status=status)
    assert Attendance.objects.get(meeting=world.meeting, agency=health).status == "deputy"
    audited(Event.Verb.ATTENDANCE_RECORDED, actor=world.chair, count=2)
    for information in ("Known to CAMHS", "Known to CAMHS since June"):
        contribution_save(
            actor=world.coordinator, item=world.first, agency=health, information=information
        )
    assert Contribution.objects.get(agency=health).information == "Known to CAMHS since June"
    audited(Event.Verb.CONTRIBUTION_SAVED, child=world.amara, count=2)


def test_a_draft_can_be_edited(world, audited):
    _close(world)
    draft = minutes_draft(actor=world.coordinator, meeting=world.meeting)
    minutes_edit(
        actor=world.coordinator,
        minutes=draft,
        text="Quorate. Police, health and social care present.",
        entries={str(world.first.pk): "Amara: risk agreed high; continue."},
    )
    draft.refresh_from_db()
    assert draft.text == "Quorate. Police, health and social care present."
    assert draft.entries.get(item=world.first).text == "Amara: risk agreed high; continue."
    assert "Kaydenson Brightwater" in draft.entries.get(item=world.second).text
    changed = Event.objects.filter(verb=Event.Verb.MINUTES_CHANGED).order_by("id")
    entry = draft.entries.get(item=world.first)
    assert [(e.object_id, e.child_id) for e in changed] == [
        (str(draft.pk), None),
        (str(entry.pk), world.amara.pk),
    ]
    audited(Event.Verb.MINUTES_CHANGED, actor=world.coordinator, obj=entry, count=2)
    with pytest.raises(ValidationError):
        minutes_edit(actor=world.coordinator, minutes=draft, text="  ")
    assert draft.history.count() >= 2


def test_only_the_meetings_chair_approves(world, make_user, audited):
    _close(world)
    draft = minutes_draft(actor=world.coordinator, meeting=world.meeting)
    for actor in (world.coordinator, make_user(Role.CHAIR), make_user(Role.MEMBER)):
        with pytest.raises(PermissionDenied):
            minutes_approve(actor=actor, minutes=draft)
    assert not Minutes.objects.get(pk=draft.pk).is_locked
    approved = minutes_approve(actor=world.chair, minutes=draft)
    assert approved.is_locked
    assert approved.approved_by == world.chair
    assert approved.approved_at is not None
    audited(Event.Verb.MINUTES_APPROVED, actor=world.chair, child=None, obj=approved)
    with pytest.raises(MinutesLocked):
        minutes_approve(actor=world.chair, minutes=draft)


def test_approved_minutes_are_locked(world):
    minutes = _approved(world)
    with pytest.raises(MinutesLocked):
        minutes_edit(actor=world.coordinator, minutes=minutes, text="Rewritten")
    # The record of the meeting is locked with them, even through an item or meeting
    # object loaded before the approval.
    with pytest.raises(ValidationError):
        discussion_save(actor=world.coordinator, item=world.first, risk_level="low")
    with pytest.raises(ValidationError):
        contribution_save(
            actor=world.coordinator, item=world.first, agency=AgencyFactory(), information="x"
        )
    with pytest.raises(ValidationError):
        action_add(
            actor=world.coordinator,
            meeting=world.meeting,
            description="Late action",
            owner_agency=AgencyFactory(),
            due_date=_in(14),
        )
    fresh = Meeting.objects.get(pk=world.meeting.pk)
    with pytest.raises(ValidationError):
        discussion_save(actor=world.coordinator, item=fresh.items.first(), risk_level="low")
    assert Discussion.objects.get(item=world.first).risk_level == "medium"
    assert Minutes.objects.get(pk=minutes.pk).text == minutes.text


def test_an_addendum_corrects_approved_minutes_and_is_kept_with_history(world, make_user, audited):
    _close(world)
    draft = minutes_draft(actor=world.coordinator, meeting=world.meeting)
    with pytest.raises(ValidationError):
        addendum_add(actor=world.coordinator, minutes=draft, text="Too early")
    minutes = minutes_approve(actor=world.chair, minutes=draft)
    with pytest.raises(ValidationError):
        addendum_add(actor=world.coordinator, minutes=minutes, text="  ")
    with pytest.raises(PermissionDenied):
        addendum_add(actor=make_user(Role.MEMBER), minutes=minutes, text="My agency was there")
    elsewhere = item_add(actor=world.coordinator, meeting=meeting_on(_in(7)), child=world.amara)
    with pytest.raises(ValidationError):
        addendum_add(actor=world.coordinator, minutes=minutes, text="Wrong", item=elsewhere)

    general = addendum_add(
        actor=world.chair, minutes=minutes, text="Youth Justice sent apologies, not absent"
    )
    about = addendum_add(
        actor=world.coordinator,
        minutes=minutes,
        item=world.first,
        text="The car was seen on 3 November, not 4 November",
    )
    assert list(Addendum.objects.filter(minutes=minutes)) == [general, about]
    assert about.item == world.first
    assert about.created_by == world.coordinator
    assert about.history.count() == 1
    assert about.history.first().history_type == "+"
    audited(
        Event.Verb.MINUTES_ADDENDUM_ADDED,
        actor=world.coordinator,
        child=world.amara,
        obj=about,
        count=2,
    )
    # The approved minutes themselves are unchanged.
    assert Minutes.objects.get(pk=minutes.pk).text == minutes.text
    assert minutes.history.filter(status=Minutes.Status.APPROVED).count() == 1


def test_a_silver_meeting_is_approved_by_its_own_chair_and_no_one_else(world, make_user):
    """Silver and Gold are chaired by their members, not by the MACE chair."""
    from mace.meetings.permissions import can_approve_minutes

    silver_chair = make_user(Role.SILVER)
    world.meeting.chair = silver_chair
    assert can_approve_minutes(silver_chair, world.meeting)
    assert not can_approve_minutes(world.chair, world.meeting)
    assert not can_approve_minutes(make_user(Role.SILVER), world.meeting)
    world.meeting.chair = None
    assert can_approve_minutes(world.chair, world.meeting)
    assert not can_approve_minutes(silver_chair, world.meeting)
