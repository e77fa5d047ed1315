"""The children the meetings discuss, and the seats at the table."""

from __future__ import annotations

from dataclasses import dataclass

from mace.accounts.models import Agency, User
from mace.demo import risk_data as rd
from mace.demo.meetings.child_texts import ACTIONS, CONNECTIVITY, CONTRIBUTIONS, RISK_ANALYSIS
from mace.demo.meetings.series import COHORT_SIZE
from mace.people.models import Child
from mace.risk.models import Assessment, Level, Vrmp


@dataclass
class ChildState:
    """Where a child stands at MACE, meeting by meeting."""

    child: Child
    rank: int  # the level, as an index of LEVELS
    texts: dict[str, object]
    discussions: int = 0
    outcome: str = ""
    recommended: bool = False
    escalated: bool = False


@dataclass
class Seat:
    agency: Agency
    representative: User
    deputy: User | None


def _texts(child: Child) -> dict[str, object]:
    """The phrase banks as they read for this child (risk_data.render)."""
    female = child.gender == Child.Gender.FEMALE
    looked_after = child.legal_status in ("la_s20", "la_s31", "la_s38")
    banks = {
        "analysis": RISK_ANALYSIS,
        "connectivity": CONNECTIVITY,
        "contributions": CONTRIBUTIONS,
        "push": rd.PUSH_FACTORS,
        "pull": rd.PULL_FACTORS,
    }
    texts = {
        name: rd.render(bank, female=female, looked_after=looked_after)
        for name, bank in banks.items()
    }
    texts["actions"] = tuple(
        (kind, rd.render(text, female=female, looked_after=looked_after),
         rd.render(note, female=female, looked_after=looked_after))
        for kind, text, note in ACTIONS
    )  # fmt: skip
    return texts


def _cohort(limit: int = COHORT_SIZE) -> list[tuple[Child, str]]:
    """Children with an active plan (at medium or high risk, mostly), unrestricted, by id,
    with their latest agreed level; other children if the city has few plans."""
    ids = list(
        Vrmp.objects.filter(status=Vrmp.Status.ACTIVE, child__restricted=False)
        .order_by("child_id")
        .values_list("child_id", flat=True)
        .distinct()[:limit]
    )
    if len(ids) < limit // 3:
        ids += list(
            Child.objects.filter(restricted=False)
            .exclude(pk__in=ids)
            .order_by("id")
            .values_list("pk", flat=True)[: limit // 3 - len(ids)]
        )
    levels = dict.fromkeys(ids, Level.MEDIUM.value)
    for child_id, level in (
        Assessment.objects.filter(child_id__in=ids, status=Assessment.Status.COMPLETED)
        .exclude(final_level="")
        .order_by("assessed_on", "created_at")
        .values_list("child_id", "final_level")
    ):
        levels[child_id] = level
    children = Child.objects.in_bulk(ids)
    return [(children[pk], levels[pk]) for pk in ids]
