from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mace.audit.services import event_record
from mace.contexts.permissions import can_record_contexts


def require_recorder(actor) -> None:
    if not can_record_contexts(actor):
        raise PermissionDenied("Only the analyst, the MACE coordinator or the chair can do this.")


def stamp(obj, actor, *, verb: str, new: bool, child=None, reason="", payload=None) -> None:
    """Who wrote the row, and the audit row that says what was done (in the caller's
    transaction)."""
    if new:
        obj.created_by = actor
    obj.modified_by = actor
    event_record(actor=actor, verb=verb, child=child, obj=obj, reason=reason, payload=payload)
