"""Referrals from any professional, how they arrived, and what triage decided."""

from mace.referrals.models.intake import InboundMessage
from mace.referrals.models.referral import (
    Referral,
    ReferralDecision,
    ReferralLink,
    SuspectedPerpetrator,
    YesNoUnknown,
)
from mace.referrals.models.signin import AllowedDomain, SignInLink

__all__ = [
    "AllowedDomain",
    "InboundMessage",
    "Referral",
    "ReferralDecision",
    "ReferralLink",
    "SignInLink",
    "SuspectedPerpetrator",
    "YesNoUnknown",
]
