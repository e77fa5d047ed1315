"""Completing a VRMP action from "Your tasks" (mace.risk.views.tasks)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.risk.services.vrmp import vrmp_action_add, vrmp_create
from tests.factories import AgencyFactory, ChildFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _plan(user, child, **fields):
    fields.setdefault("next_review_date", TODAY() + dt.timedelta(weeks=12))
    return vrmp_create(actor=user, child=child, vulnerabilities="Exclusion", **fields).vrmp


def test_someone_elses_action_cannot_be_completed_from_the_task_list(make_user, signed_in):
    coordinator = make_user(Role.COORDINATOR)
    agency = AgencyFactory(name="Health")
    owner = make_user(Role.MEMBER, agency=agency)
    other = make_user(Role.MEMBER, agency=agency)
    plan = _plan(coordinator, ChildFactory())
    action = vrmp_action_add(
        actor=coordinator,
        vrmp=plan,
        description="GP review",
        owner_agency=agency,
        owner=owner,
        due_date=TODAY(),
    )
    client = signed_in(other)
    response = client.post(reverse("tasks:action_complete", args=[action.id]), {"note": "x"})
    assert response.status_code == 404
