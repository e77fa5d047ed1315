"""Reading disruption: orders expiring within the window or expired and not closed, only
where the context shows."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, Disruption
from mace.contexts.selectors.disruption import (
    disruption_get_for_user,
    disruptions_of,
    expiring_count,
    expiry_of,
    orders_expiring,
)
from mace.contexts.services.disruption import disruption_end, disruption_record
from mace.core import clock
from tests.factories import AgencyFactory, UserFactory, analyst, context_made

pytestmark = pytest.mark.django_db
T = Disruption.Tactic


def _order(context, *, expires_in: int, tactic=T.CAWN, started_ago: int = 400, actor=None):
    today = clock.today()
    return disruption_record(
        actor=actor or analyst(),
        context=context,
        tactic=tactic,
        agency=AgencyFactory(),
        started_on=today - dt.timedelta(days=started_ago),
        expires_on=today + dt.timedelta(days=expires_in),
    )


@pytest.fixture
def orders(settings):
    settings.MACE_DISRUPTION_EXPIRY_WARNING_DAYS = 28
    person = context_made(Context.Kind.PERSON)
    user = analyst()
    made = {
        "edge": _order(person, expires_in=28, actor=user),
        "beyond": _order(person, expires_in=29, actor=user),
        "today": _order(person, expires_in=0, actor=user),
        "expired": _order(person, expires_in=-1, actor=user),
        "ended": _order(person, expires_in=-3, actor=user),
    }
    made["ended"] = disruption_end(
        actor=user, disruption=made["ended"], ended_on=None, outcome="Discharged"
    )
    patrols = disruption_record(
        actor=user,
        context=context_made(Context.Kind.PLACE),
        tactic=T.PATROLS,
        agency=AgencyFactory(),
        started_on=clock.today(),
    )
    made["patrols"] = patrols
    return user, made


def test_orders_expire_at_the_window_and_past_it_until_ended(orders):
    user, made = orders
    found = set(orders_expiring(user=user).values_list("pk", flat=True))
    expected = {made[k].pk for k in ("edge", "today", "expired")}
    assert found == expected
    assert expiring_count(user=user) == len(expected)


def test_a_narrower_window_takes_fewer(orders):
    user, made = orders
    found = set(orders_expiring(user=user, within_days=27).values_list("pk", flat=True))
    assert found == {made["today"].pk, made["expired"].pk}


def test_the_flag_says_how_many_days_or_expired(orders):
    _, made = orders
    assert expiry_of(made["edge"]).label == "Expires in 28 days"
    assert expiry_of(made["today"]).label == "Expires today"
    assert expiry_of(made["expired"]).label == "Expired"
    assert not expiry_of(made["beyond"]).flagged
    assert not expiry_of(made["ended"]).flagged
    assert not expiry_of(made["patrols"]).flagged


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SILVER, Role.GOLD, Role.REFERRER])
def test_nobody_outside_the_contexts_sees_the_orders(orders, role):
    _, made = orders
    other = UserFactory(role=role)
    assert expiring_count(user=other) == 0
    assert not disruptions_of(user=other, context=made["edge"].context).exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CHAIR])
def test_the_coordinator_and_chair_see_them_too(orders, role):
    _, made = orders
    assert expiring_count(user=UserFactory(role=role)) == 3
    assert disruptions_of(user=UserFactory(role=role), context=made["edge"].context).count() == 5


def test_opening_an_order_is_a_read_of_its_person(make_user):
    person = context_made(Context.Kind.PERSON, "Dean Harrop")
    order = _order(person, expires_in=100)
    coordinator = make_user(Role.COORDINATOR)
    assert disruption_get_for_user(user=coordinator, disruption_id=order.pk) == order
    event = Event.objects.get(verb=Event.Verb.CONTEXT_VIEWED, actor=coordinator)
    assert event.payload == {"contexts": [str(person.pk)], "page": "disruption"}
