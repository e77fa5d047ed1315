"""Triage: recognise the child, decide with a reason, tell the referrer."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock
from mace.people.models import Child
from mace.people.services import child_create
from mace.referrals.models import Referral, ReferralDecision, ReferralLink
from mace.referrals.permissions import can_triage
from mace.referrals.selectors.referrals import OPEN_STATUSES, referrals_about_same_child
from mace.referrals.signals import referral_accepted_send

REASON_MIN = 10


def _require_triage(actor) -> None:
    if not can_triage(actor):
        raise PermissionDenied("Only the MACE coordinator triages referrals.")


def _locked(referral_id: uuid.UUID) -> Referral:
    return (
        Referral.objects.select_for_update()
        .exclude(status=Referral.Status.DRAFT)
        .get(pk=referral_id)
    )


def referral_link_child(
    *,
    actor,
    referral_id: uuid.UUID,
    child_id: uuid.UUID,
    score: float | None = None,
    reasons: list | None = None,
) -> ReferralLink:
    """Confirm that the referral is about this known child; the referral joins the child."""
    _require_triage(actor)
    with transaction.atomic():
        referral = _locked(referral_id)
        if referral.child_id is not None:
            raise ValidationError("This referral is already linked to a child: undo that first")
        child = Child.objects.get(pk=child_id)
        link = _link(actor, referral, child, ReferralLink.How.MATCHED, score, reasons or [])
    return link


def referral_create_child(*, actor, referral_id: uuid.UUID) -> ReferralLink:
    """No known child matches: create one from what the referral says, and link it."""
    _require_triage(actor)
    with transaction.atomic():
        referral = _locked(referral_id)
        if referral.subject != Referral.Subject.CHILD:
            raise ValidationError("A referral about a context has no child to create")
        if referral.child_id is not None:
            raise ValidationError("This referral is already linked to a child: undo that first")
        if not (referral.child_given_name or referral.child_family_name):
            raise ValidationError("The referral gives no name: ask the referrer for more")
        child = _child_from(referral, actor)
        link = _link(actor, referral, child, ReferralLink.How.CREATED, None, [])
    return link


def referral_unlink_child(*, actor, referral_id: uuid.UUID, reason: str) -> ReferralLink:
    """Undo a wrong match: the referral leaves the child, and the undo is recorded."""
    _require_triage(actor)
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN:
        raise ValidationError({"reason": "Say why the match was wrong"})
    with transaction.atomic():
        referral = _locked(referral_id)
        link = referral.links.filter(undone_at__isnull=True).order_by("-created_at").first()
        if link is None or referral.child_id is None:
            raise ValidationError("This referral is not linked to a child")
        link.undone_at = clock.now()
        link.undone_by = actor
        link.undo_reason = reason
        link.save(update_fields=["undone_at", "undone_by", "undo_reason", "modified_at"])
        child = referral.child
        referral.child = None
        referral.modified_by = actor
        referral.save(update_fields=["child", "modified_by", "modified_at"])
        event_record(
            actor=actor,
            verb=Event.Verb.REFERRAL_UNLINKED,
            child=child,
            obj=referral,
            reason=reason,
            payload={"link": "undone"},
        )
    return link


def referral_decide(
    *,
    actor,
    referral_id: uuid.UUID,
    decision: str,
    reason: str,
    signpost_to: str = "",
    meeting_date: dt.date | None = None,
) -> ReferralDecision:
    """Decide a referral with a reason; the referrer is emailed the decision and reason.
    Once an acceptance commits, ``referral_accepted`` is sent (meetings places it)."""
    _require_triage(actor)
    reason = (reason or "").strip()
    errors = {}
    if decision not in ReferralDecision.Decision.values:
        errors["decision"] = "Choose a decision"
    if len(reason) < REASON_MIN:
        errors["reason"] = "Give the reason for the decision (the referrer will see it)"
    if decision == ReferralDecision.Decision.SIGNPOST and not signpost_to.strip():
        errors["signpost_to"] = "Say where the referral is signposted to"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        referral = _locked(referral_id)
        if referral.status not in OPEN_STATUSES:
            raise ValidationError("This referral has already been decided")
        if (
            decision == ReferralDecision.Decision.ACCEPT
            and referral.subject == Referral.Subject.CHILD
            and referral.child_id is None
        ):
            raise ValidationError(
                {"decision": "Confirm which child this is (or create a new child) before accepting"}
            )
        record = ReferralDecision(
            referral=referral,
            decision=decision,
            reason=reason,
            signpost_to=signpost_to.strip(),
            meeting_date=meeting_date,
            created_by=actor,
            modified_by=actor,
        )
        record.full_clean()
        record.save()
        referral.status = {
            ReferralDecision.Decision.ACCEPT: Referral.Status.ACCEPTED,
            ReferralDecision.Decision.SIGNPOST: Referral.Status.SIGNPOSTED,
            ReferralDecision.Decision.DECLINE: Referral.Status.DECLINED,
            ReferralDecision.Decision.MORE_INFORMATION: Referral.Status.AWAITING_INFORMATION,
        }[decision]
        referral.decision_reason = reason
        referral.signpost_to = signpost_to.strip()
        referral.accepted_for = meeting_date
        if decision != ReferralDecision.Decision.MORE_INFORMATION:
            referral.decided_at = clock.now()
        referral.modified_by = actor
        referral.save(
            update_fields=[
                "status",
                "decision_reason",
                "signpost_to",
                "accepted_for",
                "decided_at",
                "modified_by",
                "modified_at",
            ]
        )
        event_record(
            actor=actor,
            verb=Event.Verb.REFERRAL_TRIAGED,
            child=referral.child,
            obj=referral,
            reason=reason,
            payload={"decision": decision},
        )
        if decision == ReferralDecision.Decision.ACCEPT:
            # Meetings (above referrals) listens, and places it on an agenda.
            transaction.on_commit(partial(referral_accepted_send, referral_id=referral.pk))
        transaction.on_commit(lambda: _notify_decision(record.pk))
    return record


def _link(actor, referral, child, how, score, reasons) -> ReferralLink:
    link = ReferralLink(
        referral=referral,
        child=child,
        how=how,
        score=score,
        reasons=reasons,
        created_by=actor,
        modified_by=actor,
    )
    link.full_clean()
    link.save()
    referral.child = child
    referral.modified_by = actor
    referral.save(update_fields=["child", "modified_by", "modified_at"])
    event_record(
        actor=actor,
        verb=Event.Verb.REFERRAL_LINKED,
        child=child,
        obj=referral,
        payload={"link": how},
    )
    others = list(referrals_about_same_child(referral=referral))
    if others:
        transaction.on_commit(lambda: _alert_repeat(referral.pk, [o.pk for o in others]))
    return link


GENDERS = {
    "female": "female",
    "girl": "female",
    "f": "female",
    "male": "male",
    "boy": "male",
    "m": "male",
}


def _child_from(referral: Referral, actor) -> Child:
    """The child the referral describes, recorded by people's service."""
    year = "".join(ch for ch in referral.child_year_group if ch.isdigit())
    return child_create(
        actor=actor,
        given_name=referral.child_given_name,
        family_name=referral.child_family_name,
        date_of_birth=referral.child_date_of_birth,
        age_estimate=referral.child_age_estimate,
        gender=GENDERS.get(referral.child_gender.strip().lower(), Child.Gender.NOT_KNOWN),
        first_language=referral.child_first_language,
        nationality=referral.child_nationality,
        school_name=referral.child_school,
        year_group=int(year) if year and int(year) <= 14 else None,
        case_system_id=referral.case_system_id,
        aliases=[a.strip() for a in referral.child_aliases.split(",") if a.strip()],
        address_line=referral.child_address,
        postcode=referral.child_postcode,
    )


def _notify_decision(decision_id) -> None:
    from mace.referrals.services.notify import referral_decision_notify

    referral_decision_notify(decision_id=decision_id)


def _alert_repeat(referral_id, other_ids) -> None:
    from mace.referrals.services.notify import repeat_referral_alert

    repeat_referral_alert(referral_id=referral_id, other_ids=other_ids)
