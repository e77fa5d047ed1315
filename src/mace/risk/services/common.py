"""Helpers shared by the risk services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.people.models import Child
from mace.risk.permissions import can_record_for_child


def require_recorder(actor, child: Child) -> None:
    """Refuse unless the actor may record on this child's record."""
    if not can_record_for_child(actor, child):
        raise PermissionDenied("You cannot record on this child's record.")


def stamp(obj, actor, *, new: bool) -> None:
    """Record who created and last changed a row, and audit the write.

    Called inside the service's transaction, before the row is saved: if the save fails,
    the audit row goes with it.
    """
    if new:
        obj.created_by = actor
    obj.modified_by = actor
    child = getattr(obj, "child", None)
    if child is None and getattr(obj, "vrmp", None) is not None:
        child = obj.vrmp.child
    event_record(
        actor=actor,
        verb=Event.Verb.RECORD_ADDED if new else Event.Verb.RECORD_CHANGED,
        child=child,
        obj=obj,
    )
