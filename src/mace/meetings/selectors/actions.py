"""Meeting actions: an owner's own list, and the overdue list the next meeting reviews."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from mace.meetings.models import Action


def actions_for_owner(*, user) -> QuerySet[Action]:
    """Open meeting actions the user owns, oldest due first."""
    return (
        Action.objects.filter(owner=user, status=Action.Status.OPEN)
        .select_related("child", "meeting", "owner_agency")
        .order_by("due_date", "created_at")
    )


def actions_mark_locked(*, user, actions) -> list[Action]:
    """Mark actions whose child is a restricted record the user may not open (an owned
    action does not open a restricted record): shown without the child's name."""
    from mace.people.selectors import children_visible_to

    actions = list(actions)
    child_ids = {a.child_id for a in actions if a.child_id}
    open_ids = set(children_visible_to(user).filter(pk__in=child_ids).values_list("pk", flat=True))
    for action in actions:
        action.child_locked = bool(action.child_id) and action.child_id not in open_ids
    return actions


def actions_overdue(*, on: dt.date | None = None) -> QuerySet[Action]:
    """Every open action past its due date (listed for the next meeting)."""
    on = on or timezone.localdate()
    return (
        Action.objects.filter(status=Action.Status.OPEN, due_date__lt=on)
        .select_related("child", "meeting", "owner_agency", "owner")
        .order_by("due_date", "created_at")
    )
