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


def actions_overdue(*, on: dt.date | None = None) -> QuerySet[Action]:
    """Every open action past its due date (listed for the next meeting)."""
    on = on or timezone.localdate()
    return (
        Action.objects.filter(status=Action.Status.OPEN, due_date__lt=on)
        .select_related("child", "meeting", "owner_agency", "owner")
        .order_by("due_date", "created_at")
    )
