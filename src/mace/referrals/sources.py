"""What referrals adds to the pages above it (imported by ReferralsConfig.ready()): the
child's referrals and triage decisions on their chronology."""

from __future__ import annotations

from mace.referrals.selectors.chronology import referral_chronology
from mace.web.registry import register_chronology

register_chronology(
    "referrals", referral_chronology, kinds={"referral": "Referrals and triage"}, position=60
)
