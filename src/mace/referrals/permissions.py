"""Who may do what with referrals. Which referrals a user sees: selectors.referrals."""

from __future__ import annotations

from mace.accounts.models import Role

REFERRING_ROLES = frozenset({Role.REFERRER, Role.COORDINATOR, Role.CHAIR, Role.MEMBER})


def can_refer(user) -> bool:
    """May the user make a referral? Any professional with an account or a sign-in link."""
    return user.is_authenticated and user.is_active and user.role in REFERRING_ROLES


def can_triage(user) -> bool:
    """May the user work the triage queue and decide referrals?"""
    return user.is_authenticated and user.is_active and user.role == Role.COORDINATOR
