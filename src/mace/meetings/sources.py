"""What meetings adds to the pages above it (imported by MeetingsConfig.ready()): MACE
discussions and actions on the child's chronology, and the user's meeting actions on
"Your tasks"."""

from __future__ import annotations

from mace.meetings.selectors.actions import actions_for_owner, actions_shown_to_owner
from mace.meetings.selectors.chronology import meeting_chronology
from mace.web.registry import TaskSection, register_chronology, register_tasks

register_chronology(
    "meetings",
    meeting_chronology,
    kinds={"mace_discussion": "MACE discussions", "mace_action": "MACE actions"},
    position=50,
)


def meeting_tasks(*, user) -> list[TaskSection]:
    """The open actions from MACE meetings that the user owns."""
    return [
        TaskSection(
            20,
            "Actions from MACE meetings",
            "meetings/_tasks_actions.html",
            actions_shown_to_owner(user=user),
        )
    ]


def meeting_task_count(*, user) -> int:
    """How many rows meeting_tasks gives the user (nothing read about any child)."""
    return actions_for_owner(user=user).count()


register_tasks("meetings", meeting_tasks, count=meeting_task_count)
