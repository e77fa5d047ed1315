"""Raising, responding to and closing escalations; the escalation grant opens a child to
the audience's members only, and ends with the last open escalation naming it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.governance.models import Escalation
from mace.governance.services.escalations import (
    escalation_close,
    escalation_raise,
    escalation_raise_to_gold,
    escalation_respond,
)
from mace.meetings.models import Action, Outcome
from mace.people.models import ChildAccess
from mace.people.selectors import children_visible_to
from tests.factories import (
    AgencyFactory,
    ChildFactory,
    context_made,
    escalated,
    finding_made,
    held_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return {
        "chair": make_user(Role.CHAIR),
        "coordinator": make_user(Role.COORDINATOR),
        "silver": make_user(Role.SILVER),
        "silver2": make_user(Role.SILVER),
        "gold": make_user(Role.GOLD),
        "member": make_user(Role.MEMBER),
        "analyst": make_user(Role.ANALYST),
    }


def _sees(user, child) -> bool:
    return children_visible_to(user).filter(pk=child.pk).exists()


@pytest.mark.parametrize("role", ["chair", "coordinator"])
def test_a_chair_or_the_coordinator_raises_an_escalation_audited(people, role, audited):
    actor = people[role]
    place = context_made()
    escalation = escalated(actor, kind=Escalation.Kind.EMERGING_RISK, contexts=[place])

    assert escalation.status == Escalation.Status.OPEN
    assert escalation.owner == actor and escalation.created_by == actor
    assert list(escalation.contexts.all()) == [place]
    event = audited(Event.Verb.ESCALATION_RAISED, actor=actor, child=None, obj=escalation)
    assert event.payload["to"] == "silver"


@pytest.mark.parametrize("role", ["silver", "gold", "member", "analyst"])
def test_nobody_else_raises_an_escalation(people, role):
    with pytest.raises(PermissionDenied):
        escalated(people[role])
    assert not Escalation.objects.exists()
    assert not Event.objects.filter(verb=Event.Verb.ESCALATION_RAISED).exists()


def test_an_escalated_child_opens_to_silver_members_only_and_each_grant_is_logged(people, audited):
    child = ChildFactory()
    escalation = escalated(people["chair"], kind=Escalation.Kind.CHILD, children=[child])

    assert _sees(people["silver"], child) and _sees(people["silver2"], child)
    assert not _sees(people["gold"], child)
    assert not _sees(people["member"], child)
    grants = ChildAccess.objects.filter(child=child, basis=ChildAccess.Basis.ESCALATION)
    assert {g.user for g in grants} == {people["silver"], people["silver2"]}
    audited(Event.Verb.ACCESS_GRANTED, actor=people["chair"], child=child, count=2)
    assert escalation.title in grants.first().reason


def test_a_child_escalated_to_gold_opens_to_gold_not_to_silver(people):
    child = ChildFactory()
    escalated(people["chair"], to="gold", kind=Escalation.Kind.CHILD, children=[child])

    assert _sees(people["gold"], child)
    assert not _sees(people["silver"], child)


def test_a_second_escalation_of_the_same_child_opens_no_second_grant(people):
    child = ChildFactory()
    escalated(people["chair"], children=[child])
    escalated(people["coordinator"], children=[child], title="Again")

    assert ChildAccess.objects.filter(user=people["silver"], child=child).count() == 1


def test_an_inactive_silver_member_gets_no_grant(people):
    people["silver2"].is_active = False
    people["silver2"].save(update_fields=["is_active"])
    child = ChildFactory()
    escalated(people["chair"], children=[child])

    assert not ChildAccess.objects.filter(user=people["silver2"]).exists()


def test_only_a_child_the_raiser_can_see_can_be_escalated(people):
    hidden = ChildFactory(restricted=True)
    with pytest.raises(ValidationError) as caught:
        escalated(people["chair"], kind=Escalation.Kind.CHILD, children=[hidden])
    assert "children" in caught.value.message_dict
    assert not ChildAccess.objects.filter(child=hidden).exists()


def test_what_is_missing_is_said_field_by_field(people):
    with pytest.raises(ValidationError) as caught:
        escalation_raise(
            actor=people["chair"],
            to="bronze",
            kind="",
            title=" ",
            description="",
            owner=people["member"],
        )
    assert set(caught.value.message_dict) == {"to", "kind", "title", "description", "owner"}


def test_an_individual_child_escalation_names_a_child(people):
    with pytest.raises(ValidationError) as caught:
        escalated(people["chair"], kind=Escalation.Kind.CHILD)
    assert caught.value.message_dict["children"] == ["Name the child escalated"]


def test_raised_from_a_finding_it_links_the_finding_and_its_meeting(people):
    finding = finding_made()
    escalation = escalated(people["chair"], finding=finding)

    assert escalation.raised_from_finding == finding
    assert list(escalation.findings.all()) == [finding]
    assert list(escalation.meetings.all()) == [finding.meeting]


def test_raised_from_a_discussion_escalated_to_gold_it_links_the_child_and_meeting(people):
    child = ChildFactory()
    meeting = held_meeting(
        dt.date(2026, 1, 7),
        actor=people["coordinator"],
        children=[(child, {"outcome": Outcome.ESCALATE_GOLD})],
    )
    discussion = meeting.items.get().discussion
    escalation = escalated(
        people["chair"], to="gold", kind=Escalation.Kind.CHILD, discussion=discussion
    )

    assert list(escalation.children.all()) == [child]
    assert list(escalation.meetings.all()) == [meeting]
    assert _sees(people["gold"], child)


def test_a_discussion_that_did_not_decide_escalate_to_gold_cannot_be_escalated_from(people):
    child = ChildFactory()
    meeting = held_meeting(dt.date(2026, 1, 7), actor=people["coordinator"], children=[(child, {})])
    discussion = meeting.items.get().discussion
    with pytest.raises(ValidationError):
        escalated(people["chair"], to="gold", discussion=discussion)
    with pytest.raises(ValidationError) as caught:
        discussion.outcome = Outcome.ESCALATE_GOLD
        escalated(people["chair"], to="silver", discussion=discussion)
    assert "to" in caught.value.message_dict


def test_actions_behind_an_escalation_are_linked(people):
    finding = finding_made()
    action = Action.objects.create(
        meeting=finding.meeting,
        description="Ask the licensing team to visit",
        owner_agency=AgencyFactory(),
        due_date=dt.date(2026, 2, 1),
    )
    escalation = escalated(people["chair"], finding=finding, actions=[action])
    assert list(escalation.actions.all()) == [action]


def test_silver_raises_its_escalation_to_gold_with_everything_behind_it(people, audited):
    child = ChildFactory()
    parent = escalated(people["chair"], children=[child], finding=finding_made())
    gold = escalation_raise_to_gold(
        actor=people["silver"], parent=parent, title="To Gold", description="Resources"
    )

    assert gold.to == "gold" and gold.parent == parent and gold.owner == people["silver"]
    assert list(gold.children.all()) == [child]
    assert list(gold.findings.all()) == list(parent.findings.all())
    assert _sees(people["gold"], child)
    audited(Event.Verb.ESCALATION_RAISED, actor=people["silver"], obj=gold, count=2)


@pytest.mark.parametrize("role", ["gold", "member", "analyst"])
def test_only_silver_and_the_organisers_raise_to_gold(people, role):
    parent = escalated(people["chair"])
    with pytest.raises(PermissionDenied):
        escalation_raise_to_gold(actor=people[role], parent=parent, title="x", description="y")


def test_an_escalation_to_gold_is_not_raised_to_gold_again(people):
    parent = escalated(people["chair"], to="gold")
    with pytest.raises(ValidationError):
        escalation_raise_to_gold(actor=people["silver"], parent=parent, title="x", description="y")


def test_the_audience_responds_audited(people, audited):
    escalation = escalated(people["chair"])
    escalation = escalation_respond(
        actor=people["silver"], escalation=escalation, response="Silver will commission audits"
    )

    assert escalation.status == Escalation.Status.RESPONDED
    assert escalation.responded_by == people["silver"] and escalation.responded_at
    audited(Event.Verb.ESCALATION_RESPONDED, actor=people["silver"], obj=escalation)


@pytest.mark.parametrize("role", ["gold", "member", "analyst"])
def test_others_do_not_respond_to_an_escalation_to_silver(people, role):
    escalation = escalated(people["chair"])
    with pytest.raises(PermissionDenied):
        escalation_respond(actor=people[role], escalation=escalation, response="No")


def test_silver_does_not_respond_to_an_escalation_to_gold(people):
    escalation = escalated(people["chair"], to="gold")
    with pytest.raises(PermissionDenied):
        escalation_respond(actor=people["silver"], escalation=escalation, response="No")
    escalation_respond(actor=people["gold"], escalation=escalation, response="Noted")


def test_a_response_must_say_something(people):
    escalation = escalated(people["chair"])
    with pytest.raises(ValidationError) as caught:
        escalation_respond(actor=people["silver"], escalation=escalation, response="  ")
    assert caught.value.message_dict == {"response": ["Enter the response"]}


def test_closing_ends_the_audiences_sight_of_the_child_audited(people, audited):
    child = ChildFactory()
    escalation = escalated(people["chair"], children=[child])
    escalation = escalation_close(actor=people["silver"], escalation=escalation, note="Done")

    assert escalation.status == Escalation.Status.CLOSED and escalation.closed_at
    assert not _sees(people["silver"], child)
    audited(Event.Verb.ESCALATION_CLOSED, actor=people["silver"], obj=escalation)
    audited(Event.Verb.ACCESS_REVOKED, actor=people["silver"], child=child, count=2)
    with pytest.raises(ValidationError):
        escalation_close(actor=people["silver"], escalation=escalation)
    with pytest.raises(ValidationError):
        escalation_respond(actor=people["silver"], escalation=escalation, response="Late")


def test_a_child_another_open_escalation_names_stays_open(people):
    child = ChildFactory()
    first = escalated(people["chair"], children=[child])
    escalated(people["chair"], children=[child], title="Second")
    gold = escalated(people["chair"], to="gold", children=[child], title="To Gold")
    escalation_close(actor=people["chair"], escalation=first)

    assert _sees(people["silver"], child)
    escalation_close(actor=people["chair"], escalation=gold)
    assert _sees(people["silver"], child) and not _sees(people["gold"], child)


@pytest.mark.parametrize("role", ["gold", "member", "analyst"])
def test_others_do_not_close_an_escalation_to_silver(people, role):
    escalation = escalated(people["chair"])
    with pytest.raises(PermissionDenied):
        escalation_close(actor=people[role], escalation=escalation)


def test_the_owner_closes_their_escalation(people):
    escalation = escalated(people["chair"], to="silver", owner=people["gold"])
    escalation_close(actor=people["gold"], escalation=escalation)


def test_a_silver_member_who_joins_later_sees_the_open_escalations_children(people):
    child, closed_child = ChildFactory(), ChildFactory()
    escalated(people["chair"], children=[child])
    closed = escalated(people["chair"], children=[closed_child], title="Closed")
    escalation_close(actor=people["chair"], escalation=closed)
    people["member"].role = Role.SILVER
    people["member"].save(update_fields=["role"])

    assert _sees(people["member"], child)
    assert not _sees(people["member"], closed_child)
    grant = ChildAccess.objects.get(user=people["member"], child=child)
    assert grant.granted_by is None and grant.basis == ChildAccess.Basis.ESCALATION


def test_a_gold_member_who_joins_later_does_not_see_silvers_children(people, make_user):
    child = ChildFactory()
    escalated(people["chair"], children=[child])
    assert not _sees(make_user(Role.GOLD), child)


def test_a_silver_member_made_gold_no_longer_sees_a_child_escalated_only_to_silver(make_user):
    from mace.people.selectors import children_visible_to
    from tests.factories import ChildFactory, escalated

    member = make_user(Role.SILVER)
    silver_child, gold_child = ChildFactory(), ChildFactory()
    escalated(to="silver", kind="child", children=[silver_child])
    escalated(to="gold", kind="child", children=[gold_child])
    assert children_visible_to(member).filter(pk=silver_child.pk).exists()
    member.role = Role.GOLD
    member.save(update_fields=["role"])
    visible = set(children_visible_to(member).values_list("pk", flat=True))
    assert visible == {gold_child.pk}
