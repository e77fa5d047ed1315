"""What risk adds to the pages above it (imported by RiskConfig.ready()): its entries on
the child's chronology, and the VRMP parts of "Your tasks"."""

from __future__ import annotations

from mace.risk.selectors.assessments import assessment_chronology
from mace.risk.selectors.missing import missing_chronology
from mace.risk.selectors.statutory import statutory_chronology
from mace.risk.selectors.vrmp import (
    actions_for_owner,
    reviews_due_for_lead,
    tasks_for_owner,
    vrmp_chronology,
)
from mace.web.registry import TaskSection, register_chronology, register_tasks

register_chronology(
    "statutory", statutory_chronology, kinds={"statutory": "Statutory processes"}, position=10
)
register_chronology(
    "vrmp",
    vrmp_chronology,
    kinds={"vrmp": "VRMP versions", "vrmp_review": "VRMP reviews", "vrmp_action": "VRMP actions"},
    position=20,
)
register_chronology(
    "assessments", assessment_chronology, kinds={"assessment": "Risk assessments"}, position=30
)
register_chronology(
    "missing",
    missing_chronology,
    kinds={"missing": "Missing episodes", "return_interview": "Return interviews"},
    position=40,
)


def vrmp_tasks(*, user) -> list[TaskSection]:
    """The VRMP actions the user owns and the plans they lead that are overdue for review."""
    vrmp = tasks_for_owner(user=user)
    return [
        TaskSection(10, "VRMP actions you own", "risk/_tasks_actions.html", vrmp["actions"]),
        TaskSection(30, "VRMP reviews overdue", "risk/_tasks_reviews.html", vrmp["reviews"]),
    ]


def vrmp_task_count(*, user) -> int:
    """How many rows vrmp_tasks gives the user (nothing read about any child)."""
    return actions_for_owner(user=user).count() + len(reviews_due_for_lead(user=user))


register_tasks("vrmp", vrmp_tasks, count=vrmp_task_count)
