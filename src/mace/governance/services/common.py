"""What every governance write shares: the refusal, the stamp and the audit row."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import User
from mace.audit.services import event_record
from mace.governance.permissions import GOVERNANCE_ROLES


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def stamp(obj, actor, *, verb: str, new: bool, child=None, reason="", payload=None) -> None:
    """Who wrote the row, and the audit row that says what was done (in the caller's
    transaction)."""
    if new:
        obj.created_by = actor
    obj.modified_by = actor
    event_record(actor=actor, verb=verb, child=child, obj=obj, reason=reason, payload=payload)


def owners():
    """Who may own an escalation or a plan item: the organisers, Silver and Gold members."""
    return User.objects.filter(is_active=True, role__in=GOVERNANCE_ROLES).order_by("full_name")


def check_owner(owner, errors: dict, field: str = "owner") -> None:
    if owner is None:
        errors[field] = "Choose the owner"
    elif not (owner.is_active and owner.role in GOVERNANCE_ROLES):
        errors[field] = "The owner must be a chair, the coordinator, or a Silver or Gold member"


def required_text(errors: dict, **values: tuple[str, str]) -> None:
    """Each field's text, or its message: ``required_text(errors, title=(value, msg))``."""
    for field, (value, message) in values.items():
        if not (value or "").strip():
            errors[field] = message


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
