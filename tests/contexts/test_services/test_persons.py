"""Persons of concern resolved like children: acceptance of a referral matches or opens the
persons it names and proposes the links it implies; the coordinator or analyst confirms or
keeps apart."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, ContextName, Link, Node, PersonMention
from mace.contexts.services.persons import (
    person_mention_confirm,
    person_mention_keep_apart,
    referral_accepted_propose,
)
from mace.contexts.services.records import context_open
from tests.factories import ChildFactory, UserFactory, context_made, referral_naming

pytestmark = pytest.mark.django_db

SKINNY = {
    "name": "Dean Harrop",
    "aliases": "Skinny",
    "phone": "07700 900123",
    "vehicle": "YX19 ABC",
}


@pytest.fixture
def coordinator():
    return UserFactory(role=Role.COORDINATOR)


def _mention(referral) -> PersonMention:
    return PersonMention.objects.get(referral=referral)


def _links(**filters):
    return Link.objects.filter(**filters)


def test_a_perpetrator_nobody_knows_opens_a_suspected_person_with_the_links_proposed(coordinator):
    child = ChildFactory()
    referral = referral_naming(coordinator=coordinator, child=child, perpetrators=[SKINNY])
    mention = _mention(referral)
    assert mention.status == PersonMention.Status.NEW
    person = mention.person
    assert (person.kind, person.certainty, person.name) == ("person", "suspected", "Dean Harrop")
    assert set(person.names.values_list("name", "kind")) == {
        ("Dean Harrop", ContextName.Kind.NAME),
        ("Skinny", ContextName.Kind.STREET_NAME),
    }
    links = _links(referral=referral)
    assert {(link.source.kind, link.relation, link.target.kind) for link in links} == {
        (Node.Kind.PERSON, Link.Relation.EXPLOITS, Node.Kind.CHILD),
        (Node.Kind.PERSON, Link.Relation.USES, Node.Kind.PHONE),
        (Node.Kind.PERSON, Link.Relation.USES, Node.Kind.VEHICLE),
    }
    for link in links:
        assert (link.status, link.origin, link.grading) == ("proposed", "referral", "2CP")
        assert link.created_by is None  # the system proposed it
    exploits = links.get(relation=Link.Relation.EXPLOITS)
    assert exploits.target.child == child
    # Opened by the system: no actor on the audit row.
    opened = Event.objects.get(verb=Event.Verb.CONTEXT_OPENED)
    assert opened.actor_id is None


@pytest.mark.parametrize(
    "second,reason",
    [
        ({"name": "", "aliases": "Skinny, Tee"}, "Street name 'Skinny' matches a street name"),
        ({"name": "D. Smith", "phone": "+44 7700 900123"}, "Phone +44 7700 900123 is linked"),
        ({"name": "Unknown male", "vehicle": "yx19abc"}, "Vehicle yx19abc is linked"),
    ],
)
def test_two_referrals_naming_the_same_person_propose_one_person_with_reasons(
    coordinator, second, reason
):
    first = referral_naming(coordinator=coordinator, child=ChildFactory(), perpetrators=[SKINNY])
    known = _mention(first).person
    later = referral_naming(coordinator=coordinator, child=ChildFactory(), perpetrators=[second])
    mention = _mention(later)
    assert mention.status == PersonMention.Status.PROPOSED
    assert mention.candidate == known and mention.person is None
    assert any(r.startswith(reason) for r in mention.reasons), mention.reasons
    assert mention.score >= 0.5
    # Nothing is linked to a person until the coordinator decides who they are.
    assert not _links(referral=later, source__kind=Node.Kind.PERSON).exists()
    assert Context.objects.filter(kind=Context.Kind.PERSON).count() == 1


def test_different_people_are_not_proposed(coordinator):
    referral_naming(coordinator=coordinator, child=ChildFactory(), perpetrators=[SKINNY])
    other = {"name": "Jordan Whitlow", "aliases": "Ghost", "phone": "07700 900999"}
    later = referral_naming(coordinator=coordinator, child=ChildFactory(), perpetrators=[other])
    assert _mention(later).status == PersonMention.Status.NEW
    assert Context.objects.filter(kind=Context.Kind.PERSON).count() == 2


def test_the_places_and_groups_the_referral_names_are_proposed_for_the_child(coordinator):
    place = context_made(Context.Kind.PLACE, "Chicken Shack")
    group = context_made(Context.Kind.PEER_GROUP, "Seacroft Boys")
    context_made(Context.Kind.PLACE, "Roundhay Park")
    child = ChildFactory()
    referral = referral_naming(
        coordinator=coordinator,
        child=child,
        places_of_concern="Seen most nights outside the chicken shack on Harehills Road, and "
        "at a flat above the bookies",
        peer_groups="Hangs around with the Seacroft boys",
    )
    links = _links(referral=referral)
    assert {(link.relation, link.target.context) for link in links} == {
        (Link.Relation.SEEN_AT, place),
        (Link.Relation.MEMBER, group),
    }
    assert all(link.source.child == child for link in links)
    # No place is invented from the text.
    assert Context.objects.filter(kind=Context.Kind.PLACE).count() == 2


def test_a_referral_about_a_context_proposes_only_person_identifier_and_place_links(coordinator):
    place = context_made(Context.Kind.PLACE, "Chicken Shack")
    referral = referral_naming(
        coordinator=coordinator,
        subject="context",
        child_given_name="",
        child_family_name="",
        child_date_of_birth=None,
        places_of_concern="Young people gathering at the Chicken Shack late at night",
        perpetrators=[{"name": "Dean Harrop", "phone": "07700 900123"}],
    )
    links = _links(referral=referral)
    assert {(link.relation, link.target.kind) for link in links} == {
        (Link.Relation.USES, Node.Kind.PHONE),
        (Link.Relation.SEEN_AT, Node.Kind.PLACE),
    }
    assert links.get(relation=Link.Relation.SEEN_AT).target.context == place
    assert not Node.objects.filter(kind=Node.Kind.CHILD).exists()


def test_acceptance_is_proposed_once_and_an_empty_perpetrator_is_skipped(coordinator):
    referral = referral_naming(
        coordinator=coordinator,
        child=ChildFactory(),
        perpetrators=[SKINNY, {"relationship": "Older boyfriend"}],
    )
    before = Link.objects.count()
    referral_accepted_propose(referral_id=referral.id)
    assert PersonMention.objects.count() == 1
    assert Link.objects.count() == before


def _proposed(coordinator):
    referral_naming(coordinator=coordinator, child=ChildFactory(), perpetrators=[SKINNY])
    later = referral_naming(
        coordinator=coordinator,
        child=ChildFactory(),
        perpetrators=[{"name": "Dean Harrop", "aliases": "Skinny, Big D", "phone": "07700 900555"}],
    )
    return _mention(later)


def test_confirming_adds_the_new_street_names_and_proposes_the_links(coordinator, audited):
    mention = _proposed(coordinator)
    known = mention.candidate
    decided = person_mention_confirm(actor=coordinator, mention=mention)
    assert (decided.status, decided.person, decided.decided_by) == ("confirmed", known, coordinator)
    names = set(known.names.values_list("name", flat=True))
    assert names == {"Dean Harrop", "Skinny", "Big D"}
    person_links = _links(referral=mention.referral, source=known.node)
    assert {(link.relation, link.target.kind) for link in person_links} == {
        (Link.Relation.EXPLOITS, Node.Kind.CHILD),
        (Link.Relation.USES, Node.Kind.PHONE),
    }
    assert all(link.created_by == coordinator for link in person_links)
    event = Event.objects.filter(verb=Event.Verb.PERSON_RESOLVED, actor=coordinator).get()
    assert event.payload["status"] == "confirmed"
    with pytest.raises(ValidationError):
        person_mention_confirm(actor=coordinator, mention=mention)


def test_keeping_apart_needs_a_reason_and_opens_a_new_person(coordinator):
    mention = _proposed(coordinator)
    with pytest.raises(ValidationError) as refused:
        person_mention_keep_apart(actor=coordinator, mention=mention, reason="  ")
    assert "reason" in refused.value.message_dict
    decided = person_mention_keep_apart(
        actor=coordinator, mention=mention, reason="Different age and a different phone"
    )
    assert decided.status == PersonMention.Status.KEPT_APART
    assert decided.person != mention.candidate
    assert decided.person.created_by == coordinator
    assert Context.objects.filter(kind=Context.Kind.PERSON).count() == 2
    event = Event.objects.filter(verb=Event.Verb.PERSON_RESOLVED, actor=coordinator).get()
    assert event.reason == "Different age and a different phone"
    assert _links(source=decided.person.node, relation=Link.Relation.EXPLOITS).count() == 1


@pytest.mark.parametrize(
    "role,allowed",
    [
        (Role.COORDINATOR, True),
        (Role.ANALYST, True),
        (Role.CHAIR, False),
        (Role.MEMBER, False),
        (Role.REFERRER, False),
    ],
)
def test_only_the_coordinator_and_the_analyst_decide(coordinator, role, allowed):
    mention = _proposed(coordinator)
    actor = UserFactory(role=role)
    if allowed:
        person_mention_confirm(actor=actor, mention=mention)
        return
    with pytest.raises(PermissionDenied):
        person_mention_confirm(actor=actor, mention=mention)
    with pytest.raises(PermissionDenied):
        person_mention_keep_apart(actor=actor, mention=mention, reason="Not them")
    mention.refresh_from_db()
    assert mention.status == PersonMention.Status.PROPOSED


def test_no_child_is_ever_the_source_of_exploits(coordinator):
    child = ChildFactory(given_name="Skinny")
    referral_naming(coordinator=coordinator, child=child, perpetrators=[SKINNY])
    referral_naming(
        coordinator=coordinator,
        child=ChildFactory(),
        perpetrators=[{"name": child.full_name, "aliases": "Skinny"}],
    )
    assert Link.objects.filter(relation=Link.Relation.EXPLOITS).exists()
    assert not Link.objects.filter(
        relation=Link.Relation.EXPLOITS, source__kind=Node.Kind.CHILD
    ).exists()
    # Persons of concern only: a child of the cohort is never a candidate.
    assert not PersonMention.objects.filter(candidate__kind__in=["child"]).exists()


def test_the_system_opens_a_person_only_when_it_says_so():
    with pytest.raises(PermissionDenied):
        context_open(actor=None, kind="person", name="Dean Harrop", certainty="suspected")
    with pytest.raises(ValueError):
        context_open(
            actor=UserFactory(role=Role.ANALYST),
            kind="person",
            name="Dean Harrop",
            certainty="suspected",
            system=True,
        )
    person = context_open(
        actor=None, kind="person", name="Dean Harrop", certainty="suspected", system=True
    )
    assert person.created_by is None and person.node.kind == Node.Kind.PERSON
