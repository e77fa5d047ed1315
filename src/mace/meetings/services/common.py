from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.meetings.permissions import can_manage_meetings


def require_manager(actor) -> None:
    if not can_manage_meetings(actor):
        raise PermissionDenied("Only the MACE coordinator or chair can do this.")


def stamp(obj, actor, *, verb: str | None = None, new: bool, child=None, reason: str = "") -> None:
    """Record who wrote the row and audit the write, with the verb that says what it was
    (inside the caller's transaction)."""
    if verb is None:
        # TRANSITIONAL, for agenda.py only (being changed on another branch): once its
        # writes name their verbs, delete this `if` and the default, so that every
        # caller must name one (ADR 20).
        verb = Event.Verb.RECORD_ADDED if new else Event.Verb.RECORD_CHANGED
    if new:
        obj.created_by = actor
    obj.modified_by = actor
    event_record(actor=actor, verb=verb, child=child, obj=obj, reason=reason)
