"""The demo's triage queue: referrals about known children that identity resolution finds."""

from __future__ import annotations

import pytest

from mace.demo.referrals import (
    DEMO_REFERRAL_COUNT,
    QUEUE_REFERRER_EMAILS,
    demo_referrals_ensure,
)
from mace.referrals.models import Referral
from mace.referrals.selectors.matching import candidates_for_referral

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]


def test_demo_referrals_fill_the_triage_queue_once(seeded):
    assert demo_referrals_ensure() == DEMO_REFERRAL_COUNT + 1
    assert demo_referrals_ensure() == 0  # idempotent
    # The queue's own (seed also writes two years of decided referrals, from others).
    queue = Referral.objects.exclude(status=Referral.Status.DRAFT).filter(
        referrer_email__in=QUEUE_REFERRER_EMAILS
    )
    assert queue.count() == DEMO_REFERRAL_COUNT + 1
    assert queue.filter(form_missing=True, subject="context").count() == 1
    assert queue.filter(status=Referral.Status.AWAITING_INFORMATION).count() == 2


def test_the_known_child_is_the_first_candidate_for_most_demo_referrals(seeded):
    demo_referrals_ensure()
    found = 0
    about_children = Referral.objects.filter(subject="child")
    for referral in about_children:
        candidates = candidates_for_referral(referral=referral, limit=1)
        if candidates and candidates[0].child.family_name == referral.child_family_name:
            found += 1
    assert found >= about_children.count() - 1
