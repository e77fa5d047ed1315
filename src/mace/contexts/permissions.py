"""Who may do what with contextual records. Who may *see* one is decided in
``mace.contexts.selectors.visibility`` only."""

from __future__ import annotations

from mace.accounts.models import Role
from mace.accounts.permissions import COHORT_ROLES, has_role

# The analyst, the coordinator and the chair see every context (ARCHITECTURE §4).
CONTEXT_ROLES = COHORT_ROLES
# They also record them: open contexts, link records, record disruption.
RECORDING_ROLES = (Role.COORDINATOR, Role.CHAIR, Role.ANALYST)
# Who decides whether a suspected perpetrator is a known person of concern.
RESOLVING_ROLES = (Role.COORDINATOR, Role.ANALYST)
# Roles a handling code C's conditions may allow (those who see links at all).
HANDLING_ROLES = (Role.COORDINATOR, Role.CHAIR, Role.ANALYST, Role.MEMBER)
# The MACE core group: sees exact small counts in themes and trends ("<5" for others).
CORE_GROUP_ROLES = COHORT_ROLES


def can_record_contexts(user) -> bool:
    return has_role(user, *RECORDING_ROLES)


def can_resolve_persons(user) -> bool:
    return has_role(user, *RESOLVING_ROLES)


def is_core_group(user) -> bool:
    return has_role(user, *CORE_GROUP_ROLES)


def may_see_handling(user, handling: str, handling_roles: str) -> bool:
    """Intelligence with handling code C only to the roles its conditions allow."""
    if handling != "C":
        return True
    return bool(user.is_authenticated and user.is_active) and f",{user.role}," in handling_roles
