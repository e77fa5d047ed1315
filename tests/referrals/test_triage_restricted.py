"""A restricted record on the triage pages: a possible match or a linked child is shown as
"a restricted record" to a coordinator not named on it, and logged as such, never by name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.models import ChildAccess
from tests.factories import (
    ChildAccessFactory,
    ChildAddressFactory,
    ChildFactory,
    submitted_referral,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_child():
    child = ChildFactory(
        given_name="Kayden",
        family_name="Oduya",
        date_of_birth=dt.date(2011, 5, 14),
        restricted=True,
    )
    ChildAddressFactory(child=child, postcode="LS9 7QT")
    return child


def _events(user, child):
    return set(Event.objects.filter(actor=user, child=child).values_list("verb", flat=True))


def test_a_restricted_possible_match_is_not_named(restricted_child, make_user, signed_in):
    referral = submitted_referral(child_given_name="Kaden")
    coordinator = make_user(Role.COORDINATOR)
    page = signed_in(coordinator).get(reverse("triage:detail", args=[referral.id]))
    text = page.content.decode()
    [candidate] = page.context["candidates"]
    assert candidate.child == restricted_child and candidate.locked
    assert "A restricted record (only named people may open it)" in text
    assert "14 May 2011" not in text.split("Is this a child we know?")[1]
    assert "Kayden Oduya" not in text
    assert _events(coordinator, restricted_child) == {Event.Verb.RESTRICTED_LISTED}


def test_a_coordinator_named_on_the_record_sees_the_match_by_name(
    restricted_child, make_user, signed_in
):
    referral = submitted_referral(child_given_name="Kaden")
    coordinator = make_user(Role.COORDINATOR)
    ChildAccessFactory(child=restricted_child, user=coordinator, basis=ChildAccess.Basis.NAMED)
    page = signed_in(coordinator).get(reverse("triage:detail", args=[referral.id]))
    assert "Kayden Oduya, born 14 May 2011" in page.content.decode()
    assert _events(coordinator, restricted_child) == {Event.Verb.CHILDREN_LISTED}


def test_a_referral_linked_to_a_restricted_record_does_not_name_it(
    restricted_child, make_user, signed_in
):
    referral = submitted_referral(child=restricted_child, child_given_name="K.")
    coordinator = make_user(Role.COORDINATOR)
    client = signed_in(coordinator)
    detail = client.get(reverse("triage:detail", args=[referral.id])).content.decode()
    assert "Linked to" in detail and "a restricted record" in detail
    assert "Kayden Oduya" not in detail
    queue = client.get(reverse("triage:queue")).content.decode()
    assert "Known child" not in queue
    assert Event.Verb.CHILD_VIEWED not in _events(coordinator, restricted_child)
    assert Event.Verb.RESTRICTED_LISTED in _events(coordinator, restricted_child)
