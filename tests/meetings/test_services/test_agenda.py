"""Agenda rules: where accepted referrals and due reviews land, and what the coordinator
may change (with reasons), each child's time slot included."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import AgendaItem, Kind, Meeting, Outcome
from mace.meetings.selectors.agenda import agenda_slots
from mace.meetings.services import agenda
from mace.meetings.services.agenda import (
    agenda_fill,
    item_add,
    item_defer,
    item_move,
    item_remove,
    item_set_information,
    meeting_next_with_room,
    referral_place,
    referrals_pending,
    reviews_due,
)
from mace.referrals.models import Referral
from mace.referrals.services.triage import referral_decide
from tests.factories import (
    ChildFactory,
    accepted_referral,
    held_meeting,
    meeting_on,
    submitted_referral,
)

pytestmark = pytest.mark.django_db

LISTED = AgendaItem.Status.LISTED


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _children(meeting: Meeting) -> list:
    return [
        item.child
        for item in meeting.items.filter(status=LISTED, child__isnull=False).order_by("position")
    ]


def test_an_accepted_referral_lands_on_the_next_child_focused_meeting_with_room(coordinator):
    meeting_on(_in(-7))  # past, never closed: not "next"
    meeting_on(_in(2), kind=Kind.CONTEXT)  # not child-focused
    meeting_on(_in(3), status=Meeting.Status.CANCELLED)
    first = meeting_on(_in(7), capacity=2)
    second = meeting_on(_in(21), capacity=2)
    item_add(actor=coordinator, meeting=first, child=ChildFactory())
    # For information only: shared with the meeting, not discussed; it takes no place.
    item_add(actor=coordinator, meeting=first, child=ChildFactory(), for_information=True)

    amara, kayden = ChildFactory(), ChildFactory()
    referral = accepted_referral(coordinator=coordinator, child=amara)
    item = AgendaItem.objects.get(referral=referral)
    assert (item.meeting, item.child, item.source) == (first, amara, AgendaItem.Source.REFERRAL)

    # The first meeting is now full (two children to discuss): the next goes to the second.
    other = accepted_referral(coordinator=coordinator, child=kayden)
    assert AgendaItem.objects.get(referral=other).meeting == second
    assert _children(first)[-1] == amara
    assert _children(second) == [kayden]
    assert not referrals_pending().exists()


def test_a_referral_waits_when_no_meeting_has_room_and_fill_places_it_later(coordinator):
    full = meeting_on(_in(7), capacity=1)
    item_add(actor=coordinator, meeting=full, child=ChildFactory())
    referral = accepted_referral(coordinator=coordinator, child=ChildFactory())
    assert not AgendaItem.objects.filter(referral=referral).exists()
    assert list(referrals_pending()) == [referral]
    assert agenda_fill(meeting=full) == []  # still no room

    later = meeting_on(_in(21))
    [item] = agenda_fill(meeting=later)
    assert item.referral == referral
    assert not referrals_pending().exists()


def test_capacity_counts_only_listed_children_to_discuss(coordinator):
    meeting = meeting_on(_in(7), capacity=2)
    removed = item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    item_remove(actor=coordinator, item=removed, reason="Case closed by social care")
    item_add(
        actor=coordinator, meeting=meeting, subject="theme", title="Exploitation at the bus station"
    )
    item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    assert meeting_next_with_room(on_or_after=_in(0)) == meeting
    item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    assert meeting_next_with_room(on_or_after=_in(0)) is None
    # Marking one for information frees its place.
    item_set_information(
        actor=coordinator,
        item=meeting.items.filter(status=LISTED, child__isnull=False).first(),
        for_information=True,
    )
    assert meeting_next_with_room(on_or_after=_in(0)) == meeting


def test_the_meeting_date_accepted_for_is_respected(coordinator):
    first = meeting_on(_in(7))
    second = meeting_on(_in(21))
    third = meeting_on(_in(35))
    on_second = accepted_referral(
        coordinator=coordinator, child=ChildFactory(), meeting_date=second.date
    )
    assert AgendaItem.objects.get(referral=on_second).meeting == second
    # A date between meetings means the first meeting on or after it.
    between = accepted_referral(coordinator=coordinator, child=ChildFactory(), meeting_date=_in(22))
    assert AgendaItem.objects.get(referral=between).meeting == third
    # A date already past means the next meeting.
    past = accepted_referral(coordinator=coordinator, child=ChildFactory(), meeting_date=_in(-30))
    assert AgendaItem.objects.get(referral=past).meeting == first


def test_agenda_fill_does_not_take_a_referral_before_its_date(coordinator):
    referral = accepted_referral(
        coordinator=coordinator, child=ChildFactory(), meeting_date=_in(21)
    )
    assert list(referrals_pending()) == [referral]  # no meetings yet
    early = meeting_on(_in(7))
    assert agenda_fill(meeting=early) == []
    later = meeting_on(_in(21))
    assert [i.referral for i in agenda_fill(meeting=later)] == [referral]


def test_a_child_already_listed_on_an_upcoming_meeting_is_not_listed_twice(coordinator):
    first = meeting_on(_in(7))
    second = meeting_on(_in(21))
    child = ChildFactory()
    item_add(actor=coordinator, meeting=second, child=child)
    referral = accepted_referral(coordinator=coordinator, child=child)
    assert AgendaItem.objects.filter(child=child).count() == 1
    assert not first.items.exists()
    assert agenda_fill(meeting=first) == []
    assert AgendaItem.objects.filter(child=child).count() == 1
    assert list(referrals_pending()) == [referral]
    # Nor twice on one agenda, even by hand.
    with pytest.raises(ValidationError):
        item_add(actor=coordinator, meeting=second, child=child)


def test_a_context_referral_goes_to_the_next_contextual_meeting(coordinator):
    meeting_on(_in(3))  # child-focused, sooner
    meeting_on(_in(-2), kind=Kind.CONTEXT)
    contextual = meeting_on(_in(10), kind=Kind.CONTEXT, capacity=1)
    meeting_on(_in(38), kind=Kind.CONTEXT)
    # A full contextual meeting still takes it: subjects that are not children take no place.
    item_add(actor=coordinator, meeting=contextual, child=ChildFactory())
    referral = accepted_referral(
        coordinator=coordinator,
        subject="context",
        context_description="Car park behind the precinct",
    )
    item = AgendaItem.objects.get(referral=referral)
    assert item.meeting == contextual
    assert item.child is None
    assert item.subject == AgendaItem.Subject.OTHER
    assert referral.reference in item.title


def test_a_context_referral_waits_for_a_contextual_meeting_to_be_scheduled(coordinator):
    child_focused = meeting_on(_in(3))
    referral = accepted_referral(
        coordinator=coordinator, subject="context", context_description="Takeaway on Roundhay Road"
    )
    assert list(referrals_pending()) == [referral]
    assert agenda_fill(meeting=child_focused) == []
    contextual = meeting_on(_in(24), kind=Kind.CONTEXT)
    [item] = agenda_fill(meeting=contextual)
    assert (item.referral, item.child, item.subject) == (referral, None, "other")
    assert agenda_fill(meeting=contextual) == []
    assert not referrals_pending().exists()


def test_an_unaccepted_referral_is_not_placed(coordinator):
    from tests.factories import submitted_referral

    meeting_on(_in(7))
    referral = submitted_referral(status=Referral.Status.NEW, child=ChildFactory())
    assert referral_place(referral_id=referral.pk) is None
    assert not AgendaItem.objects.exists()


def _review_due(coordinator, child, *, review_in: int, outcome=Outcome.CONTINUE, held=-14):
    return held_meeting(
        _in(held),
        actor=coordinator,
        children=[(child, {"outcome": outcome, "next_review_date": _in(review_in)})],
    )


def test_agenda_fill_adds_due_reviews_and_pending_referrals_once(coordinator):
    due, not_yet, closed = ChildFactory(), ChildFactory(), ChildFactory()
    held_meeting(
        _in(-14),
        actor=coordinator,
        children=[
            (due, {"next_review_date": _in(7)}),
            (not_yet, {"next_review_date": _in(30)}),
            (closed, {"outcome": Outcome.CLOSE, "next_review_date": None}),
        ],
    )
    referred = ChildFactory()
    referral = accepted_referral(coordinator=coordinator, child=referred)  # no meeting yet
    meeting = meeting_on(_in(7), capacity=5)

    added = agenda_fill(meeting=meeting)
    assert [(i.child, i.source) for i in added] == [
        (due, AgendaItem.Source.REVIEW),
        (referred, AgendaItem.Source.REFERRAL),
    ]
    assert added[1].referral == referral
    assert agenda_fill(meeting=meeting) == []
    assert meeting.items.count() == 2
    # Once listed, the review is no longer due.
    assert not reviews_due(by=_in(7)).exists()
    # The later review falls due for a later meeting.
    assert [d.item.child for d in reviews_due(by=_in(30))] == [not_yet]


def test_agenda_fill_honours_capacity_oldest_review_first(coordinator):
    older, newer = ChildFactory(), ChildFactory()
    held_meeting(
        _in(-14),
        actor=coordinator,
        children=[(newer, {"next_review_date": _in(6)}), (older, {"next_review_date": _in(1)})],
    )
    accepted_referral(coordinator=coordinator, child=ChildFactory())
    meeting = meeting_on(_in(7), capacity=1)
    assert [i.child for i in agenda_fill(meeting=meeting)] == [older]
    assert agenda_fill(meeting=meeting) == []
    later = meeting_on(_in(21), capacity=5)
    assert [i.source for i in agenda_fill(meeting=later)] == ["review", "referral"]


def test_only_a_childs_latest_discussion_counts_for_reviews(coordinator):
    child = ChildFactory()
    _review_due(coordinator, child, review_in=7, held=-28)
    _review_due(coordinator, child, review_in=7, outcome=Outcome.STEP_DOWN, held=-14)
    assert not reviews_due(by=_in(7)).exists()
    back = ChildFactory()
    _review_due(coordinator, back, review_in=7, outcome=Outcome.STEP_DOWN, held=-56)
    _review_due(coordinator, back, review_in=7, held=-42)
    assert [d.item.child for d in reviews_due(by=_in(7))] == [back]


def test_agenda_fill_adds_no_review_to_held_contextual_or_cancelled_meetings(coordinator):
    _review_due(coordinator, ChildFactory(), review_in=7)
    for meeting in (
        meeting_on(_in(7), kind=Kind.CONTEXT),
        meeting_on(_in(7), status=Meeting.Status.CANCELLED),
        meeting_on(_in(7), status=Meeting.Status.HELD),
    ):
        assert agenda_fill(meeting=meeting) == []


def test_a_review_taken_off_the_agenda_is_not_put_back_by_the_daily_fill(coordinator):
    child = ChildFactory()
    _review_due(coordinator, child, review_in=7)
    meeting = meeting_on(_in(7))
    [item] = agenda_fill(meeting=meeting)
    item_remove(actor=coordinator, item=item, reason="Moved out of the area; case transferred")
    assert agenda_fill(meeting=meeting) == []
    assert agenda_fill(meeting=meeting_on(_in(21))) == []


def test_deferring_moves_the_item_to_the_next_meeting_with_room_and_keeps_the_reason(
    coordinator, audited
):
    first = meeting_on(_in(7))
    full = meeting_on(_in(21), capacity=1)
    item_add(actor=coordinator, meeting=full, child=ChildFactory())
    third = meeting_on(_in(35))
    child = ChildFactory()
    item = item_add(actor=coordinator, meeting=first, child=child)

    with pytest.raises(ValidationError) as error:
        item_defer(actor=coordinator, item=item, reason="  ")
    assert "reason" in error.value.message_dict

    new = item_defer(actor=coordinator, item=item, reason="Social worker on leave")
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.DEFERRED
    assert item.status_reason == "Social worker on leave"
    assert item.deferred_to == new
    assert (new.meeting, new.child, new.source) == (third, child, AgendaItem.Source.DEFERRED)
    assert _children(first) == []
    # The history keeps who deferred it and why.
    assert item.history.first().status == AgendaItem.Status.DEFERRED
    deferred = audited(Event.Verb.AGENDA_ITEM_DEFERRED, actor=coordinator, child=child, obj=item)
    assert deferred.reason == "Social worker on leave"
    # Three added: the full meeting's child, this item, and this item again, deferred.
    audited(Event.Verb.AGENDA_ITEM_ADDED, actor=coordinator, child=child, obj=new, count=3)


def test_deferring_with_no_later_meeting_with_room_is_refused(coordinator):
    only = meeting_on(_in(7))
    item = item_add(actor=coordinator, meeting=only, child=ChildFactory())
    with pytest.raises(ValidationError):
        item_defer(actor=coordinator, item=item, reason="Social worker on leave")
    item.refresh_from_db()
    assert item.status == LISTED


def test_an_item_for_information_is_deferred_even_to_a_full_meeting(coordinator):
    first = meeting_on(_in(7))
    full = meeting_on(_in(21), capacity=1)
    item_add(actor=coordinator, meeting=full, child=ChildFactory())
    item = item_add(actor=coordinator, meeting=first, child=ChildFactory(), for_information=True)
    new = item_defer(actor=coordinator, item=item, reason="Update not ready")
    assert new.meeting == full
    assert new.for_information


def test_an_item_already_deferred_or_removed_cannot_be_deferred_again(coordinator):
    first = meeting_on(_in(7), kind=Kind.CONTEXT)
    meeting_on(_in(35), kind=Kind.CONTEXT)
    theme = item_add(actor=coordinator, meeting=first, subject="place", title="Leeds bus station")
    item_defer(actor=coordinator, item=theme, reason="Police analysis not ready")
    with pytest.raises(ValidationError):
        item_defer(actor=coordinator, item=theme, reason="Police analysis not ready")
    assert AgendaItem.objects.filter(title="Leeds bus station", status=LISTED).count() == 1
    other = item_add(actor=coordinator, meeting=first, subject="place", title="Kirkgate Market")
    item_remove(actor=coordinator, item=other, reason="Raised in error")
    with pytest.raises(ValidationError):
        item_defer(actor=coordinator, item=other, reason="Raised in error")
    with pytest.raises(ValidationError):
        item_remove(actor=coordinator, item=theme, reason="Raised in error")
    with pytest.raises(ValidationError):
        item_move(actor=coordinator, item=other, offset=-1)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_removing_needs_a_reason(coordinator, reason):
    meeting = meeting_on(_in(7))
    item = item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    with pytest.raises(ValidationError):
        item_remove(actor=coordinator, item=item, reason=reason)
    item.refresh_from_db()
    assert item.status == LISTED


def test_removing_keeps_the_item_with_its_reason(coordinator, audited):
    meeting = meeting_on(_in(7))
    item = item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    item_remove(actor=coordinator, item=item, reason="Now open to a Child Protection plan")
    item.refresh_from_db()
    assert (item.status, item.status_reason) == (
        AgendaItem.Status.REMOVED,
        "Now open to a Child Protection plan",
    )
    removed = audited(Event.Verb.AGENDA_ITEM_REMOVED, actor=coordinator, child=item.child, obj=item)
    assert removed.reason == "Now open to a Child Protection plan"
    # The child can be listed again on the same meeting.
    item_add(actor=coordinator, meeting=meeting, child=item.child)


def test_reordering_moves_an_item_up_or_down(coordinator, audited):
    meeting = meeting_on(_in(7))
    a, b, c = (item_add(actor=coordinator, meeting=meeting, child=ChildFactory()) for _ in range(3))

    def order():
        return list(meeting.items.filter(status=LISTED).order_by("position"))

    assert order() == [a, b, c]
    item_move(actor=coordinator, item=c, offset=-1)
    assert order() == [a, c, b]
    item_move(actor=coordinator, item=a, offset=1)
    assert order() == [c, a, b]
    audited(Event.Verb.AGENDA_ITEM_MOVED, actor=coordinator, child=a.child, obj=a, count=2)
    item_move(actor=coordinator, item=c, offset=-1)  # already first
    item_move(actor=coordinator, item=b, offset=1)  # already last
    assert order() == [c, a, b]
    assert sorted(meeting.items.values_list("position", flat=True)) == [0, 1, 2]


def test_the_agenda_of_a_held_meeting_cannot_change(coordinator):
    child = ChildFactory()
    meeting = held_meeting(_in(-7), actor=coordinator, children=[(child, {})])
    meeting_on(_in(7))
    item = meeting.items.get()
    changes = [
        lambda: item_add(actor=coordinator, meeting=meeting, child=ChildFactory()),
        lambda: item_move(actor=coordinator, item=item, offset=1),
        lambda: item_remove(actor=coordinator, item=item, reason="Added by mistake"),
        lambda: item_defer(actor=coordinator, item=item, reason="Not discussed after all"),
        lambda: item_set_information(actor=coordinator, item=item, for_information=True),
    ]
    for change in changes:
        with pytest.raises(ValidationError):
            change()
    item.refresh_from_db()
    assert (item.status, item.for_information) == (LISTED, False)


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.ANALYST, Role.REFERRER, Role.AUDITOR, Role.SILVER, Role.ADMIN]
)
def test_only_the_coordinator_or_chair_changes_an_agenda(make_user, role):
    coordinator = make_user(Role.COORDINATOR)
    meeting = meeting_on(_in(7))
    meeting_on(_in(21))
    item = item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    actor = make_user(role)
    changes = [
        lambda: item_add(actor=actor, meeting=meeting, child=ChildFactory()),
        lambda: item_move(actor=actor, item=item, offset=1),
        lambda: item_remove(actor=actor, item=item, reason="Added by mistake"),
        lambda: item_defer(actor=actor, item=item, reason="Social worker on leave"),
        lambda: item_set_information(actor=actor, item=item, for_information=True),
    ]
    for change in changes:
        with pytest.raises(PermissionDenied):
            change()
    assert list(meeting.items.all()) == [item]


def test_the_chair_may_change_an_agenda(make_user):
    chair = make_user(Role.CHAIR)
    meeting = meeting_on(_in(7), chair=chair)
    second = meeting_on(_in(21))
    item = item_add(actor=chair, meeting=meeting, child=ChildFactory())
    assert item_defer(actor=chair, item=item, reason="Chair wants police update").meeting == second


def test_an_item_that_is_not_a_child_needs_a_title(coordinator):
    meeting = meeting_on(_in(7), kind=Kind.CONTEXT)
    with pytest.raises(ValidationError):
        item_add(actor=coordinator, meeting=meeting, subject="place", title="  ")
    with pytest.raises(ValidationError):
        item_add(actor=coordinator, meeting=meeting, subject="child")
    silver = meeting_on(_in(7), kind=Kind.SILVER)
    with pytest.raises(ValidationError):
        item_add(actor=coordinator, meeting=silver, child=ChildFactory())
    item = item_add(actor=coordinator, meeting=meeting, subject="place", title="Leeds bus station")
    assert item.label == "Leeds bus station"


# Placing an accepted referral by hand, and a daily fill that races the event.


REASON = "Meets the MACE criteria: missing twice this month"


def _accept(coordinator, referral, capture):
    with capture(execute=True):
        referral_decide(
            actor=coordinator, referral_id=referral.id, decision="accept", reason=REASON
        )
    referral.refresh_from_db()


def test_placing_twice_places_once(coordinator, linked, django_capture_on_commit_callbacks):
    meeting_on(_in(7))
    _accept(coordinator, linked, django_capture_on_commit_callbacks)

    assert referral_place(referral_id=linked.pk) is None
    assert AgendaItem.objects.filter(referral=linked).count() == 1


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ANALYST, Role.REFERRER])
def test_only_a_meetings_manager_may_place_by_hand(role, make_user, linked):
    with pytest.raises(PermissionDenied):
        referral_place(referral_id=linked.pk, actor=make_user(role))


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


def test_a_longer_slot_moves_the_items_after_it(agenda_of_two, audited):
    coordinator, meeting, first, second = agenda_of_two
    assert agenda_slots(meeting)[second.pk][0].time() == dt.time(10, 20)
    agenda.item_set_slot(actor=coordinator, item=first, minutes=45)
    slots = agenda_slots(meeting)
    assert slots[first.pk][1] == 45
    assert slots[second.pk][0].time() == dt.time(10, 45)
    event = audited(Event.Verb.AGENDA_ITEM_CHANGED, actor=coordinator, child=first.child)
    assert event.reason == "Discussion time changed from 20 to 45 minutes"


@pytest.mark.parametrize("minutes", [0, 4, 181, None])
def test_a_slot_outside_5_to_180_minutes_is_refused(agenda_of_two, audited, minutes):
    coordinator, _, first, _ = agenda_of_two
    with pytest.raises(ValidationError) as refused:
        agenda.item_set_slot(actor=coordinator, item=first, minutes=minutes)
    assert refused.value.message_dict == {
        "slot_minutes": ["Give the discussion between 5 and 180 minutes"]
    }
    audited(Event.Verb.AGENDA_ITEM_CHANGED, count=0)


def test_only_those_who_manage_meetings_change_a_slot(agenda_of_two, make_user):
    _, _, first, _ = agenda_of_two
    with pytest.raises(PermissionDenied):
        agenda.item_set_slot(actor=make_user(Role.MEMBER), item=first, minutes=30)
