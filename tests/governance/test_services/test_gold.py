"""Recommendations to Gold and Gold's decisions; Gold's challenges and the answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.governance.models import Recommendation
from mace.governance.services.gold import (
    challenge_answer,
    challenge_raise,
    recommendation_decide,
    recommendation_raise,
)

pytestmark = pytest.mark.django_db


def _recommend(actor, **fields):
    values = {
        "kind": Recommendation.Kind.COMMISSIONING,
        "title": "Commission a return home interview service",
        "text": "Interviews within 72 hours in a third of cases",
    }
    values.update(fields)
    return recommendation_raise(actor=actor, **values)


@pytest.mark.parametrize("role", [Role.SILVER, Role.CHAIR, Role.COORDINATOR])
def test_silver_and_the_organisers_recommend_audited(make_user, role, audited):
    actor = make_user(role)
    rec = _recommend(actor)
    assert rec.decision == "" and rec.created_by == actor
    audited(Event.Verb.RECOMMENDATION_RAISED, actor=actor, obj=rec)


@pytest.mark.parametrize("role", [Role.GOLD, Role.MEMBER, Role.ANALYST])
def test_nobody_else_recommends(make_user, role):
    with pytest.raises(PermissionDenied):
        _recommend(make_user(role))


def test_a_recommendation_says_what_is_missing(make_user):
    with pytest.raises(ValidationError) as caught:
        _recommend(make_user(Role.SILVER), kind="wish", title="", text=" ")
    assert set(caught.value.message_dict) == {"kind", "title", "text"}


def test_gold_decides_with_the_date_audited(make_user, audited):
    gold = make_user(Role.GOLD)
    rec = _recommend(make_user(Role.SILVER))
    rec = recommendation_decide(
        actor=gold,
        recommendation=rec,
        decision=Recommendation.Decision.AGREED,
        decided_on=dt.date(2026, 4, 1),
        note="Funded for two years",
    )
    assert (rec.decision, rec.decided_on, rec.decided_by) == ("agreed", dt.date(2026, 4, 1), gold)
    event = audited(Event.Verb.RECOMMENDATION_DECIDED, actor=gold, obj=rec)
    assert event.payload == {"decision": "agreed", "decided_on": "2026-04-01"}
    with pytest.raises(ValidationError):
        recommendation_decide(
            actor=gold, recommendation=rec, decision="not_agreed", decided_on=dt.date(2026, 4, 2)
        )


def test_a_deferred_recommendation_is_decided_later(make_user):
    gold = make_user(Role.GOLD)
    rec = _recommend(make_user(Role.SILVER))
    recommendation_decide(
        actor=gold, recommendation=rec, decision="deferred", decided_on=clock.today()
    )
    rec = recommendation_decide(
        actor=gold, recommendation=rec, decision="agreed", decided_on=clock.today()
    )
    assert rec.decision == "agreed"


@pytest.mark.parametrize("role", [Role.SILVER, Role.CHAIR, Role.COORDINATOR, Role.MEMBER])
def test_only_gold_decides(make_user, role):
    rec = _recommend(make_user(Role.SILVER))
    with pytest.raises(PermissionDenied):
        recommendation_decide(
            actor=make_user(role), recommendation=rec, decision="agreed", decided_on=clock.today()
        )


def test_a_decision_says_what_is_missing(make_user):
    rec = _recommend(make_user(Role.SILVER))
    with pytest.raises(ValidationError) as caught:
        recommendation_decide(
            actor=make_user(Role.GOLD),
            recommendation=rec,
            decision="maybe",
            decided_on=clock.today() + dt.timedelta(days=1),
        )
    assert set(caught.value.message_dict) == {"decision", "decided_on"}


def test_gold_challenges_and_silver_answers_audited(make_user, audited):
    gold, silver = make_user(Role.GOLD), make_user(Role.SILVER)
    challenge = challenge_raise(actor=gold, text="Why are interviews late?")
    audited(Event.Verb.CHALLENGE_RAISED, actor=gold, obj=challenge)
    assert challenge.raised_by == gold and challenge.raised_at

    challenge = challenge_answer(actor=silver, challenge=challenge, answer="Staffing; a plan item")
    assert challenge.answered_by == silver and challenge.answered_at
    audited(Event.Verb.CHALLENGE_ANSWERED, actor=silver, obj=challenge)
    with pytest.raises(ValidationError):
        challenge_answer(actor=silver, challenge=challenge, answer="Again")


@pytest.mark.parametrize("role", [Role.SILVER, Role.CHAIR, Role.COORDINATOR, Role.MEMBER])
def test_only_gold_challenges(make_user, role):
    with pytest.raises(PermissionDenied):
        challenge_raise(actor=make_user(role), text="Why?")


@pytest.mark.parametrize("role", [Role.GOLD, Role.MEMBER, Role.ANALYST])
def test_only_silver_and_the_organisers_answer(make_user, role):
    challenge = challenge_raise(actor=make_user(Role.GOLD), text="Why?")
    with pytest.raises(PermissionDenied):
        challenge_answer(actor=make_user(role), challenge=challenge, answer="Because")


def test_a_challenge_and_an_answer_must_say_something(make_user):
    with pytest.raises(ValidationError) as caught:
        challenge_raise(actor=make_user(Role.GOLD), text="")
    assert caught.value.message_dict == {"text": ["Enter the challenge"]}
    challenge = challenge_raise(actor=make_user(Role.GOLD), text="Why?")
    with pytest.raises(ValidationError) as caught:
        challenge_answer(actor=make_user(Role.SILVER), challenge=challenge, answer="")
    assert caught.value.message_dict == {"answer": ["Enter the answer"]}
