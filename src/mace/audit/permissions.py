"""Who may read the audit log: decided here, below accounts, since the log is what every
app (accounts included) writes to. ``mace.accounts.permissions`` re-exports it."""

from __future__ import annotations

from mace.core.roles import Role


def can_view_audit(user) -> bool:
    """May the user search the access log, review break-glass and read change history?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.role == Role.AUDITOR
