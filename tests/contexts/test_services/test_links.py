"""Links: grading (3x5x2), dates, the labelling safeguard, retraction, the alert."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Alert, Context, Link, Node
from mace.contexts.services.links import (
    alert_close,
    grading_errors,
    link_add,
    link_confirm,
    link_retract,
    node_for_identifier,
)
from mace.core import clock
from tests.factories import GRADED, ChildFactory, analyst, context_made, linked, node_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "grading,field",
    [
        ({"source_grade": "4"}, "source_grade"),
        ({"source_grade": ""}, "source_grade"),
        ({"intelligence_grade": "F"}, "intelligence_grade"),
        ({"handling": "X"}, "handling"),
        ({"handling": "C"}, "handling_conditions"),
        ({"handling": "C", "conditions": "Police only"}, "handling_roles"),
        ({"handling": "C", "conditions": "x", "roles": ["gold"]}, "handling_roles"),
    ],
)
def test_grading_errors_name_the_field_at_fault(grading, field):
    values = {"source_grade": "1", "intelligence_grade": "A", "handling": "P"}
    values.update({k: v for k, v in grading.items() if k in values})
    errors = grading_errors(
        **values, conditions=grading.get("conditions", ""), roles=grading.get("roles", [])
    )
    assert field in errors


def test_every_valid_grading_is_accepted():
    for source in "123":
        for intelligence in "ABCDE":
            assert not grading_errors(
                source_grade=source,
                intelligence_grade=intelligence,
                handling="P",
                conditions="",
                roles=[],
            )
    assert not grading_errors(
        source_grade="1",
        intelligence_grade="A",
        handling="C",
        conditions="Not to be shared outside MACE",
        roles=["analyst"],
    )


def test_a_link_is_recorded_graded_and_audited_against_the_child(audited):
    user = analyst()
    child = ChildFactory()
    place = context_made(Context.Kind.PLACE, actor=user)
    link = linked(child, place, Link.Relation.SEEN_AT, by=user, first_seen=dt.date(2026, 9, 1))
    assert link.status == Link.Status.CONFIRMED and link.grading == "2BP"
    assert link.confirmed_by == user
    audited(Event.Verb.LINK_ADDED, actor=user, child=child, obj=link)


def test_handling_c_keeps_its_conditions_and_roles():
    link = linked(
        ChildFactory(),
        context_made(Context.Kind.PERSON),
        handling="C",
        handling_conditions="Police intelligence: not to be shared outside the meeting",
        handling_roles=["analyst", "coordinator"],
    )
    assert link.handling_role_list == ["analyst", "coordinator"]


def test_a_child_is_never_recorded_as_exploiting_anyone():
    with pytest.raises(ValidationError) as error:
        linked(ChildFactory(), ChildFactory(), Link.Relation.EXPLOITS)
    assert "relation" in error.value.message_dict
    assert not Link.objects.exists()


def test_a_person_of_concern_may_be_recorded_as_exploiting_a_child():
    link = linked(context_made(Context.Kind.PERSON), ChildFactory(), Link.Relation.EXPLOITS)
    assert link.relation == Link.Relation.EXPLOITS


def test_dates_must_be_in_order_and_not_in_the_future():
    child, place = ChildFactory(), context_made()
    today = clock.today()
    with pytest.raises(ValidationError) as error:
        linked(child, place, first_seen=today, last_seen=today - dt.timedelta(days=1))
    assert "last_seen" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        linked(child, place, first_seen=today + dt.timedelta(days=1))
    assert "first_seen" in error.value.message_dict


def test_a_record_cannot_be_linked_to_itself():
    place = context_made()
    with pytest.raises(ValidationError):
        linked(place, place)


def test_only_recorders_link(make_user):
    child, place = ChildFactory(), context_made()
    for role in (Role.MEMBER, Role.REFERRER, Role.SILVER, Role.GOLD, Role.AUDITOR, Role.ADMIN):
        with pytest.raises(PermissionDenied):
            link_add(
                actor=make_user(role),
                source=node_of(child),
                target=node_of(place),
                relation=Link.Relation.SEEN_AT,
                origin=Link.Origin.DIRECT,
                **GRADED,
            )


def test_retraction_needs_a_reason_and_keeps_the_link_in_history(audited):
    user = analyst()
    link = linked(ChildFactory(), context_made(), by=user)
    with pytest.raises(ValidationError):
        link_retract(actor=user, link=link, reason="  ")
    link = link_retract(actor=user, link=link, reason="Wrong child: a namesake")
    assert link.status == Link.Status.RETRACTED and link.retracted_by == user
    assert Link.objects.filter(pk=link.pk).exists()
    assert link.history.count() == 2
    audited(Event.Verb.LINK_RETRACTED, actor=user, obj=link)
    with pytest.raises(ValidationError):
        link_retract(actor=user, link=link, reason="again")


def test_a_proposed_link_is_confirmed_once(audited):
    user = analyst()
    link = linked(ChildFactory(), context_made(), by=user, proposed=True, proposal_reason="x")
    assert link.status == Link.Status.PROPOSED and link.confirmed_at is None
    link = link_confirm(actor=user, link=link)
    assert link.status == Link.Status.CONFIRMED
    audited(Event.Verb.LINK_CONFIRMED, actor=user, obj=link)
    with pytest.raises(ValidationError):
        link_confirm(actor=user, link=link)


def test_the_same_phone_written_two_ways_is_one_node():
    a = node_for_identifier(kind=Node.Kind.PHONE, text="07700 900123")
    b = node_for_identifier(kind=Node.Kind.PHONE, text="+44 7700 900 123")
    assert a.pk == b.pk
    with pytest.raises(ValidationError):
        node_for_identifier(kind=Node.Kind.VEHICLE, text="a grey car")


class TestCoOccurrence:
    def test_a_third_child_at_a_place_raises_one_alert(self, audited):
        place = context_made()
        first, second, third = ChildFactory.create_batch(3)
        linked(first, place, Link.Relation.SEEN_AT)
        linked(second, place, Link.Relation.SEEN_AT)
        assert not Alert.objects.exists()
        link = linked(third, place, Link.Relation.SEEN_AT)
        alert = Alert.objects.get()
        assert (alert.child, alert.context, alert.link) == (third, place, link)
        assert alert.children_linked == 3
        audited(Event.Verb.ALERT_RAISED, actor=None, child=third, obj=alert)
        linked(third, place, Link.Relation.STAYS_AT)  # the same child again: no news
        assert Alert.objects.count() == 1

    def test_retracted_and_proposed_links_do_not_count(self):
        place = context_made(Context.Kind.PERSON)
        first, second, third = ChildFactory.create_batch(3)
        user = analyst()
        link_retract(actor=user, link=linked(first, place), reason="Wrong child")
        linked(second, place, proposed=True)
        linked(third, place)
        assert not Alert.objects.exists()

    def test_a_peer_group_does_not_alert(self):
        group = context_made(Context.Kind.PEER_GROUP)
        for child in ChildFactory.create_batch(3):
            linked(child, group, Link.Relation.MEMBER)
        assert not Alert.objects.exists()

    def test_confirming_a_proposal_can_raise_it(self):
        place = context_made()
        for child in ChildFactory.create_batch(2):
            linked(child, place)
        link = linked(ChildFactory(), place, proposed=True)
        assert not Alert.objects.exists()
        link_confirm(actor=analyst(), link=link)
        assert Alert.objects.get().link == link

    def test_dismissing_needs_a_reason(self, audited):
        place = context_made()
        for child in ChildFactory.create_batch(3):
            linked(child, place)
        alert, user = Alert.objects.get(), analyst()
        with pytest.raises(ValidationError):
            alert_close(actor=user, alert=alert, status=Alert.Status.DISMISSED)
        alert = alert_close(
            actor=user, alert=alert, status=Alert.Status.DISMISSED, reason="Same family"
        )
        assert alert.status == Alert.Status.DISMISSED
        audited(Event.Verb.ALERT_CLOSED, actor=user, obj=alert)
