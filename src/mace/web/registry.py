"""What the pages above the domain apps read from them: the entries each app adds to a
child's chronology, and the sections each app adds to a user's "Your tasks".

Each domain app registers its sources in its ``AppConfig.ready()`` (as ``people.grants``
does for access grants); ``mace.casefile`` reads them. This module knows no app. A source's
``position`` says where its part stands on the page (lower first), so the page reads the
same whatever order the apps are loaded in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone

# The child's chronology.


@dataclass(frozen=True)
class Entry:
    when: dt.datetime  # when it happened (aware); dates are placed at midday local time
    kind: str  # one of its source's kinds
    title: str
    detail: str = ""
    recorded_by: str = ""
    recorded_at: dt.datetime | None = None
    url: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


ChronologyEntries = Callable[..., list[Entry]]  # (*, child) -> entries, a fixed number of queries


@dataclass(frozen=True)
class ChronologySource:
    name: str
    entries: ChronologyEntries
    kinds: dict[str, str]  # kind -> label, in the order the filter shows them
    position: int


_chronology_sources: dict[str, ChronologySource] = {}


def register_chronology(
    name: str, entries: ChronologyEntries, *, kinds: dict[str, str], position: int
) -> None:
    """Add a source of chronology entries of ``kinds`` (called from an app's ready();
    registering a name again replaces it)."""
    _chronology_sources[name] = ChronologySource(name, entries, dict(kinds), position)


def chronology_sources() -> list[ChronologySource]:
    """Every registered source, in page order."""
    return sorted(_chronology_sources.values(), key=lambda source: source.position)


def at_midday(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def who(user) -> str:
    if user is None:
        return "System"
    agency = f", {user.agency.name}" if getattr(user, "agency", None) else ""
    return f"{user.full_name}{agency}"


# "Your tasks".


@dataclass(frozen=True)
class TaskSection:
    """One part of the task list: a heading, and the rows the app's own template shows
    (already limited to the user, each child shown logged by the selector that read them)."""

    position: int
    heading: str
    template: str  # rendered with ``rows`` and ``today``
    rows: Sequence


TaskSource = Callable[..., list[TaskSection]]  # (*, user) -> sections
TaskCount = Callable[..., int]  # (*, user) -> how many rows its sections hold


_task_sources: dict[str, TaskSource] = {}
_task_counts: dict[str, TaskCount] = {}


def register_tasks(name: str, source: TaskSource, *, count: TaskCount) -> None:
    """Add a source of task-list sections and the count of their rows (for the home page,
    which shows how many tasks there are without naming a child); called from an app's
    ready(); registering a name again replaces it."""
    _task_sources[name] = source
    _task_counts[name] = count


def task_sources() -> list[TaskSource]:
    return list(_task_sources.values())


def task_counts() -> list[TaskCount]:
    return list(_task_counts.values())


# A meeting's agenda page: links a higher app offers for a meeting (contextual MACE's
# agenda builder), and the summary it gives for items about its records (the papers).

AgendaLinks = Callable[..., list[tuple[str, str]]]  # (*, user, meeting) -> [(label, url)]
# (*, user, items) -> {item id: (template, context)}, a fixed number of queries for the
# whole agenda; items it has nothing to say about are left out.
ItemSummaries = Callable[..., dict]

_agenda_links: dict[str, AgendaLinks] = {}
_item_summaries: dict[str, ItemSummaries] = {}


def register_agenda_link(name: str, links: AgendaLinks) -> None:
    """Add a source of links for a meeting's agenda page (called from an app's ready();
    registering a name again replaces it)."""
    _agenda_links[name] = links


def agenda_links(*, user, meeting) -> list[tuple[str, str]]:
    """Every registered source's links for this user and meeting, in name order."""
    rows = []
    for name in sorted(_agenda_links):
        rows.extend(_agenda_links[name](user=user, meeting=meeting))
    return rows


def register_item_summary(name: str, summaries: ItemSummaries) -> None:
    """Add a source of summaries for agenda items (called from an app's ready();
    registering a name again replaces it)."""
    _item_summaries[name] = summaries


def item_summaries(*, user, items) -> dict:
    """{item id: (template, context)} from every registered source (a later source's
    summary of the same item replaces an earlier one's, in name order)."""
    items = list(items)
    found: dict = {}
    if not items:
        return found
    for name in sorted(_item_summaries):
        found.update(_item_summaries[name](user=user, items=items))
    return found
