"""Where an accepted referral has gone next, in a line for the coordinator. Referrals does
not know where referrals go (meetings builds on referrals, not the other way round): an
app that takes accepted referrals registers a source in its ``AppConfig.ready()``, as
``mace.people.grants`` lets apps register their open actions."""

from __future__ import annotations

from collections.abc import Callable

PlacementLine = Callable[[object, object], str]  # (user, referral) -> a sentence, or ""
_sources: dict[str, PlacementLine] = {}


def register_placement(name: str, line: PlacementLine) -> None:
    """Register a source of placement lines (called from an app's ready())."""
    _sources[name] = line


def placement_lines(*, user, referral) -> list[str]:
    """What each registered app tells this user about where the referral is now."""
    return [text for line in _sources.values() if (text := line(user, referral))]
