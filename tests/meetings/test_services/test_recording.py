"""Recording a meeting (mace.meetings.services.recording): each child's discussion, the
attendance and contributions, and closing the meeting once every child has an outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mace.audit.models import Event
from mace.meetings.models import Attendance, Contribution, Meeting, Outcome
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import (
    attendance_record,
    contribution_save,
    discussion_save,
    meeting_close,
)
from tests.factories import AgencyFactory, ChildFactory, discussed

pytestmark = pytest.mark.django_db


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


def _close_errors(minutes_world) -> str:
    with pytest.raises(ValidationError) as error:
        meeting_close(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    assert Meeting.objects.get(pk=minutes_world.meeting.pk).status == Meeting.Status.SCHEDULED
    return " | ".join(error.value.messages)


def test_closing_needs_each_childs_level_and_outcome_and_a_review_date_to_continue(minutes_world):
    discussed(minutes_world.coordinator, minutes_world.second, outcome=Outcome.CLOSE)
    message = _close_errors(minutes_world)
    assert "Amarachi Quillfeather: nothing has been recorded" in message
    assert "Kaydenson" not in message

    discussion_save(
        actor=minutes_world.coordinator, item=minutes_world.first, risk_analysis="Going missing"
    )
    message = _close_errors(minutes_world)
    assert "record the risk level agreed" in message
    assert "record the outcome" in message

    discussion_save(actor=minutes_world.coordinator, item=minutes_world.first, risk_level="high")
    assert "record the outcome" in _close_errors(minutes_world)

    discussion_save(
        actor=minutes_world.coordinator, item=minutes_world.first, outcome=Outcome.CONTINUE
    )
    message = _close_errors(minutes_world)
    assert "set the next review date" in message
    assert "risk level" not in message

    discussion_save(
        actor=minutes_world.coordinator,
        item=minutes_world.first,
        next_review_date=minutes_world.meeting.date + dt.timedelta(days=14),
    )
    meeting_close(actor=minutes_world.coordinator, meeting=minutes_world.meeting)
    assert Meeting.objects.get(pk=minutes_world.meeting.pk).status == Meeting.Status.HELD
    with pytest.raises(ValidationError):
        meeting_close(actor=minutes_world.coordinator, meeting=minutes_world.meeting)


def test_a_statutory_recommendation_must_say_which_process(minutes_world):
    discussed(minutes_world.coordinator, minutes_world.second, outcome=Outcome.CLOSE)
    discussed(minutes_world.coordinator, minutes_world.first, outcome=Outcome.RECOMMEND_STATUTORY)
    assert "say which statutory process is recommended" in _close_errors(minutes_world)
    discussion_save(
        actor=minutes_world.coordinator,
        item=minutes_world.first,
        statutory_recommendation="A strategy discussion under section 47",
    )
    meeting_close(actor=minutes_world.coordinator, meeting=minutes_world.meeting)


def test_an_item_for_information_needs_no_discussion_to_close(minutes_world):
    item_add(
        actor=minutes_world.coordinator,
        meeting=minutes_world.meeting,
        child=ChildFactory(),
        for_information=True,
    )
    _close(minutes_world)
    assert Meeting.objects.get(pk=minutes_world.meeting.pk).status == Meeting.Status.HELD


def test_discussion_values_are_checked(minutes_world):
    for fields in (
        {"risk_level": "extreme"},
        {"outcome": "adjourn"},
        {"next_review_date": minutes_world.meeting.date - dt.timedelta(days=1)},
    ):
        with pytest.raises(ValidationError):
            discussion_save(actor=minutes_world.coordinator, item=minutes_world.first, **fields)
    with pytest.raises(ValueError):
        discussion_save(actor=minutes_world.coordinator, item=minutes_world.first, chair_notes="x")


def test_recording_again_changes_the_same_rows_and_audits_each_save(minutes_world, audited):
    health = AgencyFactory()
    first = discussion_save(
        actor=minutes_world.coordinator, item=minutes_world.first, risk_analysis="Seen"
    )
    again = discussion_save(
        actor=minutes_world.coordinator, item=minutes_world.first, risk_level="high"
    )
    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.risk_analysis, again.risk_level) == ("Seen", "high")
    audited(
        Event.Verb.DISCUSSION_RECORDED,
        actor=minutes_world.coordinator,
        child=minutes_world.amara,
        obj=first,
        count=2,
    )
    for status in ("apologies", "deputy"):
        attendance_record(
            actor=minutes_world.chair, meeting=minutes_world.meeting, agency=health, status=status
        )
    assert Attendance.objects.get(meeting=minutes_world.meeting, agency=health).status == "deputy"
    audited(Event.Verb.ATTENDANCE_RECORDED, actor=minutes_world.chair, count=2)
    for information in ("Known to CAMHS", "Known to CAMHS since June"):
        contribution_save(
            actor=minutes_world.coordinator,
            item=minutes_world.first,
            agency=health,
            information=information,
        )
    assert Contribution.objects.get(agency=health).information == "Known to CAMHS since June"
    audited(Event.Verb.CONTRIBUTION_SAVED, child=minutes_world.amara, count=2)
