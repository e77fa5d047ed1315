"""What the referrer is told of a decision (mace.referrals.services.notify)."""

from __future__ import annotations

import pytest

from mace.referrals.models import Referral, ReferralDecision
from tests.factories import new_referral

pytestmark = pytest.mark.django_db


def test_the_decision_email_keeps_mace_in_capitals(make_user):
    from django.core import mail

    from mace.referrals.services.notify import referral_decision_notify

    referral = new_referral(subject=Referral.Subject.CONTEXT, context_description="A park")
    decision = ReferralDecision.objects.create(
        referral=referral, decision="accept", reason="Meets the criteria for contextual work"
    )
    referral_decision_notify(decision_id=decision.pk)
    [message] = mail.outbox
    assert message.subject == f"MACE referral {referral.reference}: accept for the contextual MACE"
    assert "Accept for the contextual MACE" in message.body
