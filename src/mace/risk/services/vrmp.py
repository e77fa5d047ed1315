"""Vulnerability and Risk Management Plans: versions, reviews, actions."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core.actions import completion_note_clean, owned_action_mark_done
from mace.people.grants import action_grant_ensure, action_grant_release
from mace.people.models import Child
from mace.risk.models import Vrmp, VrmpAction, VrmpReview, VrmpVersion
from mace.risk.permissions import can_record_for_child
from mace.risk.services.common import require_recorder as _require_recorder
from mace.risk.services.common import stamp as _stamp
from mace.risk.services.common import stamp_who

VRMP_CONTENT_FIELDS = (
    "vulnerabilities",
    "protective_factors",
    "push_factors",
    "pull_factors",
    "reporting_strategy",
    "la_minimum_enquiries",
    "police_minimum_enquiries",
    "return_interview_strategy",
    "intervention_strategy",
    "contingency_plan",
    "review_frequency_weeks",
    "next_review_date",
)


def _version_from(vrmp: Vrmp, number: int, actor, fields: dict, assessment) -> VrmpVersion:
    unknown = set(fields) - set(VRMP_CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown VRMP fields: {sorted(unknown)}")
    version = VrmpVersion(vrmp=vrmp, number=number, assessment=assessment, **fields)
    stamp_who(version, actor, new=True)
    version.full_clean()
    version.save()
    return version


def vrmp_create(
    *, actor, child: Child, lead_professional=None, assessment=None, **fields
) -> VrmpVersion:
    """Start a child's VRMP with its first version (one audit row, for the plan)."""
    _require_recorder(actor, child)
    with transaction.atomic():
        if Vrmp.objects.filter(child=child, status=Vrmp.Status.ACTIVE).exists():
            raise ValidationError("This child already has an active VRMP: revise it instead")
        vrmp = Vrmp(child=child, lead_professional=lead_professional or actor)
        _stamp(vrmp, actor, verb=Event.Verb.VRMP_CREATED, new=True, payload={"version": 1})
        vrmp.save()
        return _version_from(vrmp, 1, actor, fields, assessment)


def vrmp_revise(*, actor, vrmp: Vrmp, assessment=None, **fields) -> VrmpVersion:
    """Add a new version of the plan; earlier versions stay as they were (one audit row, for
    the new version)."""
    _require_recorder(actor, vrmp.child)
    with transaction.atomic():
        locked = Vrmp.objects.select_for_update().get(pk=vrmp.pk)
        if locked.status != Vrmp.Status.ACTIVE:
            raise ValidationError("This VRMP is closed")
        last = locked.versions.order_by("-number").first()
        number = (last.number if last else 0) + 1
        stamp_who(locked, actor, new=False)
        locked.save(update_fields=["modified_by", "modified_at"])
        version = _version_from(locked, number, actor, fields, assessment or last.assessment)
        event_record(
            actor=actor,
            verb=Event.Verb.VRMP_REVISED,
            child=locked.child,
            obj=version,
            payload={"version": number},
        )
        return version


def vrmp_review(
    *,
    actor,
    vrmp: Vrmp,
    reviewed_on: dt.date,
    effect: str,
    next_review_date: dt.date,
    notes: str = "",
) -> VrmpReview:
    """Record a review: is the plan having the desired effect? Sets the next review date."""
    _require_recorder(actor, vrmp.child)
    if next_review_date <= reviewed_on:
        raise ValidationError({"next_review_date": "The next review must be after this one"})
    with transaction.atomic():
        version = vrmp.versions.order_by("-number").first()
        review = VrmpReview(
            vrmp=vrmp,
            version=version,
            reviewed_on=reviewed_on,
            effect=effect,
            notes=notes.strip(),
            next_review_date=next_review_date,
        )
        _stamp(review, actor, verb=Event.Verb.VRMP_REVIEWED, new=True)
        review.full_clean()
        review.save()
    return review


def vrmp_action_add(
    *, actor, vrmp: Vrmp, description: str, owner_agency, due_date: dt.date, owner=None
) -> VrmpAction:
    """Add an action to the plan. Its owner may then see the child while it is open."""
    _require_recorder(actor, vrmp.child)
    with transaction.atomic():
        action = VrmpAction(
            vrmp=vrmp,
            description=description.strip(),
            owner_agency=owner_agency,
            owner=owner,
            due_date=due_date,
        )
        _stamp(action, actor, verb=Event.Verb.VRMP_ACTION_ADDED, new=True)
        action.full_clean()
        action.save()
        if owner is not None:
            action_grant_ensure(
                actor=actor,
                owner=owner,
                child=vrmp.child,
                reason="Owns an action on the child's VRMP",
            )
    return action


def vrmp_action_complete(*, actor, action_id: uuid.UUID, note: str) -> VrmpAction:
    """Complete an action with a note; the owner's access ends with their last open action."""
    note = completion_note_clean(note)
    with transaction.atomic():
        action = (
            VrmpAction.objects.select_for_update().select_related("vrmp__child").get(pk=action_id)
        )
        child = action.vrmp.child
        if actor != action.owner and not can_record_for_child(actor, child):
            raise PermissionDenied("You cannot complete this action.")
        changed = owned_action_mark_done(action, note=note)
        _stamp(action, actor, verb=Event.Verb.VRMP_ACTION_COMPLETED, new=False)
        action.save(update_fields=[*changed, "modified_by", "modified_at"])
        action_grant_release(owner_id=action.owner_id, child=child)
    return action
