"""Minutes: drafted from what was recorded, edited, approved by the chair, then locked.
Corrections after approval are addenda."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock
from mace.meetings.models import Addendum, AgendaItem, Meeting, Minutes, MinutesEntry
from mace.meetings.permissions import can_approve_minutes, can_manage_meetings
from mace.meetings.services.common import require_manager, stamp
from mace.people.selectors import children_visible_to


class MinutesLocked(ValidationError):
    def __init__(self):
        super().__init__("The minutes are approved and locked: add an addendum instead")


def _items(meeting: Meeting):
    return (
        meeting.items.filter(status=AgendaItem.Status.LISTED)
        .select_related("child", "discussion")
        .prefetch_related("discussion__contributions__agency", "actions__owner_agency")
        .order_by("position", "created_at")
    )


def minutes_draft(*, actor, meeting: Meeting) -> Minutes:
    """Draft the minutes from the record of the meeting (once: a draft is then edited)."""
    require_manager(actor)
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError("Close the meeting before drafting its minutes")
    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError("The minutes have already been drafted")
    general = render_to_string(
        "meetings/minutes/general.txt",
        {
            "meeting": meeting,
            "attendance": meeting.attendance.select_related("agency"),
            "findings": meeting.findings.all(),
            "actions": meeting.actions.filter(item__isnull=True).select_related("owner_agency"),
            "other_items": _items(meeting).filter(child__isnull=True),
        },
    ).strip()
    with transaction.atomic():
        minutes = Minutes(meeting=meeting, text=general)
        stamp(minutes, actor, verb=Event.Verb.MINUTES_DRAFTED, new=True)
        minutes.save()
        for item in _items(meeting).filter(child__isnull=False):
            text = render_to_string(
                "meetings/minutes/item.txt",
                {"item": item, "discussion": getattr(item, "discussion", None)},
            ).strip()
            entry = MinutesEntry(minutes=minutes, item=item, text=text)
            stamp(entry, actor, verb=Event.Verb.MINUTES_DRAFTED, new=True, child=item.child)
            entry.save()
    return minutes


def minutes_edit(*, actor, minutes: Minutes, text: str, entries: dict | None = None) -> Minutes:
    """Edit a draft: the general text and any item's entry (by item id)."""
    require_manager(actor)
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if minutes.is_locked:
            raise MinutesLocked()
        if not (text or "").strip():
            raise ValidationError({"text": "The minutes cannot be empty"})
        minutes.text = text.strip()
        stamp(minutes, actor, verb=Event.Verb.MINUTES_CHANGED, new=False)
        minutes.save(update_fields=["text", "modified_by", "modified_at"])
        open_ids = set(
            children_visible_to(actor)
            .values_list("pk", flat=True)
            .filter(pk__in=minutes.entries.values("item__child_id"))
        )
        for entry in minutes.entries.select_related("item__child"):
            new_text = (entries or {}).get(str(entry.item_id))
            if new_text is None or new_text.strip() == entry.text:
                continue
            if entry.item.child_id not in open_ids:
                raise PermissionDenied("Open the child's record before editing their minutes.")
            entry.text = new_text.strip()
            stamp(entry, actor, verb=Event.Verb.MINUTES_CHANGED, new=False, child=entry.item.child)
            entry.save(update_fields=["text", "modified_by", "modified_at"])
    return minutes


def minutes_approve(*, actor, minutes: Minutes) -> Minutes:
    """The chair approves the minutes; from now on they are locked."""
    if not can_approve_minutes(actor, minutes.meeting):
        raise PermissionDenied("Only the chair of the meeting can approve its minutes.")
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if minutes.is_locked:
            raise MinutesLocked()
        minutes.status = Minutes.Status.APPROVED
        minutes.approved_at = clock.now()
        minutes.approved_by = actor
        minutes.modified_by = actor
        minutes.save(
            update_fields=["status", "approved_at", "approved_by", "modified_by", "modified_at"]
        )
        event_record(actor=actor, verb=Event.Verb.MINUTES_APPROVED, obj=minutes)
    return minutes


def addendum_add(*, actor, minutes: Minutes, text: str, item: AgendaItem | None = None):
    """Correct approved minutes: an addendum, dated and signed, never an edit."""
    if not (can_approve_minutes(actor, minutes.meeting) or can_manage_meetings(actor)):
        raise PermissionDenied("Only the coordinator or chair can correct minutes.")
    if not minutes.is_locked:
        raise ValidationError({"text": "The minutes are still a draft: edit them instead"})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the correction"})
    if item is not None and (
        item.meeting_id != minutes.meeting_id or item.status != AgendaItem.Status.LISTED
    ):
        raise ValidationError({"item": "That item is not on this meeting's agenda"})
    with transaction.atomic():
        addendum = Addendum(minutes=minutes, item=item, text=text)
        child = item.child if item else None
        stamp(addendum, actor, verb=Event.Verb.MINUTES_ADDENDUM_ADDED, new=True, child=child)
        addendum.save()
    return addendum
