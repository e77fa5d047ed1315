"""One timeline per child of everything recorded about them.

Each part of the record contributes entries through a source function registered here;
later issues (referrals, meetings, actions) register theirs the same way. Each source runs
a fixed number of queries, so the page's query count does not grow with the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass(frozen=True)
class Entry:
    when: dt.datetime  # when it happened (aware); dates are placed at midday local time
    kind: str  # one of KINDS' keys
    title: str
    detail: str = ""
    recorded_by: str = ""
    recorded_at: dt.datetime | None = None
    url: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


# kind -> label, in the order the filter shows them.
KINDS: dict[str, str] = {}
SOURCES: list[Callable] = []


def register(kinds: dict[str, str]):
    """Register a source of entries for the kinds it produces."""

    def decorator(func: Callable):
        KINDS.update(kinds)
        SOURCES.append(func)
        return func

    return decorator


def at_midday(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def who(user) -> str:
    if user is None:
        return "System"
    agency = f", {user.agency.name}" if getattr(user, "agency", None) else ""
    return f"{user.full_name}{agency}"


def child_chronology(*, child, kinds: set[str] | None = None) -> list[Entry]:
    """Every entry for the child, newest first, optionally only of some kinds."""
    from mace.risk.selectors import chronology_sources  # noqa: F401  (registers sources)

    entries: list[Entry] = []
    for source in SOURCES:
        entries.extend(source(child=child))
    if kinds:
        entries = [e for e in entries if e.kind in kinds]
    entries.sort(key=lambda e: (e.when, e.recorded_at or e.when), reverse=True)
    return entries
