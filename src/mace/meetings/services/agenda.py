"""Building agendas: accepted referrals and due reviews land on the next meeting with room;
the coordinator adds, reorders, defers and removes items, with reasons."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Window
from django.db.models.functions import RowNumber

from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import AgendaItem, Discussion, Invitation, Kind, Meeting, Outcome
from mace.meetings.permissions import can_prepare_contextual_agenda
from mace.meetings.selectors.agenda import agenda_slots
from mace.meetings.services.common import require_manager, stamp
from mace.meetings.services.invitations import item_grants_open, item_grants_revoke
from mace.referrals.models import Referral

LISTED = AgendaItem.Status.LISTED
# Items that take one of a meeting's places for children.
_TAKES_ROOM = Q(items__status=LISTED, items__child__isnull=False, items__for_information=False)


def _upcoming(kind: str, on_or_after: dt.date):
    first = max(on_or_after, clock.today())
    return Meeting.objects.filter(
        kind=kind, status=Meeting.Status.SCHEDULED, date__gte=first
    ).order_by("date", "start_time")


def meeting_next_with_room(*, on_or_after: dt.date, kind: str = Kind.CHILD) -> Meeting | None:
    """The first scheduled meeting on or after the date with a place for another child."""
    return (
        _upcoming(kind, on_or_after)
        .annotate(listed=Count("items", filter=_TAKES_ROOM))
        .filter(listed__lt=F("capacity"))
        .first()
    )


def _next_position(meeting: Meeting) -> int:
    top = meeting.items.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _item_create(*, meeting: Meeting, actor=None, **fields) -> AgendaItem:
    item = AgendaItem(
        meeting=meeting,
        position=_next_position(meeting),
        slot_minutes=meeting.slot_minutes,
        **fields,
    )
    child = item.child if item.child_id else None
    stamp(item, actor, verb=Event.Verb.AGENDA_ITEM_ADDED, new=True, child=child)
    item.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError({"child": "This child is already on this agenda"}) from None
    if item.child_id and meeting.invitations_sent_at:
        item_grants_open(actor=actor, item=item)
    return item


def _listed_upcoming(child_id) -> bool:
    return AgendaItem.objects.filter(
        child_id=child_id,
        status=LISTED,
        meeting__status=Meeting.Status.SCHEDULED,
        meeting__date__gte=clock.today(),
    ).exists()


def referral_place(*, referral_id, actor=None) -> AgendaItem | None:
    """Put an accepted referral on the next meeting with room (None if it is not accepted,
    already placed, or no meeting has room yet: the daily agenda fill places it when one
    does). Its own transaction. ``actor`` None is the system, as when it follows a triage
    decision (``referral_accepted``): the decision's own audit row names the coordinator."""
    if actor is not None:
        require_manager(actor)
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("child")
            .get(pk=referral_id)
        )
        if referral.status != Referral.Status.ACCEPTED:
            return None
        if AgendaItem.objects.filter(referral=referral).exists():
            return None
        on_or_after = referral.accepted_for or clock.today()
        if referral.subject == Referral.Subject.CONTEXT:
            meeting = _upcoming(Kind.CONTEXT, on_or_after).first()
            if meeting is None:
                return None
            return _context_item_create(meeting=meeting, referral=referral, actor=actor)
        if referral.child_id is None or _listed_upcoming(referral.child_id):
            return None
        meeting = meeting_next_with_room(on_or_after=on_or_after)
        if meeting is None:
            return None
        return _item_create(
            meeting=meeting,
            actor=actor,
            child=referral.child,
            source=AgendaItem.Source.REFERRAL,
            referral=referral,
        )


def _context_item_create(*, meeting: Meeting, referral: Referral, actor=None) -> AgendaItem:
    return _item_create(
        meeting=meeting,
        actor=actor,
        subject=AgendaItem.Subject.OTHER,
        title=f"Context referral {referral.reference}",
        source=AgendaItem.Source.REFERRAL,
        referral=referral,
    )


def referrals_pending():
    """Accepted referrals not yet on any agenda (and not deliberately taken off one)."""
    return (
        Referral.objects.filter(status=Referral.Status.ACCEPTED)
        .exclude(pk__in=AgendaItem.objects.filter(referral__isnull=False).values("referral_id"))
        .select_related("child")
        .order_by("decided_at")
    )


def reviews_due(*, by: dt.date):
    """Discussions that asked for a child to come back by ``by`` and have not been met:
    the child's latest discussion said "continue at MACE", and the child is on no agenda
    of a later meeting."""
    # Each child's latest discussion, ranked in one pass over the discussions (a subquery
    # for each discussion, as this was, read the agendas again for every one of them).
    latest = (
        Discussion.objects.filter(item__child__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("item__child_id"),
                order_by=(F("item__meeting__date").desc(), F("modified_at").desc()),
            )
        )
        .filter(rank=1)
        .values("pk")
    )
    # Listed on a later agenda, or deliberately taken off one (removed: the daily fill must
    # not put it back; deferred: it is listed further on).
    later_item = AgendaItem.objects.filter(
        child_id=OuterRef("item__child_id"),
        meeting__date__gt=OuterRef("item__meeting__date"),
    ).exclude(meeting__status=Meeting.Status.CANCELLED)
    return (
        Discussion.objects.filter(
            pk__in=latest,
            outcome=Outcome.CONTINUE,
            next_review_date__lte=by,
            item__meeting__status=Meeting.Status.HELD,
        )
        .exclude(Exists(later_item))
        .select_related("item__child")
        .order_by("next_review_date", "created_at", "pk")
    )


def _still_waiting(referral: Referral) -> bool:
    """Lock the referral, then check again that no agenda has it: the list of waiting
    referrals was read before, and the triage event (``referral_place``, which takes the
    same lock) may have placed it since."""
    list(Referral.objects.select_for_update(of=("self",)).filter(pk=referral.pk))
    return not AgendaItem.objects.filter(referral_id=referral.pk).exists()


def _context_referrals_fill(*, meeting: Meeting, actor=None) -> list[AgendaItem]:
    """Context referrals accepted while no contextual meeting was scheduled (they take no
    place: no child)."""
    added = []
    with transaction.atomic():
        for referral in referrals_pending().filter(subject=Referral.Subject.CONTEXT):
            if referral.accepted_for and referral.accepted_for > meeting.date:
                continue
            if not _still_waiting(referral):
                continue
            added.append(_context_item_create(meeting=meeting, referral=referral, actor=actor))
    return added


def agenda_fill(*, meeting: Meeting, actor=None) -> list[AgendaItem]:
    """Add to a child-focused meeting the reviews due by its date and the accepted referrals
    waiting for it, while it has room. Idempotent; reviews first, oldest first. A contextual
    meeting takes the context referrals waiting for it."""
    if meeting.status != Meeting.Status.SCHEDULED:
        return []
    if meeting.kind == Kind.CONTEXT:
        return _context_referrals_fill(meeting=meeting, actor=actor)
    if meeting.kind != Kind.CHILD:
        return []
    added = []
    with transaction.atomic():
        room = (
            meeting.capacity
            - meeting.items.filter(
                status=LISTED, child__isnull=False, for_information=False
            ).count()
        )
        for discussion in reviews_due(by=meeting.date):
            if room <= 0:
                break
            child = discussion.item.child
            if meeting.items.filter(child=child, status=LISTED).exists():
                continue
            added.append(
                _item_create(
                    meeting=meeting, actor=actor, child=child, source=AgendaItem.Source.REVIEW
                )
            )
            room -= 1
        for referral in referrals_pending():
            if room <= 0:
                break
            if referral.subject != Referral.Subject.CHILD or referral.child_id is None:
                continue
            if referral.accepted_for and referral.accepted_for > meeting.date:
                continue
            if _listed_upcoming(referral.child_id) or not _still_waiting(referral):
                continue
            added.append(
                _item_create(
                    meeting=meeting,
                    actor=actor,
                    child=referral.child,
                    source=AgendaItem.Source.REFERRAL,
                    referral=referral,
                )
            )
            room -= 1
    return added


@contextmanager
def _slot_times_followed(meeting: Meeting):
    """Practitioners hold a calendar entry for their child's slot: when a change to the
    agenda moves a slot, its invitation is marked to be sent again (with the new time)."""
    before = agenda_slots(meeting)
    yield
    after = agenda_slots(meeting)
    moved = [pk for pk, (start, _) in after.items() if pk in before and before[pk][0] != start]
    if moved:
        Invitation.objects.filter(item_id__in=moved, revoked_at__isnull=True).update(sent_at=None)


def _editable(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError("The agenda of a meeting that has been held cannot be changed")


def item_add(
    *,
    actor,
    meeting: Meeting,
    subject: str = AgendaItem.Subject.CHILD,
    child=None,
    title: str = "",
    subject_object=None,
    for_information: bool = False,
) -> AgendaItem:
    """The coordinator adds an item: a child, or a contextual subject. The analyst, who
    prepares the contextual MACE, may add places, groups, persons and themes to a
    contextual meeting's agenda too."""
    if not can_prepare_contextual_agenda(actor, meeting, subject):
        require_manager(actor)
    _editable(meeting)
    if subject == AgendaItem.Subject.CHILD:
        if child is None:
            raise ValidationError({"child": "Choose the child"})
        if meeting.kind not in (Kind.CHILD, Kind.CONTEXT):
            raise ValidationError({"child": "Children are discussed at MACE meetings"})
    elif subject_object is None and not title.strip():
        raise ValidationError({"title": "Say what the item is about"})
    fields = {"subject": subject, "for_information": for_information}
    if child is not None:
        fields["child"] = child
    if subject_object is not None:
        fields["subject_object"] = subject_object
    with transaction.atomic():
        return _item_create(meeting=meeting, actor=actor, title=title.strip(), **fields)


def item_move(*, actor, item: AgendaItem, offset: int) -> None:
    """Move an item up (offset -1) or down (+1) the agenda."""
    require_manager(actor)
    _editable(item.meeting)
    with transaction.atomic(), _slot_times_followed(item.meeting):
        items = list(item.meeting.items.filter(status=LISTED).select_for_update())
        index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
        if index is None:
            raise ValidationError("This item is no longer on the agenda")
        target = index + offset
        if not 0 <= target < len(items):
            return
        items.insert(target, items.pop(index))
        for position, other in enumerate(items):
            if other.position != position:
                AgendaItem.objects.filter(pk=other.pk).update(position=position)
        stamp(item, actor, verb=Event.Verb.AGENDA_ITEM_MOVED, new=False, child=item.child)


def item_set_information(*, actor, item: AgendaItem, for_information: bool) -> AgendaItem:
    require_manager(actor)
    _editable(item.meeting)
    with transaction.atomic(), _slot_times_followed(item.meeting):
        item.for_information = for_information
        stamp(item, actor, verb=Event.Verb.AGENDA_ITEM_CHANGED, new=False, child=item.child)
        item.save(update_fields=["for_information", "modified_by", "modified_at"])
    return item


SLOT_MINUTES = (5, 180)


def item_set_slot(*, actor, item: AgendaItem, minutes: int) -> AgendaItem:
    """Change how long the item's discussion takes: the items after it move, and the
    invitations to the slots that moved are sent again with the new times."""
    require_manager(actor)
    _editable(item.meeting)
    low, high = SLOT_MINUTES
    if minutes is None or not low <= minutes <= high:
        raise ValidationError(
            {"slot_minutes": f"Give the discussion between {low} and {high} minutes"}
        )
    with transaction.atomic(), _slot_times_followed(item.meeting):
        _listed(item)
        if item.for_information:
            raise ValidationError(
                {"slot_minutes": "An item for information takes no time: make it one to discuss"}
            )
        before = item.slot_minutes
        if minutes == before:
            return item
        item.slot_minutes = minutes
        stamp(
            item,
            actor,
            verb=Event.Verb.AGENDA_ITEM_CHANGED,
            new=False,
            child=item.child,
            reason=f"Discussion time changed from {before} to {minutes} minutes",
        )
        item.save(update_fields=["slot_minutes", "modified_by", "modified_at"])
    return item


def _listed(item: AgendaItem) -> None:
    """Lock the item; refuse unless it is still on the agenda (not deferred or removed)."""
    if not AgendaItem.objects.select_for_update().filter(pk=item.pk, status=LISTED).exists():
        raise ValidationError("This item is no longer on the agenda")


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason (it is kept with the agenda)"})
    return reason


def item_remove(*, actor, item: AgendaItem, reason: str) -> AgendaItem:
    """Take an item off the agenda with a reason; invitations to its slot lose access."""
    require_manager(actor)
    reason = _reason(reason)
    _editable(item.meeting)
    with transaction.atomic(), _slot_times_followed(item.meeting):
        _listed(item)
        item.status = AgendaItem.Status.REMOVED
        item.status_reason = reason
        verb = Event.Verb.AGENDA_ITEM_REMOVED
        stamp(item, actor, verb=verb, new=False, child=item.child, reason=reason)
        item.save(update_fields=["status", "status_reason", "modified_by", "modified_at"])
        item_grants_revoke(actor=actor, item=item, reason=reason)
    return item


def item_defer(*, actor, item: AgendaItem, reason: str) -> AgendaItem:
    """Defer an item to the next meeting of its kind with room; returns the new item."""
    require_manager(actor)
    reason = _reason(reason)
    meeting = item.meeting
    _editable(meeting)
    with transaction.atomic(), _slot_times_followed(item.meeting):
        _listed(item)
        later = _upcoming(meeting.kind, meeting.date).exclude(pk=meeting.pk)
        if item.child_id and not item.for_information:
            later = later.annotate(listed=Count("items", filter=_TAKES_ROOM)).filter(
                listed__lt=F("capacity")
            )
        if item.child_id:
            # Not to a meeting the child is already on.
            later = later.exclude(
                pk__in=AgendaItem.objects.filter(child_id=item.child_id, status=LISTED).values(
                    "meeting_id"
                )
            )
        target = later.filter(date__gt=meeting.date).first()
        if target is None:
            raise ValidationError(
                {"reason": "There is no later meeting with room; schedule one first"}
            )
        item.status = AgendaItem.Status.DEFERRED
        item.status_reason = reason
        verb = Event.Verb.AGENDA_ITEM_DEFERRED
        stamp(item, actor, verb=verb, new=False, child=item.child, reason=reason)
        item.save(update_fields=["status", "status_reason", "modified_by", "modified_at"])
        item_grants_revoke(actor=actor, item=item, reason=reason)
        new = _item_create(
            meeting=target,
            actor=actor,
            subject=item.subject,
            child=item.child,
            subject_type=item.subject_type,
            subject_id=item.subject_id,
            title=item.title,
            source=AgendaItem.Source.DEFERRED,
            referral=item.referral,
            for_information=item.for_information,
        )
        item.deferred_to = new
        item.save(update_fields=["deferred_to"])
    return new
