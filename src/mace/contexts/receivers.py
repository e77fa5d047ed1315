"""What contexts does when a lower app says something: connected in ContextsConfig.ready()."""

from __future__ import annotations


def connect() -> None:
    """Nothing yet: referrals' acceptance proposes persons and links (see ADR 29)."""
