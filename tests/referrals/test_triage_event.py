"""Accepting a referral raises ``referral_accepted`` once the decision commits; referrals
knows none of its listeners, and a listener that fails leaves the decision standing."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from mace.accounts.models import Role
from mace.referrals import placements
from mace.referrals.models import Referral
from mace.referrals.services.triage import referral_decide, referral_link_child
from mace.referrals.signals import referral_accepted
from tests.factories import ChildFactory, submitted_referral

pytestmark = pytest.mark.django_db

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


def test_the_placement_lines_come_from_the_apps_that_register(monkeypatch):
    monkeypatch.setattr(placements, "_sources", {})
    referral = submitted_referral()
    assert placements.placement_lines(user=None, referral=referral) == []

    placements.register_placement("here", lambda user, r: f"{r.reference} is here.")
    placements.register_placement("silent", lambda user, r: "")
    assert placements.placement_lines(user=None, referral=referral) == [
        f"{referral.reference} is here."
    ]


def test_requests_are_not_atomic():
    """The triage page reads where the referral went right after the decision: that needs
    the decision (and its listeners) to have committed before the view goes on."""
    assert not settings.DATABASES["default"].get("ATOMIC_REQUESTS")
