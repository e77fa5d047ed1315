"""The analyst's and coordinator's home: alerts (children logged, hidden ones unnamed),
counts of records, of what waits to be confirmed and of orders nearing expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, Disruption, Link
from mace.contexts.selectors.home import alerts_open, contexts_home
from mace.contexts.services.disruption import disruption_record
from mace.core import clock
from tests.factories import AgencyFactory, ChildFactory, analyst, context_made, linked

pytestmark = pytest.mark.django_db


def _alert(place=None, restricted=False):
    place = place or context_made()
    children = ChildFactory.create_batch(2) + [
        ChildFactory(restricted=restricted, given_name="Nadia", family_name="Quillfeather")
    ]
    for child in children:
        linked(child, place, Link.Relation.SEEN_AT)
    return place, children[-1]


def test_the_analyst_sees_the_alert_and_the_child_is_logged(signed_in):
    user = analyst()
    place, child = _alert()
    page = signed_in(user).get(reverse("web:home")).content.decode()
    assert "Quillfeather" in page and place.name in page
    assert Event.objects.filter(
        verb=Event.Verb.CHILD_SEEN_IN_NETWORK, child=child, actor=user
    ).exists()


def test_a_restricted_child_in_an_alert_is_a_child_without_a_name(signed_in, make_user):
    _, child = _alert(restricted=True)
    page = signed_in(make_user(Role.COORDINATOR)).get(reverse("web:home")).content.decode()
    assert "Quillfeather" not in page and "A child" in page
    assert Event.objects.filter(verb=Event.Verb.RESTRICTED_LISTED, child=child).exists()


def test_counts(make_user):
    user = analyst()
    context_made(actor=user)
    person = context_made(Context.Kind.PERSON, actor=user)
    linked(ChildFactory(), person, proposed=True)
    today = clock.today()
    disruption_record(
        actor=user,
        context=person,
        tactic=Disruption.Tactic.CAWN,
        agency=AgencyFactory(),
        started_on=today - dt.timedelta(days=300),
        expires_on=today + dt.timedelta(days=28),
    )
    disruption_record(
        actor=user,
        context=person,
        tactic=Disruption.Tactic.SRO,
        agency=AgencyFactory(),
        started_on=today - dt.timedelta(days=300),
        expires_on=today + dt.timedelta(days=29),
    )
    home = contexts_home(user=user)
    assert {kind: n for _, n, kind in home["contexts_by_kind"]} == {
        "place": 1,
        "peer_group": 0,
        "person": 1,
        "theme": 0,
    }
    assert home["proposed_count"] == 1 and home["expiring_count"] == 1


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.SILVER, Role.GOLD, Role.REFERRER, Role.AUDITOR, Role.ADMIN]
)
def test_nobody_else_gets_alerts(role, make_user):
    _alert()
    assert alerts_open(user=make_user(role)) == [] and contexts_home(user=make_user(role)) == {}


def test_an_alert_on_a_handling_c_link_shows_only_to_the_roles_it_allows(make_user):
    place = context_made()
    for child in ChildFactory.create_batch(2):
        linked(child, place)
    linked(
        ChildFactory(),
        place,
        handling="C",
        handling_conditions="Police source: analysts only",
        handling_roles=["analyst"],
    )
    assert len(alerts_open(user=analyst())) == 1
    assert alerts_open(user=make_user(Role.COORDINATOR)) == []
    assert contexts_home(user=make_user(Role.COORDINATOR))["alert_count"] == 0


def test_an_alert_raised_by_links_a_reader_may_not_see_is_not_shown_to_them(make_user):
    # Two children linked to the place under handling code C for the coordinator only, then
    # a third by an ordinary link: the alert's own link is P, but the analyst would learn
    # of the C links from it (and from "3 children linked").
    place = context_made()
    for child in ChildFactory.create_batch(2):
        linked(
            child,
            place,
            handling="C",
            handling_conditions="Covert source: the coordinator only",
            handling_roles=["coordinator"],
        )
    linked(ChildFactory(), place)
    coordinator = make_user(Role.COORDINATOR)
    [alert] = alerts_open(user=coordinator)
    assert alert.children_seen == 3
    assert alerts_open(user=analyst()) == []
    assert contexts_home(user=analyst())["alert_count"] == 0
    assert contexts_home(user=coordinator)["alert_count"] == 1


def test_an_alert_counts_only_the_children_the_reader_may_see_linked(make_user):
    place = context_made()
    for child in ChildFactory.create_batch(2):
        linked(child, place)
    linked(
        ChildFactory(),
        place,
        handling="C",
        handling_conditions="Covert source: the coordinator only",
        handling_roles=["coordinator"],
    )
    linked(ChildFactory(), place)  # a second alert, on a P link: three children before it
    by_role = {
        role: [a.children_seen for a in alerts_open(user=make_user(role))]
        for role in (Role.COORDINATOR, Role.ANALYST)
    }
    # The coordinator sees both alerts (the first is on the C link), each with the four
    # children linked now; the analyst only the second, with the three they may see.
    assert by_role[Role.COORDINATOR] == [4, 4]
    assert by_role[Role.ANALYST] == [3]


def test_proposed_links_under_handling_c_count_only_for_the_roles_they_allow(make_user):
    place = context_made()
    linked(
        ChildFactory(),
        place,
        proposed=True,
        handling="C",
        handling_conditions="Covert source: the coordinator only",
        handling_roles=["coordinator"],
    )
    assert contexts_home(user=make_user(Role.COORDINATOR))["proposed_count"] == 1
    assert contexts_home(user=analyst())["proposed_count"] == 0
