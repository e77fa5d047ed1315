"""Meeting actions as read (mace.meetings.selectors.actions): the overdue ones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mace.meetings.models import Action
from mace.meetings.selectors.actions import actions_overdue
from mace.meetings.services.recording import action_complete

pytestmark = pytest.mark.django_db


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_overdue_actions_are_listed(actions_world, make_user):
    overdue = actions_world.add(due=-3)
    older = actions_world.add(description="Strategy discussion", due=-10, owner=None)
    actions_world.add(description="Due today", due=0)
    actions_world.add(description="Due later", due=5)
    done = actions_world.add(description="Done late", due=-5)
    action_complete(actor=actions_world.owner, action_id=done.pk, note="Done")
    assert list(actions_overdue()) == [older, overdue]
    assert list(actions_overdue(on=_in(1))) == [
        older,
        overdue,
        Action.objects.get(description="Due today"),
    ]
    assert list(actions_overdue(on=_in(-5))) == [older]
