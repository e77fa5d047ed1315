"""Who a suspected perpetrator may be: candidates with reasons, blocked in the database."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.contexts.models import Context, ContextName, Link, Node
from mace.contexts.selectors.persons import age_of, aliases_of, person_candidates
from mace.contexts.services.links import node_for_identifier
from mace.referrals.models import SuspectedPerpetrator
from tests.factories import context_made, linked, submitted_referral

pytestmark = pytest.mark.django_db


def _perpetrator(**fields) -> SuspectedPerpetrator:
    return SuspectedPerpetrator(referral=submitted_referral(), **fields)


def _person(name="Dean Harrop", names=(), **fields) -> Context:
    return context_made(Context.Kind.PERSON, name, names=names, **fields)


def test_a_street_name_matches_with_the_reason_in_words():
    known = _person(names=[("Skinny", ContextName.Kind.STREET_NAME)])
    _person("Marcus Bell")
    [candidate] = person_candidates(_perpetrator(aliases="Skinny"))
    assert candidate.person == known
    assert "Street name 'Skinny' matches a street name" in candidate.reasons
    assert candidate.score >= 0.5


def test_a_phone_linked_to_the_person_matches_however_it_is_written():
    known = _person("Tyrone Mace")
    linked(
        known, node_for_identifier(kind=Node.Kind.PHONE, text="07700 900123"), Link.Relation.USES
    )
    [candidate] = person_candidates(_perpetrator(phone="+44 7700 900123"))
    assert candidate.person == known
    assert candidate.reasons == ["Phone +44 7700 900123 is linked to this person"]


def test_a_vehicle_linked_to_the_person_matches():
    known = _person("Tyrone Mace")
    linked(known, node_for_identifier(kind=Node.Kind.VEHICLE, text="YX19 ABC"), Link.Relation.USES)
    [candidate] = person_candidates(_perpetrator(vehicle="grey Corsa yx19abc"))
    assert candidate.person == known
    assert "Vehicle grey Corsa yx19abc is linked to this person" in candidate.reasons


def test_a_retracted_link_to_the_phone_proposes_nobody():
    from mace.contexts.services.links import link_retract
    from tests.factories import analyst

    known = _person("Tyrone Mace")
    link = linked(known, node_for_identifier(kind=Node.Kind.PHONE, text="07700 900123"), "uses")
    link_retract(actor=analyst(), link=link, reason="Wrong number recorded")
    assert person_candidates(_perpetrator(phone="07700900123")) == []


def test_a_close_spelling_alone_is_not_enough_but_with_an_age_that_fits_it_is():
    assert person_candidates(_perpetrator(name="Dean Harrop")) == []  # nobody on record yet
    known = _person("Dean Harrop", approximate_age=30)
    [same] = person_candidates(_perpetrator(name="dean  HARROP"))
    assert person_candidates(_perpetrator(name="Dean Harop")) == []
    [close] = person_candidates(_perpetrator(name="Dean Harop", date_of_birth="about 30"))
    assert same.person == close.person == known
    assert "Name 'dean HARROP' matches their name" in same.reasons
    assert "Name 'Dean Harop' is close to their name, 'Dean Harrop'" in close.reasons
    [same_aged] = person_candidates(_perpetrator(name="Dean Harrop", date_of_birth="about 30"))
    assert close.score < same_aged.score


def test_an_age_that_does_not_fit_lowers_the_score():
    _person("Dean Harrop", approximate_age=45)
    [fits] = person_candidates(_perpetrator(name="Dean Harrop", date_of_birth="mid 40s"))
    assert person_candidates(_perpetrator(name="Dean Harrop", date_of_birth="19")) == []
    assert any("fits" in reason for reason in fits.reasons)


def test_different_people_are_not_proposed():
    _person("Dean Harrop", names=[("Skinny", ContextName.Kind.STREET_NAME)])
    linked(_person("Marcus Bell"), node_for_identifier(kind="phone", text="07700 900123"), "uses")
    perpetrator = _perpetrator(
        name="Jordan Whitlow", aliases="JW, Ghost", phone="07700 900999", vehicle="LM68 XYZ"
    )
    assert person_candidates(perpetrator) == []


def test_only_persons_of_concern_are_candidates():
    context_made(Context.Kind.PLACE, "Skinny's Chicken Bar")
    context_made(Context.Kind.PEER_GROUP, "Skinny")
    assert person_candidates(_perpetrator(aliases="Skinny")) == []


def test_the_candidates_are_read_with_a_fixed_number_of_queries(django_assert_max_num_queries):
    for number in range(12):
        _person(f"Dean Harrop {number}", names=[("Skinny", ContextName.Kind.STREET_NAME)])
    with django_assert_max_num_queries(6):
        candidates = person_candidates(_perpetrator(name="Dean Harrop", aliases="Skinny"))
    assert len(candidates) == 12


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Skinny, T / Tee or Big T", ["Skinny", "T", "Tee", "Big T"]),
        ("'Skinny'; skinny", ["Skinny"]),
        ("", []),
    ],
)
def test_aliases_are_read_from_the_free_text(text, expected):
    assert aliases_of(text) == expected


@pytest.mark.parametrize(
    "text,born,age",
    [
        ("14/05/1998", dt.date(1998, 5, 14), 28),
        ("1998-05-14", dt.date(1998, 5, 14), 28),
        ("about 25", None, 25),
        ("mid 20s", None, 25),
        ("late 30s", None, 38),
        ("not known", None, None),
        ("31/02/1998", None, None),
    ],
)
def test_age_is_read_from_what_the_referrer_wrote(text, born, age):
    assert age_of(text, today=dt.date(2026, 12, 2)) == (born, age)
