"""Emails to referrers. Sent after the transaction commits; never contain case detail
beyond the reference and the decision the referrer is entitled to see."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from mace.referrals.models import Referral


def referral_acknowledge(*, referral: Referral) -> None:
    """Tell the referrer their referral was received, with its reference."""
    if not referral.referrer_email:
        return
    body = render_to_string("referrals/email/acknowledge.txt", {"referral": referral,
                            "service_name": settings.MACE_SERVICE_NAME})  # fmt: skip
    send_mail(
        f"MACE referral {referral.reference} received",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [referral.referrer_email],
    )
