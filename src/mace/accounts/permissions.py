"""Role predicates. Who may see which child is decided in mace.people.selectors only."""

from __future__ import annotations

from mace.accounts.models import Role
from mace.audit.permissions import can_view_audit  # noqa: F401 (the audit app's own rule)

# Roles that see the whole MACE cohort (ARCHITECTURE §4).
COHORT_ROLES = frozenset({Role.COORDINATOR, Role.CHAIR, Role.ANALYST})
# Roles that see a child only through a grant: an invitation, an action, an escalation.
GRANT_ROLES = frozenset({Role.MEMBER, Role.SILVER, Role.GOLD})


def _role(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.role


def has_role(user, *roles: str) -> bool:
    """Is the user signed in, active and holding one of these roles?"""
    return _role(user) in roles


def can_search_cohort(user) -> bool:
    """May the user list and search the MACE cohort?"""
    return _role(user) in COHORT_ROLES


def can_administer(user) -> bool:
    """May the user manage agencies, users and settings (never case data)?"""
    return _role(user) == Role.ADMIN
