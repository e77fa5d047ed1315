"""Completing an owned action (a VRMP action, a MACE meeting action): the rule both share.

Each app's service keeps its own permission check, lock, history, audit and access grants;
what it means to complete an action is written here once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from mace.core import clock
from mace.core.models import OwnedAction

# The fields owned_action_mark_done changes (for save(update_fields=...)).
COMPLETION_FIELDS = ("status", "completed_at", "completion_note")


def completion_note_clean(note: str | None) -> str:
    """The note of what was done, which completing an action needs (checked before anything
    is locked)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say what was done to complete the action"})
    return note


def owned_action_mark_done(action: OwnedAction, *, note: str) -> list[str]:
    """Mark an open action done now, with its note; an action done or cancelled already
    stays as it is. The caller has locked the row and checked the actor; it saves the
    returned fields."""
    if action.status != OwnedAction.Status.OPEN:
        raise ValidationError({"note": "This action is already closed"})
    action.status = OwnedAction.Status.DONE
    action.completed_at = clock.now()
    action.completion_note = note
    return list(COMPLETION_FIELDS)
