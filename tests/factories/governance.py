"""Builders for Silver and Gold: escalations, findings and plan items made through the
services (``governance``)."""

from __future__ import annotations

import datetime as dt

from mace.accounts.models import Role
from mace.meetings.models import Finding
from tests.factories.accounts import UserFactory
from tests.factories.meetings import meeting_on


def finding_made(*, meeting=None, kind=Finding.Kind.EMERGING_RISK, description="") -> Finding:
    """A finding of a child-focused MACE on 7 January 2026."""
    meeting = meeting or meeting_on(dt.date(2026, 1, 7))
    return Finding.objects.create(
        meeting=meeting,
        kind=kind,
        description=description or "Children from two schools recruited at one takeaway",
    )


def escalated(actor=None, *, to="silver", kind="theme", children=(), **fields):
    """An escalation raised through the service by ``actor`` (a new chair if none)."""
    from mace.governance.services.escalations import escalation_raise

    actor = actor or UserFactory(role=Role.CHAIR)
    fields.setdefault("title", "County lines recruitment near Harehills")
    fields.setdefault("description", "Three children seen at the same takeaway after school")
    fields.setdefault("owner", actor)
    return escalation_raise(actor=actor, to=to, kind=kind, children=children, **fields)


def plan_item_made(actor, *, objective=None, **fields):
    """An item of the action plan under the first national objective, due in March 2027."""
    from mace.governance.models import Objective
    from mace.governance.services.plan import plan_item_add

    fields.setdefault("title", "Train school staff to spot recruitment")
    fields.setdefault("owner", actor)
    fields.setdefault("due_date", dt.date(2027, 3, 31))
    return plan_item_add(actor=actor, objective=objective or Objective.objects.first(), **fields)
