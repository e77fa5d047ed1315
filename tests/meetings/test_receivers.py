"""Meetings handles referrals' ``referral_accepted``: the accepted referral goes on the next
meeting with room, placed by the system in a transaction of its own after the decision has
committed; the triage page says which meeting's agenda it is on."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core import mail
from django.utils import timezone

from mace.audit.models import Event
from mace.meetings import receivers
from mace.meetings.models import AgendaItem
from mace.meetings.selectors.agenda import meeting_for_referral
from mace.meetings.services.agenda import referral_place
from mace.referrals.models import Referral
from mace.referrals.placements import placement_lines
from mace.referrals.services.triage import referral_decide, referral_link_child
from tests.factories import ChildFactory, meeting_on, submitted_referral

pytestmark = pytest.mark.django_db

REASON = "Meets the MACE criteria: missing twice this month"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _accept(coordinator, referral, capture):
    with capture(execute=True):
        referral_decide(
            actor=coordinator, referral_id=referral.id, decision="accept", reason=REASON
        )
    referral.refresh_from_db()


def test_accepting_with_no_meetings_receiver_places_nothing(
    coordinator, linked, without_meetings_receiver, django_capture_on_commit_callbacks
):
    meeting_on(_in(7))
    _accept(coordinator, linked, django_capture_on_commit_callbacks)

    assert linked.status == Referral.Status.ACCEPTED
    assert not AgendaItem.objects.exists()


def test_the_accepted_referral_is_on_the_next_meeting_placed_by_the_system(
    coordinator, linked, django_capture_on_commit_callbacks
):
    meeting_on(_in(3), capacity=0)  # full
    nxt = meeting_on(_in(7))
    _accept(coordinator, linked, django_capture_on_commit_callbacks)

    item = AgendaItem.objects.get(referral=linked)
    assert item.meeting == nxt
    assert item.child == linked.child
    assert item.created_by is None  # the system placed it
    added = Event.objects.get(object_type="meetings.AgendaItem", object_id=str(item.pk))
    assert added.verb == Event.Verb.AGENDA_ITEM_ADDED
    assert added.actor is None
    # The decision's own row still names the coordinator.
    decided = Event.objects.filter(object_id=str(linked.pk), payload__decision="accept").get()
    assert decided.actor == coordinator


def test_nothing_is_placed_before_the_decision_commits(
    coordinator, linked, django_capture_on_commit_callbacks
):
    meeting_on(_in(7))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        referral_decide(actor=coordinator, referral_id=linked.id, decision="accept", reason=REASON)
        assert not AgendaItem.objects.exists()
    assert callbacks  # placed only if the decision commits
    assert not AgendaItem.objects.exists()


def test_a_failure_in_placing_keeps_the_decision_and_is_logged(
    coordinator, linked, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    meeting_on(_in(7))

    def failing(**kwargs):
        raise RuntimeError("agenda locked")

    monkeypatch.setattr(receivers, "referral_place", failing)
    with caplog.at_level(logging.ERROR, logger="mace.referrals.signals"):
        _accept(coordinator, linked, django_capture_on_commit_callbacks)

    assert linked.status == Referral.Status.ACCEPTED
    assert linked.decisions.get().decision == "accept"
    assert not AgendaItem.objects.exists()
    assert "meets the mace criteria" in mail.outbox[-1].body.lower()  # the referrer is told
    [record] = [r for r in caplog.records if r.name == "mace.referrals.signals"]
    assert str(linked.pk) in record.getMessage()
    assert "place_accepted_referral" in record.getMessage()


def test_a_failed_placing_is_made_good_by_the_daily_fill(
    coordinator, linked, monkeypatch, django_capture_on_commit_callbacks
):
    from mace.meetings.services.reminders import agendas_fill

    meeting = meeting_on(_in(7))
    monkeypatch.setattr(receivers, "referral_place", lambda **kwargs: 1 / 0)
    _accept(coordinator, linked, django_capture_on_commit_callbacks)
    assert not AgendaItem.objects.exists()

    agendas_fill()
    assert AgendaItem.objects.get(referral=linked).meeting == meeting


def test_the_page_line_says_which_meeting_or_that_none_has_room(
    coordinator, linked, django_capture_on_commit_callbacks
):
    meeting_on(_in(7), capacity=0)
    _accept(coordinator, linked, django_capture_on_commit_callbacks)
    assert meeting_for_referral(user=coordinator, referral=linked) is None
    assert placement_lines(user=coordinator, referral=linked) == [
        "No coming meeting has room yet: it will be placed when one does."
    ]

    roomy = meeting_on(_in(14))
    referral_place(referral_id=linked.pk)
    assert meeting_for_referral(user=coordinator, referral=linked) == roomy
    assert placement_lines(user=coordinator, referral=linked) == [
        f"It is on the agenda of {roomy}."
    ]


def test_a_declined_referral_has_no_placement_line(coordinator, linked):
    referral_decide(actor=coordinator, referral_id=linked.id, decision="decline", reason=REASON)
    linked.refresh_from_db()
    assert placement_lines(user=coordinator, referral=linked) == []


def test_the_triage_page_says_none_has_room_yet(
    signed_in, coordinator, linked, commits_as_in_production
):
    meeting_on(_in(7), capacity=0)
    response = signed_in(coordinator).post(
        f"/triage/{linked.pk}/decide/",
        {"decision-decision": "accept", "decision-reason": REASON},
        follow=True,
    )
    page = response.content.decode()
    assert "The decision is recorded and the referrer is told." in page
    assert "No coming meeting has room yet: it will be placed when one does." in page
    assert "Triage queue" in page


def test_without_meetings_the_triage_page_says_only_the_decision(
    signed_in, coordinator, linked, commits_as_in_production, monkeypatch
):
    from mace.referrals import placements

    monkeypatch.setattr(placements, "_sources", {})
    meeting_on(_in(7))
    response = signed_in(coordinator).post(
        f"/triage/{linked.pk}/decide/",
        {"decision-decision": "accept", "decision-reason": REASON},
        follow=True,
    )
    page = response.content.decode()
    assert "The decision is recorded and the referrer is told." in page
    assert "agenda of" not in page


def test_accepting_a_referral_at_triage_says_which_meeting_it_is_on(
    signed_in, coordinator, meeting, commits_as_in_production
):

    referral = submitted_referral()
    referral_link_child(actor=coordinator, referral_id=referral.id, child_id=ChildFactory().id)
    response = signed_in(coordinator).post(
        f"/triage/{referral.pk}/decide/",
        {"decision-decision": "accept", "decision-reason": "Meets the criteria: missing twice"},
        follow=True,
    )
    assert f"It is on the agenda of {meeting}." in response.content.decode()
    assert AgendaItem.objects.get(referral=referral).meeting == meeting
