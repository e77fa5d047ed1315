"""Who may record on a child's record. Who may *see* the child is decided in people.selectors."""

from __future__ import annotations

from mace.accounts.models import Role
from mace.people.selectors import children_visible_to

# Practitioners record their tools' results; analysts, Silver and Gold read.
RECORDING_ROLES = frozenset({Role.COORDINATOR, Role.CHAIR, Role.MEMBER})


def can_record_for_child(user, child) -> bool:
    """May this user add or change assessments, plans, episodes and processes for the child?"""
    if not user.is_authenticated or user.role not in RECORDING_ROLES:
        return False
    return children_visible_to(user).filter(pk=child.pk).exists()


def can_load_catalogue(user) -> bool:
    """May this user load a new version of the risk tool catalogue?"""
    return user is None or (user.is_authenticated and user.role == Role.ADMIN)
