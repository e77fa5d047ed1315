"""Referrals and triage decisions on the child's chronology."""

from __future__ import annotations

from django.urls import reverse

from mace.referrals.models import Referral, ReferralDecision
from mace.web.registry import Entry, who


def referral_chronology(*, child) -> list[Entry]:
    """The child's referrals and their triage decisions."""
    entries: list[Entry] = []
    referrals = (
        Referral.objects.filter(child=child)
        .exclude(status=Referral.Status.DRAFT)
        .select_related("created_by", "created_by__agency")
    )
    for r in referrals:
        by = r.referrer_name or r.referrer_email or "Unknown referrer"
        agency = f", {r.referrer_agency}" if r.referrer_agency else ""
        concerns = dict(Referral.Concern.choices)
        entries.append(
            Entry(
                when=r.submitted_at,
                kind="referral",
                title=f"Referral {r.reference} received ({r.channel_phrase})",
                detail="Concerns: " + (", ".join(concerns.get(c, c) for c in r.concerns) or "—"),
                recorded_by=f"{by}{agency}",
                recorded_at=r.submitted_at,
                url=reverse("triage:detail", args=[r.pk]),
            )
        )
    decisions = ReferralDecision.objects.filter(referral__child=child).select_related(
        "referral", "created_by", "created_by__agency"
    )
    for d in decisions:
        entries.append(
            Entry(
                when=d.created_at,
                kind="referral",
                title=f"Triage decision on {d.referral.reference}: {d.label}",
                detail=d.reason + (f" Signposted to {d.signpost_to}." if d.signpost_to else ""),
                recorded_by=who(d.created_by),
                recorded_at=d.created_at,
                url=reverse("triage:detail", args=[d.referral_id]),
            )
        )
    return entries
