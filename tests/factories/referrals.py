"""Submitted referrals for tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mace.core import clock
from mace.referrals.models import Referral


def submitted_referral(**fields) -> Referral:
    defaults = {
        "status": Referral.Status.NEW,
        "submitted_at": timezone.now(),
        "referrer_name": "Dee Sharma",
        "referrer_email": "dee.sharma@leeds.gov.uk",
        "referrer_agency": "Harehills Academy",
        "child_given_name": "Kayden",
        "child_family_name": "Oduya",
        "child_date_of_birth": dt.date(2011, 5, 14),
        "child_postcode": "LS9 7QT",
        "concerns": ["cce", "missing"],
        "why_mace": "Three missing episodes in a month, found in Bradford",
    }
    defaults.update(fields)
    return Referral.objects.create(**defaults)


def new_referral(**fields) -> Referral:
    """A new referral about Kayden Oduya, submitted now (by mace.core.clock)."""
    defaults = {
        "status": Referral.Status.NEW,
        "submitted_at": clock.now(),
        "referrer_name": "Dee Sharma",
        "referrer_email": "dee.sharma@leeds.gov.example",
        "referrer_agency": "Harehills Academy",
        "child_given_name": "Kayden",
        "child_family_name": "Oduya",
        "child_date_of_birth": dt.date(2011, 5, 14),
        "concerns": ["cce", "missing"],
        "why_mace": "Three missing episodes in a month, found in Bradford",
    }
    defaults.update(fields)
    return Referral.objects.create(**defaults)
