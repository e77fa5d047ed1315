"""Disruption against a person, place or business (DOMAIN): orders, notices, reviews,
engagement, patrols and arrests, with the agency, dates, expiry and outcome."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.contexts.models import Context, Disruption
from mace.contexts.services.common import require_recorder, stamp
from mace.core import clock

T = Disruption.Tactic
# What each tactic is recorded against.
AGAINST: dict[str, tuple[str, ...]] = {
    T.CAWN: (Context.Kind.PERSON,),
    T.SRO: (Context.Kind.PERSON,),
    T.STRO: (Context.Kind.PERSON,),
    T.STPO: (Context.Kind.PERSON,),
    T.ARREST: (Context.Kind.PERSON,),
    T.HOTEL_NOTICE: (Context.Kind.PLACE,),
    T.CLOSURE_ORDER: (Context.Kind.PLACE,),
    T.LICENSING_REVIEW: (Context.Kind.PLACE, Context.Kind.PERSON),
    T.BUSINESS_ENGAGEMENT: (Context.Kind.PLACE,),
    T.PATROLS: (Context.Kind.PLACE, Context.Kind.PEER_GROUP),
}
# Orders and notices run to an expiry date (the others need none).
ORDERS = (T.CAWN, T.SRO, T.STRO, T.STPO, T.HOTEL_NOTICE, T.CLOSURE_ORDER)
# The law's bounds on an order's length (DOMAIN): (shortest, longest), either may be None.
TERMS: dict[str, tuple[relativedelta | None, relativedelta | None]] = {
    T.STRO: (relativedelta(years=2), None),
    T.STPO: (relativedelta(years=5), None),
    T.HOTEL_NOTICE: (None, relativedelta(months=6)),
}
EDITABLE = ("agency", "started_on", "expires_on", "reference", "details", "outcome")


def _errors(d: Disruption, kind: str) -> dict[str, str]:
    errors = {}
    today = clock.today()
    if d.tactic not in T.values:
        errors["tactic"] = "Choose the disruption tactic"
        return errors
    label = T(d.tactic).label
    if kind not in AGAINST[d.tactic]:
        kinds = " or ".join(Context.Kind(k).label.lower() for k in AGAINST[d.tactic])
        errors["tactic"] = f"A {label} is recorded against a {kinds}"
    if d.agency_id is None:
        errors["agency"] = "Choose the agency that leads it"
    if d.started_on is None:
        errors["started_on"] = "Enter the date it started or was granted"
    elif d.started_on > today + dt.timedelta(days=366):
        errors["started_on"] = "The start date must be within the next year"
    if d.tactic in ORDERS and d.expires_on is None and d.status == Disruption.Status.ACTIVE:
        errors["expires_on"] = f"Enter the date the {label} expires"
    if d.started_on and d.expires_on:
        if d.expires_on <= d.started_on:
            errors["expires_on"] = "The expiry date must be after the start date"
        else:
            shortest, longest = TERMS.get(d.tactic, (None, None))
            if shortest and d.expires_on < d.started_on + shortest:
                errors["expires_on"] = f"A {label} lasts at least {_words(shortest)}"
            if longest and d.expires_on > d.started_on + longest:
                errors["expires_on"] = f"A {label} lasts at most {_words(longest)}"
    if d.ended_on and d.started_on and d.ended_on < d.started_on:
        errors["ended_on"] = "The end date must be on or after the start date"
    if d.ended_on and d.ended_on > today:
        errors["ended_on"] = "The end date must be today or in the past"
    return errors


def _words(term: relativedelta) -> str:
    if term.years:
        return f"{term.years} years"
    return f"{term.months} months"


def disruption_record(
    *,
    actor,
    context: Context,
    tactic: str,
    agency,
    started_on: dt.date,
    expires_on: dt.date | None = None,
    reference: str = "",
    details: str = "",
    outcome: str = "",
) -> Disruption:
    """Record disruption against a person of concern, a place or business (or patrols
    around a peer group)."""
    require_recorder(actor)
    disruption = Disruption(
        context=context,
        tactic=tactic,
        agency=agency,
        started_on=started_on,
        expires_on=expires_on,
        reference=(reference or "").strip(),
        details=(details or "").strip(),
        outcome=(outcome or "").strip(),
    )
    errors = _errors(disruption, context.kind)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        stamp(
            disruption,
            actor,
            verb=Event.Verb.DISRUPTION_RECORDED,
            new=True,
            payload={"tactic": tactic},
        )
        disruption.save()
    return disruption


def disruption_update(*, actor, disruption: Disruption, **fields) -> Disruption:
    require_recorder(actor)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        disruption = (
            Disruption.objects.select_for_update().select_related("context").get(pk=disruption.pk)
        )
        for field, value in fields.items():
            setattr(disruption, field, value.strip() if isinstance(value, str) else value)
        errors = _errors(disruption, disruption.context.kind)
        if errors:
            raise ValidationError(errors)
        stamp(disruption, actor, verb=Event.Verb.DISRUPTION_CHANGED, new=False)
        disruption.save(update_fields=[*fields, "modified_by", "modified_at"])
    return disruption


def disruption_end(
    *, actor, disruption: Disruption, ended_on: dt.date | None, outcome: str
) -> Disruption:
    """It ended (expired, discharged, the engagement finished), with what came of it."""
    require_recorder(actor)
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": "Say what came of it"})
    with transaction.atomic():
        disruption = (
            Disruption.objects.select_for_update().select_related("context").get(pk=disruption.pk)
        )
        if disruption.status == Disruption.Status.ENDED:
            raise ValidationError({"outcome": "This disruption has already ended"})
        disruption.status = Disruption.Status.ENDED
        disruption.ended_on = ended_on or clock.today()
        disruption.outcome = outcome
        errors = _errors(disruption, disruption.context.kind)
        if errors:
            raise ValidationError(errors)
        stamp(disruption, actor, verb=Event.Verb.DISRUPTION_CHANGED, new=False, reason="ended")
        disruption.save(
            update_fields=["status", "ended_on", "outcome", "modified_by", "modified_at"]
        )
    return disruption
