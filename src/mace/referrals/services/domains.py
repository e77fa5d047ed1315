"""The administrator's list of email domains whose professionals may refer without an account."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.accounts.permissions import can_administer
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.referrals.models import AllowedDomain

LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
SHAPE_HELP = "for example nhs.net (that domain only) or *.gov.uk (every domain ending .gov.uk)"


def _require_administrator(actor) -> None:
    if not can_administer(actor):
        raise PermissionDenied("Only an administrator changes the allowed referrer domains.")


def domain_pattern_clean(pattern: str) -> str:
    """The pattern in lower case, or ValidationError saying what is wrong with its shape.

    ``nhs.net`` allows that domain exactly; ``*.gov.uk`` allows every subdomain of gov.uk.
    A wildcard needs two labels after it (``*.uk`` would let in the whole country).
    """
    value = (pattern or "").strip().lower()
    if value.startswith("@"):
        value = value[1:]
    if not value:
        raise ValidationError({"pattern": "Enter the email domain, " + SHAPE_HELP})
    if "@" in value or " " in value or "/" in value or ":" in value:
        raise ValidationError(
            {"pattern": "Enter only the part after the @ of an email address, " + SHAPE_HELP}
        )
    wildcard = value.startswith("*.")
    labels = (value[2:] if wildcard else value).split(".")
    if "*" in value[2:] or (not wildcard and "*" in value):
        raise ValidationError(
            {"pattern": "A * may only come first, followed by a dot, " + SHAPE_HELP}
        )
    if len(value) > 200 or not all(LABEL_RE.match(label) for label in labels):
        raise ValidationError(
            {
                "pattern": "Enter a domain made of letters, digits and hyphens between dots, "
                + SHAPE_HELP
            }
        )
    if len(labels) < 2:
        raise ValidationError(
            {
                "pattern": (
                    "A wildcard must be followed by at least two parts, for example *.gov.uk"
                    if wildcard
                    else "Enter the whole domain, with at least one dot, " + SHAPE_HELP
                )
            }
        )
    return value


def domain_add(*, actor, pattern: str, description: str = "") -> AllowedDomain:
    """Allow an email domain (or every subdomain of one) to ask for a sign-in link."""
    _require_administrator(actor)
    value = domain_pattern_clean(pattern)
    with transaction.atomic():
        if AllowedDomain.objects.filter(pattern=value).exists():
            raise ValidationError({"pattern": f"{value} is already allowed"})
        domain = AllowedDomain(pattern=value, description=(description or "").strip())
        domain.full_clean()
        domain.save()
        event_record(
            actor=actor,
            verb=Event.Verb.DOMAIN_ADDED,
            obj=domain,
            payload={"pattern": value, "description": domain.description},
        )
    return domain


def domain_remove(*, actor, domain: AllowedDomain) -> None:
    """Stop allowing a domain (the domains in MACE_REFERRER_DOMAINS are not on this list)."""
    _require_administrator(actor)
    with transaction.atomic():
        payload = {"pattern": domain.pattern, "description": domain.description}
        event_record(actor=actor, verb=Event.Verb.DOMAIN_REMOVED, obj=domain, payload=payload)
        domain.delete()
