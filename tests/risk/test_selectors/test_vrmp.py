"""VRMPs as read (mace.risk.selectors.vrmp): the MACE criteria flag, and the overdue reviews
on the lead professional's task list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mace.accounts.models import Role
from mace.risk.models import Assessment, Catalogue
from mace.risk.selectors.vrmp import (
    children_meeting_mace_criteria_high,
    mace_criteria,
    reviews_due_for_lead,
)
from mace.risk.services.vrmp import vrmp_create, vrmp_review
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _assessed(child, user, level):
    return Assessment.objects.create(
        child=child,
        catalogue=Catalogue.objects.get(is_active=True),
        assessor=user,
        assessed_on=TODAY(),
        status="completed",
        proposed_level=level,
        final_level=level,
        completed_at=timezone.now(),
    )


def _plan(user, child, **fields):
    fields.setdefault("next_review_date", TODAY() + dt.timedelta(weeks=12))
    return vrmp_create(actor=user, child=child, vulnerabilities="Exclusion", **fields).vrmp


@pytest.mark.parametrize(
    ("level", "effect", "met"),
    [
        ("high", "no", True),
        ("high", "partly", False),
        ("high", "yes", False),
        ("high", None, False),
        ("low", None, True),
        ("medium", "no", False),
        (None, None, False),
    ],
)
def test_mace_criteria_flag(level, effect, met, make_user):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    if level:
        _assessed(child, user, level)
    plan = _plan(user, child)
    if effect:
        vrmp_review(
            actor=user,
            vrmp=plan,
            reviewed_on=TODAY(),
            effect=effect,
            next_review_date=TODAY() + dt.timedelta(weeks=4),
        )
    assert mace_criteria(child=child).met is met
    high_list = children_meeting_mace_criteria_high(user=user)
    assert (child in high_list) is (level == "high" and effect == "no")


def test_overdue_reviews_are_on_the_lead_professionals_task_list(make_user):
    lead = make_user(Role.COORDINATOR)
    child = ChildFactory()
    plan = _plan(lead, child)
    assert reviews_due_for_lead(user=lead) == []
    plan.versions.update(next_review_date=TODAY() - dt.timedelta(days=1))
    assert [p.child for p, _ in reviews_due_for_lead(user=lead)] == [child]


def test_overdue_reviews_use_the_latest_reviews_date_over_the_versions(make_user):
    lead = make_user(Role.COORDINATOR)
    plan = _plan(lead, ChildFactory())
    plan.versions.update(next_review_date=TODAY() - dt.timedelta(days=30))
    vrmp_review(
        actor=lead,
        vrmp=plan,
        reviewed_on=TODAY() - dt.timedelta(days=20),
        effect="yes",
        next_review_date=TODAY() + dt.timedelta(days=10),
    )
    assert reviews_due_for_lead(user=lead) == []


def test_a_no_apparent_risk_child_reads_plainly(make_user):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    _assessed(child, user, "none")
    assert mace_criteria(child=child).reason == "No apparent risk"
