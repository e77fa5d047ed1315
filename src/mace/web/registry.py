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


# Panels on the live meeting screen's item page (a meeting app below shows what an app
# above it adds: contexts' "Connections").

ItemPanel = Callable[..., "tuple[str, dict] | None"]  # (*, request, item) -> (template, context)


@dataclass(frozen=True)
class RegisteredPanel:
    name: str
    panel: ItemPanel
    position: int


_item_panels: dict[str, RegisteredPanel] = {}


def register_item_panel(name: str, panel: ItemPanel, *, position: int) -> None:
    """Add a panel to the run page of an agenda item: ``panel(request=, item=)`` returns the
    template to include and its context, or None to show nothing (for this user or item).
    Called from an app's ready(); registering a name again replaces it."""
    _item_panels[name] = RegisteredPanel(name, panel, position)


def item_panels(*, request, item) -> list[tuple[str, dict]]:
    """The panels to show on this item's run page, in page order."""
    shown = []
    for registered in sorted(_item_panels.values(), key=lambda p: (p.position, p.name)):
        result = registered.panel(request=request, item=item)
        if result is not None:
            shown.append(result)
    return shown


# Links beside each finding on the live meeting screen (a meeting app below shows what an
# app above it offers: governance's "Escalate").

FindingLink = Callable[..., "tuple[str, str] | None"]  # (*, user, finding) -> (label, url)

_finding_links: dict[str, FindingLink] = {}


def register_finding_link(name: str, link: FindingLink) -> None:
    """Add a link beside each of a meeting's findings: ``link(user=, finding=)`` returns the
    link's text and address, or None to show nothing (for this user or finding). Called
    from an app's ready(); registering a name again replaces it. A link must not query the
    database per finding."""
    _finding_links[name] = link


def finding_links(*, user, finding) -> list[tuple[str, str]]:
    """The links to show beside this finding, in name order."""
    shown = []
    for name in sorted(_finding_links):
        result = _finding_links[name](user=user, finding=finding)
        if result is not None:
            shown.append(result)
    return shown
