"""The referrer's referral (mace.referrals.services.referrals): submitting lists what is
missing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mace.accounts.models import Role
from mace.referrals.services.referrals import referral_start, referral_submit

pytestmark = pytest.mark.django_db


def test_submission_lists_what_is_missing(make_user):
    user = make_user(Role.REFERRER)
    referral = referral_start(actor=user)
    with pytest.raises(ValidationError) as info:
        referral_submit(actor=user, referral=referral)
    messages = " ".join(info.value.messages)
    assert "Choose at least one concern" in messages
    assert "Enter the child's name" in messages
