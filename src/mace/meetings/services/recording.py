"""Recording a meeting as it happens: attendance, each child's discussion (saved field by
field as it is typed), findings, and actions; closing the meeting schedules reviews."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.core.actions import completion_note_clean, owned_action_mark_done
from mace.core.levels import Level
from mace.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Contribution,
    Discussion,
    Finding,
    Meeting,
    Minutes,
    Outcome,
)
from mace.meetings.services.common import require_manager, stamp
from mace.people.grants import action_grant_ensure, action_grant_release
from mace.people.selectors import children_visible_to

DISCUSSION_FIELDS = (
    "risk_analysis",
    "push_factors",
    "pull_factors",
    "connectivity",
    "risk_level",
    "outcome",
    "statutory_recommendation",
    "next_review_date",
)


def _recordable(meeting: Meeting) -> None:
    # Read from the database: a Meeting loaded before the approval caches its draft minutes.
    if Minutes.objects.filter(meeting_id=meeting.pk, status=Minutes.Status.APPROVED).exists():
        raise ValidationError("The minutes are approved: add an addendum to correct them")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled")
    if Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.HELD).exists():
        # Closed: the minutes are drafted from this record, and a stale live screen must
        # not change what they say. Corrections go in the minutes (or an addendum).
        raise ValidationError("This meeting is closed: correct the minutes instead")


def _require_child_open(actor, item: AgendaItem | None) -> None:
    """Recording about a child needs the child's record open to the actor (a restricted
    record: named on it, or broken glass)."""
    if (
        item is not None
        and item.child_id
        and not children_visible_to(actor).filter(pk=item.child_id).exists()
    ):
        raise PermissionDenied("Open the child's record before recording about them.")


def _listed(item: AgendaItem) -> None:
    if item.status != AgendaItem.Status.LISTED:
        raise ValidationError("This item was deferred or removed from the agenda")


def discussion_save(*, actor, item: AgendaItem, **fields) -> Discussion:
    """Save some or all of a discussion's fields (the live screen saves each as typed)."""
    require_manager(actor)
    _require_child_open(actor, item)
    _recordable(item.meeting)
    _listed(item)
    unknown = set(fields) - set(DISCUSSION_FIELDS)
    if unknown:
        raise ValueError(f"Not discussion fields: {sorted(unknown)}")
    errors = {}
    if fields.get("risk_level") and fields["risk_level"] not in Level.values:
        errors["risk_level"] = "Choose the risk level agreed"
    if fields.get("outcome") and fields["outcome"] not in Outcome.values:
        errors["outcome"] = "Choose the outcome"
    review = fields.get("next_review_date")
    if review and review < item.meeting.date:
        errors["next_review_date"] = "The next review date must be after the meeting"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        discussion, created = Discussion.objects.select_for_update().get_or_create(
            item=item, defaults={"created_by": actor, "modified_by": actor}
        )
        for name, value in fields.items():
            setattr(discussion, name, value if value is not None else _empty(name))
        stamp(discussion, actor, verb=Event.Verb.DISCUSSION_RECORDED, new=created, child=item.child)
        discussion.save(update_fields=[*fields, "modified_by", "modified_at"])
    return discussion


def _empty(name: str):
    return None if name == "next_review_date" else ""


def discussion_check(discussion: Discussion | None) -> dict[str, str]:
    """What a child's discussion still needs before the minutes can be drafted."""
    if discussion is None:
        return {"outcome": "Nothing has been recorded"}
    missing = {}
    if discussion.item.for_information:
        return missing
    if not discussion.risk_level:
        missing["risk_level"] = "Record the risk level agreed"
    if not discussion.outcome:
        missing["outcome"] = "Record the outcome"
    if discussion.outcome == Outcome.CONTINUE and not discussion.next_review_date:
        missing["next_review_date"] = "Set the next review date (the child stays at MACE)"
    if discussion.outcome == Outcome.RECOMMEND_STATUTORY and not (
        discussion.statutory_recommendation.strip()
    ):
        missing["statutory_recommendation"] = "Say which statutory process is recommended"
    return missing


def contribution_save(*, actor, item: AgendaItem, agency, information: str) -> Contribution:
    """What one agency shared about the item (one entry per agency, replaced as typed)."""
    require_manager(actor)
    _require_child_open(actor, item)
    _recordable(item.meeting)
    with transaction.atomic():
        discussion, created = Discussion.objects.get_or_create(
            item=item, defaults={"created_by": actor, "modified_by": actor}
        )
        contribution, new = Contribution.objects.select_for_update().get_or_create(
            discussion=discussion, agency=agency, defaults={"created_by": actor}
        )
        contribution.information = information
        stamp(contribution, actor, verb=Event.Verb.CONTRIBUTION_SAVED, new=new, child=item.child)
        contribution.save(update_fields=["information", "modified_by", "modified_at"])
    return contribution


def attendance_record(
    *, actor, meeting: Meeting, agency, status: str, attendee_name: str = ""
) -> Attendance:
    require_manager(actor)
    _recordable(meeting)
    if status not in Attendance.Status.values:
        raise ValidationError({"status": "Choose present, deputy, apologies or absent"})
    with transaction.atomic():
        row, created = Attendance.objects.select_for_update().get_or_create(
            meeting=meeting, agency=agency, defaults={"status": status, "created_by": actor}
        )
        row.status = status
        row.attendee_name = attendee_name.strip()
        stamp(row, actor, verb=Event.Verb.ATTENDANCE_RECORDED, new=created)
        row.save(update_fields=["status", "attendee_name", "modified_by", "modified_at"])
    return row


def finding_add(*, actor, meeting: Meeting, kind: str, description: str) -> Finding:
    require_manager(actor)
    _recordable(meeting)
    description = (description or "").strip()
    errors = {}
    if kind not in Finding.Kind.values:
        errors["kind"] = "Choose theme, trend, emerging risk, practice issue or perpetrator"
    if not description:
        errors["description"] = "Describe what the meeting identified"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        finding = Finding(meeting=meeting, kind=kind, description=description)
        stamp(finding, actor, verb=Event.Verb.FINDING_ADDED, new=True)
        finding.save()
    return finding


def action_add(
    *,
    actor,
    meeting: Meeting,
    description: str,
    owner_agency,
    due_date: dt.date,
    owner=None,
    item: AgendaItem | None = None,
    is_recommendation: bool = False,
) -> Action:
    """An action (or recommendation) agreed at the meeting; its owner sees the child while
    the action is open."""
    require_manager(actor)
    _require_child_open(actor, item)
    _recordable(meeting)
    errors = {}
    if not (description or "").strip():
        errors["description"] = "Describe the action"
    if owner_agency is None:
        errors["owner_agency"] = "Choose the agency that owns the action"
    if due_date is None:
        errors["due_date"] = "Enter the date the action is due"
    elif due_date < meeting.date:
        errors["due_date"] = "The due date must be on or after the meeting"
    if owner is not None and owner_agency is not None and owner.agency_id != owner_agency.pk:
        errors["owner"] = f"{owner.full_name} does not work for {owner_agency}"
    if item is not None and item.meeting_id != meeting.pk:
        errors["item"] = "That item is not on this meeting's agenda"
    if errors:
        raise ValidationError(errors)
    child = item.child if item is not None else None
    with transaction.atomic():
        action = Action(
            meeting=meeting,
            item=item,
            child=child,
            description=description.strip(),
            owner_agency=owner_agency,
            owner=owner,
            due_date=due_date,
            is_recommendation=is_recommendation,
        )
        stamp(action, actor, verb=Event.Verb.ACTION_ADDED, new=True, child=child)
        action.save()
        if owner is not None and child is not None:
            action_grant_ensure(
                actor=actor, owner=owner, child=child, reason=f"Owns an action from {meeting}"
            )
    return action


def action_complete(*, actor, action_id, note: str) -> Action:
    """Complete an action: its owner or the coordinator, always with a note."""
    note = completion_note_clean(note)
    with transaction.atomic():
        # Lock the action row only: PostgreSQL refuses FOR UPDATE across the outer join to
        # the (nullable) child.
        action = (
            Action.objects.select_for_update(of=("self",)).select_related("child").get(pk=action_id)
        )
        if actor.pk != action.owner_id:
            require_manager(actor)
        changed = owned_action_mark_done(action, note=note)
        stamp(action, actor, verb=Event.Verb.ACTION_COMPLETED, new=False, child=action.child)
        action.save(update_fields=[*changed, "modified_by", "modified_at"])
        if action.child is not None:
            action_grant_release(owner_id=action.owner_id, child=action.child)
    return action


def meeting_close(*, actor, meeting: Meeting) -> Meeting:
    """The meeting has been held: every child discussed needs a level and an outcome.
    Children to continue come back on their review date (agenda_fill finds them)."""
    require_manager(actor)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError("This meeting is not open")
    items = list(
        meeting.items.filter(status=AgendaItem.Status.LISTED, child__isnull=False)
        .select_related("discussion", "child")
        .order_by("position")
    )
    problems = []
    open_ids = set(
        children_visible_to(actor)
        .filter(pk__in=[item.child_id for item in items])
        .values_list("pk", flat=True)
    )
    for item in items:
        if item.for_information:
            continue  # shared with the meeting, not discussed
        missing = discussion_check(getattr(item, "discussion", None))
        if missing:
            name = item.child.full_name if item.child_id in open_ids else "A restricted record"
            # Lower the first letter of each message only: "MACE" stays capitalised.
            said = "; ".join(text[:1].lower() + text[1:] for text in missing.values())
            problems.append(f"{name}: {said}")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        meeting.status = Meeting.Status.HELD
        stamp(meeting, actor, verb=Event.Verb.MEETING_CLOSED, new=False)
        meeting.save(update_fields=["status", "modified_by", "modified_at"])
    return meeting
