"""Disruption: what each tactic is recorded against, orders' terms, ending with an outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, Disruption
from mace.contexts.services.disruption import disruption_end, disruption_record, disruption_update
from mace.core import clock
from tests.factories import AgencyFactory, analyst, context_made

pytestmark = pytest.mark.django_db
T = Disruption.Tactic


def _record(context, tactic, started, expires=None, actor=None, **kw):
    return disruption_record(
        actor=actor or analyst(),
        context=context,
        tactic=tactic,
        agency=AgencyFactory(),
        started_on=started,
        expires_on=expires,
        **kw,
    )


def test_a_cawn_against_a_person_is_recorded_and_audited(audited):
    user, person = analyst(), context_made(Context.Kind.PERSON)
    today = clock.today()
    d = _record(person, T.CAWN, today, today + dt.timedelta(days=365), actor=user)
    assert d.status == Disruption.Status.ACTIVE
    audited(Event.Verb.DISRUPTION_RECORDED, actor=user, obj=d)


@pytest.mark.parametrize(
    "tactic,kind", [(T.CAWN, "place"), (T.HOTEL_NOTICE, "person"), (T.CLOSURE_ORDER, "theme")]
)
def test_a_tactic_against_the_wrong_kind_of_record_is_refused(tactic, kind):
    today = clock.today()
    with pytest.raises(ValidationError) as error:
        _record(context_made(kind), tactic, today, today + dt.timedelta(days=90))
    assert "tactic" in error.value.message_dict


def test_orders_need_an_expiry_and_their_legal_terms():
    person, hotel = context_made(Context.Kind.PERSON), context_made(place_kind="hotel")
    start = dt.date(2026, 1, 5)
    with pytest.raises(ValidationError) as error:
        _record(person, T.SRO, start)
    assert "expires_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # at least 2 years
        _record(person, T.STRO, start, dt.date(2027, 12, 31))
    assert "at least 2 years" in error.value.message_dict["expires_on"][0]
    _record(person, T.STRO, start, dt.date(2028, 1, 5))
    with pytest.raises(ValidationError):  # at least 5 years
        _record(person, T.STPO, start, dt.date(2030, 1, 4))
    with pytest.raises(ValidationError) as error:  # at most 6 months
        _record(hotel, T.HOTEL_NOTICE, start, dt.date(2026, 7, 6))
    assert "at most 6 months" in error.value.message_dict["expires_on"][0]
    _record(hotel, T.HOTEL_NOTICE, start, dt.date(2026, 7, 5))
    patrols = _record(hotel, T.PATROLS, start)  # patrols need no expiry
    assert patrols.expires_on is None


def test_ending_needs_the_outcome(audited):
    user = analyst()
    d = _record(context_made(), T.PATROLS, clock.today() - dt.timedelta(days=30), actor=user)
    with pytest.raises(ValidationError):
        disruption_end(actor=user, disruption=d, ended_on=None, outcome="")
    d = disruption_end(actor=user, disruption=d, ended_on=None, outcome="Reports fell by half")
    assert d.status == Disruption.Status.ENDED and d.ended_on == clock.today()
    audited(Event.Verb.DISRUPTION_CHANGED, actor=user, obj=d)
    with pytest.raises(ValidationError):
        disruption_end(actor=user, disruption=d, ended_on=None, outcome="again")


def test_an_update_is_checked_as_a_new_record_is():
    user, person = analyst(), context_made(Context.Kind.PERSON)
    start = dt.date(2026, 3, 1)
    d = _record(person, T.STRO, start, dt.date(2028, 3, 1), actor=user)
    with pytest.raises(ValidationError):
        disruption_update(actor=user, disruption=d, expires_on=dt.date(2027, 3, 1))
    d = disruption_update(actor=user, disruption=d, reference="LS/2026/0412")
    assert d.reference == "LS/2026/0412"


def test_only_recorders_record_disruption(make_user):
    for role in (Role.MEMBER, Role.SILVER, Role.GOLD, Role.REFERRER, Role.AUDITOR, Role.ADMIN):
        with pytest.raises(PermissionDenied):
            _record(context_made(), T.PATROLS, clock.today(), actor=make_user(role))
