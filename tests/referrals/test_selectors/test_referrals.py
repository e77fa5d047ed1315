"""The triage queue and its filters (mace.referrals.selectors.referrals)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mace.accounts.models import Role
from mace.referrals.models import Referral
from mace.referrals.selectors.referrals import triage_queue
from tests.factories import submitted_referral

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
