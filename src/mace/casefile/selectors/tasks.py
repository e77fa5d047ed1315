"""The signed-in user's own task list, from the sources each app registers in
mace.web.registry (each source's selectors log every child they return)."""

from __future__ import annotations

from mace.web.registry import TaskSection, task_counts, task_sources


def tasks_for_user(*, user) -> list[TaskSection]:
    """Every section of the user's task list, in page order."""
    sections = [section for source in task_sources() for section in source(user=user)]
    return sorted(sections, key=lambda section: section.position)


def task_count(*, user) -> int:
    """How many rows the user's task list holds, as the home page shows it (no child read)."""
    return sum(count(user=user) for count in task_counts())
