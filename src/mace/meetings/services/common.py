from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mace.audit.services import event_record
from mace.meetings.permissions import can_manage_meetings


def require_manager(actor) -> None:
    if not can_manage_meetings(actor):
        raise PermissionDenied("Only the MACE coordinator or chair can do this.")


def stamp(obj, actor, *, verb: str, new: bool, child=None, reason: str = "") -> None:
    """Record who wrote the row and audit the write, with the verb that says what it was
    (inside the caller's transaction)."""
    if new:
        obj.created_by = actor
    obj.modified_by = actor
    event_record(actor=actor, verb=verb, child=child, obj=obj, reason=reason)
