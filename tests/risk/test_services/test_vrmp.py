"""VRMPs (mace.risk.services.vrmp): versions, reviews, and actions that open the child to
their owner until done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.selectors import children_visible_to
from mace.risk.models import VrmpAction
from mace.risk.selectors.vrmp import actions_for_owner
from mace.risk.services.vrmp import (
    vrmp_action_add,
    vrmp_action_complete,
    vrmp_create,
    vrmp_review,
    vrmp_revise,
)
from tests.factories import AgencyFactory, ChildFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _plan(user, child, **fields):
    fields.setdefault("next_review_date", TODAY() + dt.timedelta(weeks=12))
    return vrmp_create(actor=user, child=child, vulnerabilities="Exclusion", **fields).vrmp


def test_starting_a_plan_is_audited_once_for_the_plan(make_user, audited):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    plan = _plan(user, child)
    event = audited(Event.Verb.VRMP_CREATED, actor=user, child=child, obj=plan)
    assert event.payload == {"version": 1}


def test_revising_adds_a_version_and_keeps_the_old_one(make_user, audited):
    user = make_user(Role.COORDINATOR)
    plan = _plan(user, ChildFactory(), push_factors="Conflict at home")
    second = vrmp_revise(
        actor=user,
        vrmp=plan,
        push_factors="Conflict at home; exclusion",
        next_review_date=TODAY() + dt.timedelta(weeks=6),
    )
    assert second.number == 2
    assert [v.push_factors for v in plan.versions.order_by("number")] == [
        "Conflict at home",
        "Conflict at home; exclusion",
    ]
    event = audited(Event.Verb.VRMP_REVISED, actor=user, child=plan.child, obj=second)
    assert event.payload == {"version": 2}


def test_only_one_active_plan_per_child(make_user):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    _plan(user, child)
    with pytest.raises(ValidationError):
        _plan(user, child)


def test_a_review_is_audited(make_user, audited):
    user = make_user(Role.COORDINATOR)
    plan = _plan(user, ChildFactory())
    review = vrmp_review(
        actor=user,
        vrmp=plan,
        reviewed_on=TODAY(),
        effect="yes",
        next_review_date=TODAY() + dt.timedelta(weeks=4),
    )
    audited(Event.Verb.VRMP_REVIEWED, actor=user, child=plan.child, obj=review)


def test_review_dates_must_move_forward(make_user):
    user = make_user(Role.COORDINATOR)
    plan = _plan(user, ChildFactory())
    with pytest.raises(ValidationError):
        vrmp_review(
            actor=user, vrmp=plan, reviewed_on=TODAY(), effect="yes", next_review_date=TODAY()
        )


def test_an_action_owner_sees_the_child_until_the_action_is_done(make_user, audited):
    coordinator = make_user(Role.COORDINATOR)
    agency = AgencyFactory(name="Youth Justice Service")
    member = make_user(Role.MEMBER, agency=agency)
    child = ChildFactory()
    plan = _plan(coordinator, child)
    assert child not in children_visible_to(member)
    action = vrmp_action_add(
        actor=coordinator,
        vrmp=plan,
        description="Weekly YOT sessions",
        owner_agency=agency,
        owner=member,
        due_date=TODAY() - dt.timedelta(days=2),
    )
    assert child in children_visible_to(member)
    assert list(actions_for_owner(user=member)) == [action]
    audited(Event.Verb.VRMP_ACTION_ADDED, actor=coordinator, child=child, obj=action)
    with pytest.raises(ValidationError):
        vrmp_action_complete(actor=member, action_id=action.pk, note="  ")
    vrmp_action_complete(actor=member, action_id=action.pk, note="Sessions started 3 Nov")
    action.refresh_from_db()
    assert action.status == VrmpAction.Status.DONE
    assert child not in children_visible_to(member)
    audited(Event.Verb.VRMP_ACTION_COMPLETED, actor=member, child=child, obj=action)
