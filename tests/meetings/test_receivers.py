"""Meetings handles referrals' ``referral_accepted``: the accepted referral goes on the next
meeting with room, placed by the system in a transaction of its own after the decision has
committed; the triage page says which meeting's agenda it is on."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings import receivers
from mace.meetings.models import AgendaItem
from mace.meetings.selectors.agenda import meeting_for_referral
from mace.meetings.services.agenda import referral_place
from mace.referrals.models import Referral
from mace.referrals.placements import placement_lines
from mace.referrals.services.triage import referral_decide, referral_link_child
from mace.referrals.signals import referral_accepted
from tests.factories import ChildFactory, meeting_on, submitted_referral

pytestmark = pytest.mark.django_db

REASON = "Meets the MACE criteria: missing twice this month"
RECEIVER = "meetings.place_accepted_referral"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


@pytest.fixture
def linked(coordinator):
    referral = submitted_referral()
    referral_link_child(actor=coordinator, referral_id=referral.id, child_id=ChildFactory().id)
    return referral


@pytest.fixture
def without_meetings_receiver():
    """As if the meetings app were not installed: nobody handles ``referral_accepted``."""
    assert referral_accepted.disconnect(dispatch_uid=RECEIVER)
    yield
    referral_accepted.connect(receivers.place_accepted_referral, dispatch_uid=RECEIVER)


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


def test_placing_twice_places_once(coordinator, linked, django_capture_on_commit_callbacks):
    meeting_on(_in(7))
    _accept(coordinator, linked, django_capture_on_commit_callbacks)

    assert referral_place(referral_id=linked.pk) is None
    assert AgendaItem.objects.filter(referral=linked).count() == 1


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ANALYST, Role.REFERRER])
def test_only_a_meetings_manager_may_place_by_hand(role, make_user, linked):
    with pytest.raises(PermissionDenied):
        referral_place(referral_id=linked.pk, actor=make_user(role))


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


def test_the_meeting_is_not_named_to_someone_who_may_not_see_it(
    make_user, coordinator, linked, django_capture_on_commit_callbacks
):
    meeting_on(_in(7))
    _accept(coordinator, linked, django_capture_on_commit_callbacks)

    assert meeting_for_referral(user=make_user(Role.MEMBER), referral=linked) is None


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


def test_a_fill_that_read_the_waiting_list_before_the_event_placed_it_adds_it_once(
    coordinator, without_meetings_receiver, monkeypatch, django_capture_on_commit_callbacks
):
    """The daily fill reads the waiting referrals, then the triage event places one of them
    (another process, between the read and the write): the fill must not place it again.
    A context referral has no child, so nothing but the referral itself says it is placed."""
    from mace.meetings.models import Kind
    from mace.meetings.services import agenda
    from mace.meetings.services.agenda import agenda_fill, referrals_pending

    referral = submitted_referral(subject="context", context_description="Takeaway, Roundhay Road")
    meeting = meeting_on(_in(7), kind=Kind.CONTEXT)
    _accept(coordinator, referral, django_capture_on_commit_callbacks)
    stale = list(referrals_pending())
    assert [r.pk for r in stale] == [referral.pk]
    assert referral_place(referral_id=referral.pk).meeting == meeting  # the event, meanwhile
    monkeypatch.setattr(agenda, "referrals_pending", lambda: _Stale(stale))

    assert agenda_fill(meeting=meeting, actor=coordinator) == []
    assert AgendaItem.objects.filter(referral=referral).count() == 1


class _Stale(list):
    """The waiting list as read before the event placed the referral."""

    def filter(self, **kwargs):
        return _Stale(r for r in self if all(getattr(r, k) == v for k, v in kwargs.items()))
