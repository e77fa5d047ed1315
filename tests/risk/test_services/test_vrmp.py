"""VRMPs: versions, reviews, the MACE criteria flag, actions and the task list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.selectors import children_visible_to
from mace.risk.models import Assessment, Catalogue, VrmpAction
from mace.risk.selectors.vrmp import (
    actions_for_owner,
    children_meeting_mace_criteria_high,
    mace_criteria,
    reviews_due_for_lead,
)
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


def test_overdue_reviews_are_on_the_lead_professionals_task_list(make_user):
    lead = make_user(Role.COORDINATOR)
    child = ChildFactory()
    plan = _plan(lead, child)
    assert reviews_due_for_lead(user=lead) == []
    plan.versions.update(next_review_date=TODAY() - dt.timedelta(days=1))
    assert [p.child for p, _ in reviews_due_for_lead(user=lead)] == [child]


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
