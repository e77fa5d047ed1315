"""Emails to referrers. Sent after the transaction commits; never contain case detail
beyond the reference and the decision the referrer is entitled to see."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from mace.core import clock
from mace.referrals.models import Referral


def referral_acknowledge(*, referral: Referral) -> None:
    """Tell the referrer their referral was received, with its reference."""
    if not referral.referrer_email:
        return
    body = render_to_string(
        "referrals/email/acknowledge.txt",
        {"referral": referral, "service_name": settings.MACE_SERVICE_NAME},
    )
    send_mail(
        f"MACE referral {referral.reference} received",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [referral.referrer_email],
    )


def _lowered_first(text: str) -> str:
    """ "Accept for a child-focused MACE" as a subject's second half: only the first letter
    lowered, so "MACE" keeps its capitals."""
    return text[:1].lower() + text[1:]


def referral_decision_notify(*, decision_id) -> None:
    """Email the referrer the decision and its reason, and record that it was sent."""

    from mace.referrals.models import ReferralDecision

    decision = ReferralDecision.objects.select_related("referral").get(pk=decision_id)
    referral = decision.referral
    if not referral.referrer_email:
        return
    body = render_to_string(
        "referrals/email/decision.txt",
        {"referral": referral, "decision": decision, "service_name": settings.MACE_SERVICE_NAME},
    )
    send_mail(
        f"MACE referral {referral.reference}: {_lowered_first(decision.label)}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [referral.referrer_email],
    )
    ReferralDecision.objects.filter(pk=decision.pk).update(referrer_notified_at=clock.now())


def repeat_referral_alert(*, referral_id, other_ids) -> None:
    """Alert the coordinators: two referrals about the same child within 7 days."""
    from mace.accounts.models import Role, User

    referral = Referral.objects.get(pk=referral_id)
    others = list(Referral.objects.filter(pk__in=other_ids).order_by("submitted_at"))
    recipients = list(
        User.objects.filter(role=Role.COORDINATOR, is_active=True).values_list("email", flat=True)
    )
    if not recipients:
        return
    body = render_to_string(
        "referrals/email/repeat_alert.txt", {"referral": referral, "others": others}
    )
    send_mail(
        f"MACE: another referral about the same child ({referral.reference})",
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
