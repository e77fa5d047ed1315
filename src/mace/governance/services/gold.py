"""Recommendations to Gold and Gold's decisions; Gold's challenges and Silver's answers
(ADR 35)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.core import clock
from mace.governance.models import Challenge, Escalation, Recommendation
from mace.governance.permissions import (
    can_answer_challenge,
    can_challenge,
    can_decide,
    can_recommend,
)
from mace.governance.services.common import raise_if, require, required_text, stamp


def recommendation_raise(
    *, actor, kind: str, title: str, text: str, escalation: Escalation | None = None
) -> Recommendation:
    """Silver (or a chair, or the coordinator) asks Gold to decide."""
    require(can_recommend(actor), "Only Silver members, a chair or the coordinator can.")
    errors: dict = {}
    if kind not in Recommendation.Kind.values:
        errors["kind"] = "Choose commissioning, policy change or resource pressure"
    required_text(
        errors,
        title=(title, "Enter a title"),
        text=(text, "Say what Gold is asked to decide, and why"),
    )
    raise_if(errors)
    with transaction.atomic():
        rec = Recommendation(
            kind=kind, title=title.strip(), text=text.strip(), escalation=escalation
        )
        stamp(rec, actor, verb=Event.Verb.RECOMMENDATION_RAISED, new=True, payload={"kind": kind})
        rec.save()
    return rec


def recommendation_decide(
    *, actor, recommendation: Recommendation, decision: str, decided_on: dt.date, note: str = ""
) -> Recommendation:
    """Gold's decision and its date (a deferred one can be decided again later)."""
    require(can_decide(actor), "Only Gold members decide recommendations.")
    if recommendation.decision in (
        Recommendation.Decision.AGREED,
        Recommendation.Decision.NOT_AGREED,
    ):
        raise ValidationError("Gold has decided this recommendation already")
    errors: dict = {}
    if decision not in Recommendation.Decision.values:
        errors["decision"] = "Choose agreed, not agreed or deferred"
    if decided_on is None:
        errors["decided_on"] = "Enter the date of the decision"
    elif decided_on > clock.today():
        errors["decided_on"] = "The date of the decision must be today or in the past"
    raise_if(errors)
    with transaction.atomic():
        rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        rec.decision = decision
        rec.decided_on = decided_on
        rec.decision_note = (note or "").strip()
        rec.decided_by = actor
        stamp(
            rec,
            actor,
            verb=Event.Verb.RECOMMENDATION_DECIDED,
            new=False,
            payload={"decision": decision, "decided_on": decided_on.isoformat()},
        )
        rec.save(
            update_fields=[
                "decision",
                "decided_on",
                "decision_note",
                "decided_by",
                "modified_by",
                "modified_at",
            ]
        )
    return rec


def challenge_raise(*, actor, text: str, escalation: Escalation | None = None) -> Challenge:
    """Gold challenges practice."""
    require(can_challenge(actor), "Only Gold members raise challenges.")
    errors: dict = {}
    required_text(errors, text=(text, "Enter the challenge"))
    raise_if(errors)
    with transaction.atomic():
        challenge = Challenge(
            text=text.strip(), raised_by=actor, raised_at=clock.now(), escalation=escalation
        )
        stamp(challenge, actor, verb=Event.Verb.CHALLENGE_RAISED, new=True)
        challenge.save()
    return challenge


def challenge_answer(*, actor, challenge: Challenge, answer: str) -> Challenge:
    """Silver's answer (or a chair's, or the coordinator's)."""
    require(can_answer_challenge(actor), "Only Silver members, a chair or the coordinator can.")
    if challenge.answered_at is not None:
        raise ValidationError("This challenge has been answered already")
    errors: dict = {}
    required_text(errors, answer=(answer, "Enter the answer"))
    raise_if(errors)
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        challenge.answer = answer.strip()
        challenge.answered_by = actor
        challenge.answered_at = clock.now()
        stamp(challenge, actor, verb=Event.Verb.CHALLENGE_ANSWERED, new=False)
        challenge.save(
            update_fields=["answer", "answered_by", "answered_at", "modified_by", "modified_at"]
        )
    return challenge
