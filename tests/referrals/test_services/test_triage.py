"""Triage (mace.referrals.services.triage): decisions with reasons, linking children,
alerts. Accepting raises ``referral_accepted`` once the decision commits; referrals knows
none of its listeners, and a listener that fails leaves the decision standing."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.models import Child
from mace.referrals.models import Referral
from mace.referrals.services.triage import (
    referral_create_child,
    referral_decide,
    referral_link_child,
    referral_unlink_child,
)
from mace.referrals.signals import referral_accepted
from tests.factories import ChildFactory, submitted_referral

pytestmark = pytest.mark.django_db


def test_a_decision_needs_a_reason_and_the_referrer_is_emailed(
    make_user, django_capture_on_commit_callbacks, audited
):
    coordinator = make_user(Role.COORDINATOR)
    referral = submitted_referral(subject="context", context_description="Bus station")
    with pytest.raises(ValidationError):
        referral_decide(actor=coordinator, referral_id=referral.id, decision="decline", reason="")
    with django_capture_on_commit_callbacks(execute=True):
        referral_decide(
            actor=coordinator,
            referral_id=referral.id,
            decision="decline",
            reason="Not exploitation: a neighbour dispute",
        )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    triaged = audited(Event.Verb.REFERRAL_TRIAGED, actor=coordinator, child=None, obj=referral)
    assert (triaged.reason, triaged.payload) == (
        "Not exploitation: a neighbour dispute",
        {"decision": "decline"},
    )
    assert mail.outbox[-1].to == ["dee.sharma@leeds.gov.uk"]
    assert "Not exploitation: a neighbour dispute" in mail.outbox[-1].body
    assert referral.decisions.get().referrer_notified_at is not None


def test_accepting_needs_the_child_confirmed_first(make_user):
    coordinator = make_user(Role.COORDINATOR)
    referral = submitted_referral()
    with pytest.raises(ValidationError, match="Confirm which child"):
        referral_decide(
            actor=coordinator,
            referral_id=referral.id,
            decision="accept",
            reason="Low and emerging risk, meets criteria",
        )
    referral_create_child(actor=coordinator, referral_id=referral.id)
    referral_decide(
        actor=coordinator,
        referral_id=referral.id,
        decision="accept",
        reason="Low and emerging risk, meets criteria",
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED


def test_creating_a_child_from_the_referral(make_user, audited):
    coordinator = make_user(Role.COORDINATOR)
    referral = submitted_referral(child_aliases="KD, Kay", child_gender="Boy")
    link = referral_create_child(actor=coordinator, referral_id=referral.id)
    child = Child.objects.get(pk=link.child_id)
    assert (child.given_name, child.family_name, child.gender) == ("Kayden", "Oduya", "male")
    assert sorted(a.name for a in child.aliases.all()) == ["KD", "Kay"]
    assert child.addresses.get().postcode == "LS9 7QT"
    audited(Event.Verb.CHILD_CREATED, actor=coordinator, child=child, obj=child)
    linked = audited(Event.Verb.REFERRAL_LINKED, actor=coordinator, child=child, obj=referral)
    assert linked.payload == {"link": "created"}


def test_a_wrong_match_can_be_undone(make_user, audited):
    coordinator = make_user(Role.COORDINATOR)
    child = ChildFactory()
    referral = submitted_referral()
    referral_link_child(actor=coordinator, referral_id=referral.id, child_id=child.id, score=0.9)
    referral.refresh_from_db()
    assert referral.child == child
    with pytest.raises(ValidationError):
        referral_unlink_child(actor=coordinator, referral_id=referral.id, reason="")
    link = referral_unlink_child(
        actor=coordinator,
        referral_id=referral.id,
        reason="Different date of birth on the school record",
    )
    referral.refresh_from_db()
    assert referral.child is None and link.undone_by == coordinator
    audited(Event.Verb.REFERRAL_LINKED, actor=coordinator, child=child, obj=referral)
    unlinked = audited(Event.Verb.REFERRAL_UNLINKED, actor=coordinator, child=child, obj=referral)
    assert unlinked.reason == "Different date of birth on the school record"


def test_two_referrals_about_one_child_within_7_days_raise_an_alert(
    make_user, django_capture_on_commit_callbacks
):
    coordinator = make_user(Role.COORDINATOR, email="coord@leeds.gov.uk")
    child = ChildFactory()
    first = submitted_referral(submitted_at=timezone.now() - dt.timedelta(days=3))
    second = submitted_referral()
    referral_link_child(actor=coordinator, referral_id=first.id, child_id=child.id)
    assert not [m for m in mail.outbox if "same child" in m.subject]
    with django_capture_on_commit_callbacks(execute=True):
        referral_link_child(actor=coordinator, referral_id=second.id, child_id=child.id)
    alerts = [m for m in mail.outbox if "same child" in m.subject]
    assert len(alerts) == 1 and alerts[0].to == ["coord@leeds.gov.uk"]
    assert first.reference in alerts[0].body


def test_a_referral_older_than_7_days_raises_no_alert(
    make_user, django_capture_on_commit_callbacks
):
    coordinator = make_user(Role.COORDINATOR)
    child = ChildFactory()
    old = submitted_referral(submitted_at=timezone.now() - dt.timedelta(days=9))
    new = submitted_referral()
    with django_capture_on_commit_callbacks(execute=True):
        referral_link_child(actor=coordinator, referral_id=old.id, child_id=child.id)
        referral_link_child(actor=coordinator, referral_id=new.id, child_id=child.id)
    assert not [m for m in mail.outbox if "same child" in m.subject]


# The referral_accepted event.


REASON = "Meets the MACE criteria: missing twice this month"


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


@pytest.fixture
def heard():
    """The referral ids a probe listener hears, connected for the test only."""
    ids = []

    def probe(sender, *, referral_id, **kwargs):
        ids.append(referral_id)

    referral_accepted.connect(probe, dispatch_uid="test-probe")
    yield ids
    referral_accepted.disconnect(dispatch_uid="test-probe")


def _linked(coordinator) -> Referral:
    referral = submitted_referral()
    referral_link_child(actor=coordinator, referral_id=referral.id, child_id=ChildFactory().id)
    return referral


def test_the_event_is_sent_once_the_acceptance_commits(
    coordinator, heard, django_capture_on_commit_callbacks
):
    referral = _linked(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        referral_decide(
            actor=coordinator, referral_id=referral.id, decision="accept", reason=REASON
        )
    assert heard == []  # nothing is said while the decision could still be rolled back

    for callback in callbacks:
        callback()
    assert heard == [referral.pk]


@pytest.mark.parametrize("decision", ["decline", "more_information"])
def test_no_event_for_a_referral_not_accepted(
    decision, coordinator, heard, django_capture_on_commit_callbacks
):
    referral = _linked(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        referral_decide(
            actor=coordinator, referral_id=referral.id, decision=decision, reason=REASON
        )
    assert heard == []


def test_no_event_when_the_decision_is_refused(
    coordinator, heard, django_capture_on_commit_callbacks
):
    referral = submitted_referral()  # no child confirmed: accepting is refused
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        referral_decide(
            actor=coordinator, referral_id=referral.id, decision="accept", reason=REASON
        )
    assert heard == []


def test_a_listener_that_fails_is_logged_and_the_decision_stands(
    coordinator, heard, caplog, django_capture_on_commit_callbacks
):
    def broken(sender, **kwargs):
        raise RuntimeError("no database for agendas today")

    referral_accepted.connect(broken, dispatch_uid="test-broken")
    referral = _linked(coordinator)
    try:
        with (
            caplog.at_level(logging.ERROR, logger="mace.referrals.signals"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            referral_decide(
                actor=coordinator, referral_id=referral.id, decision="accept", reason=REASON
            )
    finally:
        referral_accepted.disconnect(dispatch_uid="test-broken")

    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert heard == [referral.pk]  # the other listeners still ran
    [record] = [r for r in caplog.records if r.name == "mace.referrals.signals"]
    assert str(referral.pk) in record.getMessage()
    assert record.exc_info[0] is RuntimeError
