"""Triage: the queue and its filters, decisions with reasons, linking children, alerts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.models import Child
from mace.referrals.models import Referral
from mace.referrals.selectors.referrals import triage_queue
from mace.referrals.services.triage import (
    referral_create_child,
    referral_decide,
    referral_link_child,
    referral_unlink_child,
)
from tests.factories import ChildFactory, submitted_referral

pytestmark = pytest.mark.django_db


def test_the_queue_filters_new_awaiting_and_overdue(make_user):
    coordinator = make_user(Role.COORDINATOR)
    today = dt.date(2026, 11, 26)  # Thursday
    fresh = submitted_referral(submitted_at=timezone.make_aware(dt.datetime(2026, 11, 24, 9)))
    old = submitted_referral(submitted_at=timezone.make_aware(dt.datetime(2026, 11, 18, 9)))
    waiting = submitted_referral(
        status=Referral.Status.AWAITING_INFORMATION,
        submitted_at=timezone.make_aware(dt.datetime(2026, 11, 10, 9)),
    )
    submitted_referral(status=Referral.Status.DECLINED)
    assert list(triage_queue(user=coordinator, view="open", today=today)) == [waiting, old, fresh]
    assert set(triage_queue(user=coordinator, view="new", today=today)) == {old, fresh}
    assert list(triage_queue(user=coordinator, view="awaiting_information", today=today)) == [
        waiting
    ]
    # 5 working days before Thu 26 Nov is Thu 19 Nov: the 18th is overdue, the 24th is not.
    assert list(triage_queue(user=coordinator, view="overdue", today=today)) == [waiting, old]


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.COORDINATOR])
def test_only_the_coordinator_triages(role, make_user, signed_in):
    referral = submitted_referral()
    client = signed_in(make_user(role))
    assert client.get(reverse("triage:queue")).status_code == 404
    assert client.get(reverse("triage:detail", args=[referral.id])).status_code == 404
    with pytest.raises((PermissionDenied, Exception)):
        referral_decide(
            actor=make_user(role),
            referral_id=referral.id,
            decision="decline",
            reason="Not for MACE at all",
        )


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


def test_referrals_and_decisions_appear_on_the_childs_chronology(make_user, signed_in):
    coordinator = make_user(Role.COORDINATOR)
    child = ChildFactory()
    referral = submitted_referral()
    referral_link_child(actor=coordinator, referral_id=referral.id, child_id=child.id)
    referral_decide(
        actor=coordinator,
        referral_id=referral.id,
        decision="accept",
        reason="Emerging risk; meets the criteria",
    )
    page = signed_in(coordinator).get(reverse("risk:chronology", args=[child.id]))
    text = page.content.decode()
    assert f"Referral {referral.reference} received" in text
    assert "Accept for a child-focused MACE" in text
    assert "Emerging risk; meets the criteria" in text
