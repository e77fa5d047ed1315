"""Meeting actions: an owner's own list, and the overdue list the next meeting reviews."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import Action
from mace.meetings.permissions import can_manage_meetings
from mace.people.selectors import children_visible_to, rows_shown


def actions_for_owner(*, user) -> QuerySet[Action]:
    """Open meeting actions the user owns, oldest due first."""
    return (
        Action.objects.filter(owner=user, status=Action.Status.OPEN)
        .select_related("child", "meeting", "owner_agency")
        .order_by("due_date", "created_at")
    )


def actions_shown_to_owner(*, user) -> list[Action]:
    """The user's open meeting actions for their task list, each child shown logged; an
    owned action does not open a restricted record, so such a row is marked ``locked``."""
    return rows_shown(user=user, rows=actions_for_owner(user=user), payload={"page": "tasks"})


def action_for_completion(*, user, action_id) -> Action:
    """One open action its owner (or a coordinator or chair) is completing, the read logged;
    Http404 for any other action."""
    action = (
        Action.objects.select_related("child", "meeting", "owner_agency")
        .filter(pk=action_id, status=Action.Status.OPEN)
        .first()
    )
    if action is None or (action.owner_id != user.pk and not can_manage_meetings(user)):
        raise Http404("No such action")
    [action] = rows_shown(user=user, rows=[action], verb=Event.Verb.CHILD_VIEWED)
    return action


def actions_overdue_shown(*, user, limit: int = 500) -> list[Action]:
    """Every overdue action the coordinator or chair may see (restricted records they have
    not opened are left out), each child shown logged."""
    if not can_manage_meetings(user):
        raise PermissionDenied("Only the MACE coordinator or chair can see every action.")
    visible = children_visible_to(user).values("pk")
    actions = actions_overdue().filter(Q(child__isnull=True) | Q(child__in=visible))[:limit]
    return rows_shown(user=user, rows=actions, payload={"page": "overdue actions"})


def actions_overdue(*, on: dt.date | None = None) -> QuerySet[Action]:
    """Every open action past its due date (listed for the next meeting)."""
    on = on or clock.today()
    return (
        Action.objects.filter(status=Action.Status.OPEN, due_date__lt=on)
        .select_related("child", "meeting", "owner_agency", "owner")
        .order_by("due_date", "created_at")
    )
