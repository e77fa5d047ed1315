"""Writes about children and who may see them."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.accounts.permissions import can_search_cohort, can_view_audit
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock
from mace.people.models import Child, ChildAccess, ChildAddress, ChildAlias, School
from mace.people.selectors import child_can_break_glass

BREAK_GLASS_MIN_REASON = 20


def break_glass_open(*, actor, child_id: uuid.UUID, reason: str) -> ChildAccess:
    """Open a restricted record for a limited time, with a written reason, for review."""
    reason = (reason or "").strip()
    if not child_can_break_glass(user=actor, child_id=child_id):
        raise PermissionDenied("You cannot break glass on this record.")
    if len(reason) < BREAK_GLASS_MIN_REASON:
        raise ValidationError(
            {
                "reason": (
                    f"Explain why you need this record now, in at least "
                    f"{BREAK_GLASS_MIN_REASON} characters"
                )
            }
        )
    now = clock.now()
    with transaction.atomic():
        child = Child.objects.get(pk=child_id)
        grant = ChildAccess(
            user=actor,
            child=child,
            basis=ChildAccess.Basis.BREAK_GLASS,
            reason=reason,
            starts_at=now,
            expires_at=now + dt.timedelta(hours=settings.MACE_BREAK_GLASS_HOURS),
            granted_by=actor,
        )
        grant.full_clean()
        grant.save()
        event_record(
            actor=actor, verb=Event.Verb.BREAK_GLASS, child=child, obj=grant, reason=reason
        )
    return grant


def break_glass_review(
    *, actor, grant_id: uuid.UUID, finding: str, note: str, follow_up: str = ""
) -> ChildAccess:
    """The auditor records that a break-glass access was reviewed and what they found:
    justified, not justified (and what follows), or referred to the data protection
    officer."""
    if not can_view_audit(actor):
        raise PermissionDenied("Only an auditor reviews break-glass access.")
    note, follow_up = (note or "").strip(), (follow_up or "").strip()
    errors = {}
    if finding not in ChildAccess.ReviewFinding.values:
        errors["finding"] = "Choose what the review found"
    if not note:
        errors["note"] = "Enter what the review found"
    if finding == ChildAccess.ReviewFinding.NOT_JUSTIFIED and not follow_up:
        errors["follow_up"] = "Enter what follows, for example raised with their line manager"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        grant = ChildAccess.objects.select_for_update().get(
            pk=grant_id, basis=ChildAccess.Basis.BREAK_GLASS
        )
        if grant.reviewed_at is not None:
            raise ValidationError({"note": "This access has already been reviewed"})
        grant.reviewed_at = clock.now()
        grant.reviewed_by = actor
        grant.review_finding = finding
        grant.review_note = note
        grant.review_follow_up = (
            follow_up if finding == ChildAccess.ReviewFinding.NOT_JUSTIFIED else ""
        )
        grant.save(
            update_fields=[
                "reviewed_at",
                "reviewed_by",
                "review_finding",
                "review_note",
                "review_follow_up",
            ]
        )
        event_record(
            actor=actor,
            verb=Event.Verb.BREAK_GLASS_REVIEWED,
            child=grant.child,
            obj=grant,
            reason=note,
            payload={"finding": finding, "follow_up": grant.review_follow_up},
        )
    return grant


def child_access_grant(
    *,
    actor,
    user,
    child: Child,
    basis: str,
    expires_at: dt.datetime | None = None,
    starts_at: dt.datetime | None = None,
    reason: str = "",
) -> ChildAccess:
    """Give one user access to one child on a stated basis (invitation, action, ...).

    Called by the services that create the basis (a meeting invitation, an action, an
    escalation); they have checked that the actor may do that.
    """
    if basis == ChildAccess.Basis.BREAK_GLASS:
        raise ValueError("Break-glass access is opened with break_glass_open")
    with transaction.atomic():
        grant = ChildAccess(
            user=user,
            child=child,
            basis=basis,
            reason=reason,
            starts_at=starts_at or clock.now(),
            expires_at=expires_at,
            granted_by=actor,
        )
        grant.full_clean()
        grant.save()
        event_record(
            actor=actor,
            verb=Event.Verb.ACCESS_GRANTED,
            child=child,
            obj=grant,
            reason=reason,
            payload=_grant_payload(grant),
        )
    return grant


def _grant_payload(grant: ChildAccess) -> dict:
    return {
        "user": grant.user.email,
        "basis": grant.basis,
        "expires_at": grant.expires_at.isoformat() if grant.expires_at else None,
    }


def _grants_open(grant_ids) -> list[ChildAccess]:
    return list(
        ChildAccess.objects.filter(pk__in=grant_ids, revoked_at__isnull=True)
        .select_related("user", "child")
        .order_by("pk")
    )


def child_access_revoke(*, actor, grant_ids, reason: str) -> int:
    """End these grants now (those not ended already), each with its history row and an
    ``people.access_revoked`` event; ``actor`` None is the system (a rule ended it).
    Called by the services that end the basis (an item taken off an agenda, the owner's last
    open action done), which have checked the actor may do that. Returns how many ended."""
    now = clock.now()
    with transaction.atomic():
        grants = _grants_open(grant_ids)
        for grant in grants:
            grant.revoked_at = now
            grant.save(update_fields=["revoked_at"])
            event_record(
                actor=actor,
                verb=Event.Verb.ACCESS_REVOKED,
                child=grant.child,
                obj=grant,
                reason=reason,
                payload=_grant_payload(grant),
            )
    return len(grants)


def child_access_expiry_move(*, actor, grant_ids, expires_at: dt.datetime, reason: str) -> int:
    """Move the end of these open grants (a meeting moved: access runs to 28 days after its
    new date), each with its history row and an ``people.access_changed`` event."""
    with transaction.atomic():
        grants = [g for g in _grants_open(grant_ids) if g.expires_at != expires_at]
        for grant in grants:
            before = grant.expires_at
            grant.expires_at = expires_at
            grant.save(update_fields=["expires_at"])
            event_record(
                actor=actor,
                verb=Event.Verb.ACCESS_CHANGED,
                child=grant.child,
                obj=grant,
                reason=reason,
                payload={
                    **_grant_payload(grant),
                    "expires_before": before.isoformat() if before else None,
                },
            )
    return len(grants)


def child_create(
    *,
    actor,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None = None,
    age_estimate: int | None = None,
    gender: str = Child.Gender.NOT_KNOWN,
    first_language: str = "",
    nationality: str = "",
    school_name: str = "",
    year_group: int | None = None,
    case_system_id: str = "",
    aliases: list[str] | tuple[str, ...] = (),
    address_line: str = "",
    postcode: str = "",
) -> Child:
    """Record a child new to MACE (triage found no known child), with their aliases and
    address, audited as ``child.created``. Only those who see the whole cohort may add to
    it. A date of birth not given but an age is recorded as an estimate."""
    if not can_search_cohort(actor):
        raise PermissionDenied("Only the MACE coordinator, chair or analyst adds a child.")
    school = (
        School.objects.filter(name__iexact=school_name.strip()).first()
        if school_name.strip()
        else None
    )
    child = Child(
        given_name=given_name.strip() or "Unknown",
        family_name=family_name.strip() or "Unknown",
        date_of_birth=date_of_birth,
        date_of_birth_is_estimated=date_of_birth is None,
        gender=gender,
        first_language=first_language[:60],
        nationality=nationality[:60],
        school=school,
        year_group=year_group,
        case_system_id=case_system_id[:40],
        created_by=actor,
        modified_by=actor,
    )
    if child.date_of_birth is None and age_estimate:
        today = clock.today()
        child.date_of_birth = today.replace(year=today.year - age_estimate)
    with transaction.atomic():
        child.full_clean()
        child.save()
        for name in aliases:
            ChildAlias.objects.create(
                child=child, name=name[:200], created_by=actor, modified_by=actor
            )
        if postcode.strip() or address_line.strip():
            ChildAddress.objects.create(
                child=child,
                line_1=address_line.strip()[:200] or "Address not given",
                town="",
                postcode=postcode.strip()[:10],
                date_from=clock.today(),
                created_by=actor,
                modified_by=actor,
            )
        event_record(actor=actor, verb=Event.Verb.CHILD_CREATED, child=child, obj=child)
    return child
