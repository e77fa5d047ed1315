"""Writing referrals: drafts saved step by step, submission, and referrals that arrive whole
(secure mailbox, API)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock
from mace.referrals.models import Referral, SuspectedPerpetrator
from mace.referrals.sections import MAX_PERPETRATORS, PERPETRATOR_FIELDS, section


def _require_owner(actor, referral: Referral) -> None:
    if referral.referrer_id != actor.pk:
        raise PermissionDenied("This is not your referral.")
    if referral.status != Referral.Status.DRAFT:
        raise ValidationError("This referral has been submitted and can no longer be changed.")


def referral_start(*, actor, subject: str = Referral.Subject.CHILD) -> Referral:
    """Start a draft referral; the referrer's details start from their account."""
    if not actor.is_authenticated or actor.role not in (
        Role.REFERRER,
        Role.COORDINATOR,
        Role.CHAIR,
        Role.MEMBER,
    ):
        raise PermissionDenied("You cannot make referrals.")
    with transaction.atomic():
        referral = Referral(
            referrer=actor,
            subject=subject,
            referrer_email=actor.email,
            referrer_name=actor.full_name,
            referrer_agency=actor.agency.name if actor.agency else "",
            referrer_role=actor.job_title,
            referrer_phone=actor.phone,
            created_by=actor,
            modified_by=actor,
        )
        referral.full_clean()
        referral.save()
        event_record(actor=actor, verb=Event.Verb.REFERRAL_STARTED, obj=referral)
    return referral


def referral_save_step(
    *, actor, referral: Referral, step: str, cleaned: dict | None, raw: dict
) -> Referral:
    """Save one step of a draft: the cleaned values if valid, else the raw input as typed."""
    _require_owner(actor, referral)
    fields = section(step).fields
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        draft = dict(locked.draft_data)
        if cleaned is None:
            draft[step] = raw
        else:
            draft.pop(step, None)
            for name in fields:
                setattr(locked, name, cleaned.get(name, getattr(locked, name)))
        locked.draft_data = draft
        locked.last_step = step
        locked.modified_by = actor
        locked.save(
            update_fields=[*fields, "draft_data", "last_step", "modified_by", "modified_at"]
        )
        event_record(
            actor=actor,
            verb=Event.Verb.REFERRAL_DRAFT_SAVED,
            obj=locked,
            payload={"step": step, "answers_checked": cleaned is not None},
        )
    return locked


def referral_save_perpetrators(*, actor, referral: Referral, rows: list[dict]) -> Referral:
    """Replace the draft's suspected perpetrators with these rows (blank rows dropped)."""
    _require_owner(actor, referral)
    rows = [r for r in rows if any((r.get(f) or "").strip() for f in PERPETRATOR_FIELDS)]
    if len(rows) > MAX_PERPETRATORS:
        raise ValidationError(f"Add at most {MAX_PERPETRATORS} people; put others in the notes")
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        locked.perpetrators.all().delete()
        for row in rows:
            SuspectedPerpetrator.objects.create(
                referral=locked,
                created_by=actor,
                modified_by=actor,
                **{f: (row.get(f) or "").strip() for f in PERPETRATOR_FIELDS},
            )
        draft = dict(locked.draft_data)
        draft.pop("perpetrators", None)
        locked.draft_data = draft
        locked.last_step = "perpetrators"
        locked.modified_by = actor
        locked.save(update_fields=["draft_data", "last_step", "modified_by", "modified_at"])
        event_record(
            actor=actor,
            verb=Event.Verb.REFERRAL_DRAFT_SAVED,
            obj=locked,
            payload={"step": "perpetrators", "people": len(rows)},
        )
    return locked


def referral_missing_answers(referral: Referral) -> list[tuple[str, str]]:
    """What must be answered before submission: (section slug, message) pairs."""
    missing = []
    if not referral.referrer_name.strip():
        missing.append(("referrer", "Enter your full name"))
    if not referral.referrer_email.strip():
        missing.append(("referrer", "Enter your secure work email address"))
    if referral.subject == Referral.Subject.CHILD:
        if not (referral.child_given_name.strip() or referral.child_family_name.strip()):
            missing.append(("child", "Enter the child's name, or any name they are known by"))
        if not referral.child_date_of_birth and referral.child_age_estimate is None:
            missing.append(("child", "Enter the child's date of birth or approximate age"))
        if referral.parents_consent != "yes" and not referral.lawful_basis:
            missing.append(
                ("consent", "Choose the lawful basis for sharing without parents' consent")
            )
        if referral.lawful_basis == Referral.LawfulBasis.SAFEGUARDING and not (
            referral.sharing_reason.strip()
        ):
            missing.append(("consent", "Say why sharing without consent is necessary"))
    elif not referral.context_description.strip():
        missing.append(("context", "Describe the place, space or group"))
    if not referral.concerns:
        missing.append(("concerns", "Choose at least one concern"))
    if not referral.why_mace.strip():
        missing.append(("why", "Say why a MACE discussion is warranted"))
    if referral.draft_data:
        for step in referral.draft_data:
            missing.append((step, "This section has answers that are not saved yet"))
    return missing


def referral_submit(*, actor, referral: Referral) -> Referral:
    """Submit a complete draft to the triage queue and acknowledge it to the referrer."""
    _require_owner(actor, referral)
    missing = referral_missing_answers(referral)
    if missing:
        raise ValidationError([message for _, message in missing])
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        locked.status = Referral.Status.NEW
        locked.submitted_at = clock.now()
        locked.modified_by = actor
        locked.full_clean()
        locked.save(update_fields=["status", "submitted_at", "modified_by", "modified_at"])
        event_record(actor=actor, verb=Event.Verb.REFERRAL_SUBMITTED, obj=locked)
        transaction.on_commit(lambda: _acknowledge(locked))
    return locked


def referral_receive(
    *,
    channel: str,
    fields: dict,
    perpetrators: list[dict] | None = None,
    form_missing: bool = False,
    narrative: str = "",
    source_message=None,
    referrer=None,
) -> Referral:
    """A referral that arrives whole (secure mailbox, API) goes straight to triage."""
    with transaction.atomic():
        referral = Referral(
            channel=channel,
            status=Referral.Status.NEW,
            submitted_at=clock.now(),
            form_missing=form_missing,
            narrative=narrative,
            source_message=source_message,
            referrer=referrer,
            created_by=referrer,
            modified_by=referrer,
            **fields,
        )
        # A sender's address as the mail server gave it is kept even if unusual.
        referral.full_clean(exclude=["referrer_email"])
        referral.save()
        for row in perpetrators or []:
            SuspectedPerpetrator.objects.create(
                referral=referral, **{f: (row.get(f) or "")[:300] for f in PERPETRATOR_FIELDS}
            )
        event_record(
            actor=referrer,
            verb=Event.Verb.REFERRAL_RECEIVED,
            obj=referral,
            payload={"channel": channel},
        )
    return referral


def _acknowledge(referral: Referral) -> None:
    from mace.referrals.services.notify import referral_acknowledge

    referral_acknowledge(referral=referral)
