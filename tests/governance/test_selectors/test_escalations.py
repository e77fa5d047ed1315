"""Who sees which escalation, and how the children and actions behind one are shown:
through people.selectors (each shown logged; "A child" to a reader who may not see it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context
from mace.governance.selectors.escalations import (
    discussion_to_escalate,
    discussions_to_escalate,
    discussions_to_escalate_count,
    escalation_get_for_user,
    escalation_parts,
    escalations_visible_to,
)
from mace.meetings.models import Action, Outcome
from tests.factories import (
    AgencyFactory,
    ChildFactory,
    context_made,
    escalated,
    finding_made,
    held_meeting,
)

pytestmark = pytest.mark.django_db

SEES = {
    Role.CHAIR: {"silver", "gold"},
    Role.COORDINATOR: {"silver", "gold"},
    Role.SILVER: {"silver", "gold"},
    Role.GOLD: {"gold"},
    Role.MEMBER: set(),
    Role.ANALYST: set(),
    Role.REFERRER: set(),
    Role.AUDITOR: set(),
    Role.ADMIN: set(),
}


@pytest.mark.parametrize(("role", "audiences"), SEES.items())
def test_each_role_sees_the_escalations_to_its_audiences(make_user, role, audiences):
    chair = make_user(Role.CHAIR)
    made = {to: escalated(chair, to=to, title=to) for to in ("silver", "gold")}
    user = make_user(role)

    assert {e.to for e in escalations_visible_to(user)} == audiences
    for to, escalation in made.items():
        if to in audiences:
            assert escalation_get_for_user(user=user, escalation_id=escalation.pk) == escalation
        else:
            with pytest.raises(Http404):
                escalation_get_for_user(user=user, escalation_id=escalation.pk)


def test_an_inactive_silver_member_sees_none(make_user):
    escalated(make_user(Role.CHAIR))
    silver = make_user(Role.SILVER, is_active=False)
    assert not escalations_visible_to(silver).exists()


def test_silver_sees_the_children_escalated_to_it_named_and_logged(make_user):
    child = ChildFactory(given_name="Jade", family_name="Okafor")
    escalation = escalated(make_user(Role.CHAIR), children=[child])
    silver = make_user(Role.SILVER)

    parts = escalation_parts(user=silver, escalation=escalation)

    assert [(c, c.locked) for c in parts.children] == [(child, False)]
    event = Event.objects.get(verb=Event.Verb.CHILDREN_LISTED, actor=silver)
    assert event.child_id == child.pk and event.payload == {"escalation": str(escalation.pk)}


def test_silver_sees_a_child_escalated_only_to_gold_as_a_child(make_user):
    child = ChildFactory()
    escalation = escalated(make_user(Role.CHAIR), to="gold", children=[child])
    silver = make_user(Role.SILVER)

    parts = escalation_parts(user=silver, escalation=escalation)

    assert [c.locked for c in parts.children] == [True]
    assert not Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED, actor=silver).exists()


def test_actions_for_a_child_the_reader_may_not_see_are_locked(make_user):
    finding = finding_made()
    seen, unseen = ChildFactory(), ChildFactory()
    agency = AgencyFactory()
    actions = [
        Action.objects.create(
            meeting=finding.meeting,
            child=child,
            description=f"Visit {day}",
            owner_agency=agency,
            due_date=dt.date(2026, 2, day),
        )
        for day, child in ((1, seen), (2, unseen), (3, None))
    ]
    escalation = escalated(make_user(Role.CHAIR), children=[seen], finding=finding, actions=actions)

    parts = escalation_parts(user=make_user(Role.SILVER), escalation=escalation)

    assert [a.locked for a in parts.actions] == [False, True, False]


def test_contexts_are_named_only_to_a_reader_who_sees_them(make_user):
    place = context_made()
    chair = make_user(Role.CHAIR)
    escalation = escalated(chair, contexts=[place])

    assert [c.shown for c in escalation_parts(user=chair, escalation=escalation).contexts] == [True]
    silver_parts = escalation_parts(user=make_user(Role.SILVER), escalation=escalation)
    assert [c.shown for c in silver_parts.contexts] == [False]


def test_a_person_of_concern_named_on_an_escalation_is_logged_as_read(make_user):
    person = context_made(Context.Kind.PERSON, "Dean Harrop")
    chair = make_user(Role.CHAIR)
    escalation = escalated(chair, contexts=[person])
    escalation_parts(user=chair, escalation=escalation)
    event = Event.objects.get(verb=Event.Verb.CONTEXT_VIEWED, actor=chair)
    assert event.payload == {"contexts": [str(person.pk)], "page": "escalation"}
    silver = make_user(Role.SILVER)  # not named to Silver, so not read
    escalation_parts(user=silver, escalation=escalation)
    assert not Event.objects.filter(verb=Event.Verb.CONTEXT_VIEWED, actor=silver).exists()


def test_the_parts_take_a_fixed_number_of_queries(make_user, django_assert_max_num_queries):
    chair = make_user(Role.CHAIR)
    silver = make_user(Role.SILVER)
    small = escalated(chair, children=[ChildFactory()])
    large = escalated(chair, children=ChildFactory.create_batch(6), title="Large")
    with django_assert_max_num_queries(20) as small_run:
        escalation_parts(user=silver, escalation=small)
    with django_assert_max_num_queries(len(small_run.captured_queries)):
        escalation_parts(user=silver, escalation=large)


def _escalate_gold_discussion(coordinator, child):
    meeting = held_meeting(
        dt.date(2026, 1, 7),
        actor=coordinator,
        children=[(child, {"outcome": Outcome.ESCALATE_GOLD})],
    )
    return meeting.items.get().discussion


def test_children_the_meeting_escalated_to_gold_wait_for_the_organisers(make_user):
    coordinator = make_user(Role.COORDINATOR)
    child = ChildFactory()
    discussion = _escalate_gold_discussion(coordinator, child)
    held_meeting(dt.date(2026, 1, 21), actor=coordinator, children=[(ChildFactory(), {})])

    assert discussions_to_escalate(user=coordinator) == [discussion]
    assert discussions_to_escalate_count(user=make_user(Role.CHAIR)) == 1
    assert Event.objects.filter(
        verb=Event.Verb.CHILDREN_LISTED, actor=coordinator, child=child
    ).exists()
    for role in (Role.SILVER, Role.GOLD, Role.MEMBER):
        assert discussions_to_escalate(user=make_user(role)) == []
        with pytest.raises(Http404):
            discussion_to_escalate(user=make_user(role), discussion_id=discussion.pk)

    escalated(coordinator, to="gold", kind="child", discussion=discussion)
    assert discussions_to_escalate(user=coordinator) == []
    with pytest.raises(Http404):
        discussion_to_escalate(user=coordinator, discussion_id=discussion.pk)
