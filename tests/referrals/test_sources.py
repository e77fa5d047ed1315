"""What referrals adds to the pages above it (mace.referrals.sources): the child's referrals
and triage decisions on their chronology."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.referrals.services.triage import referral_decide, referral_link_child
from tests.factories import ChildFactory, submitted_referral

pytestmark = pytest.mark.django_db


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
