"""The action plan, assurance, recommendations and challenges as Silver, Gold and the
organisers read them (ADR 35). None of it names a child, except the children an assurance
audit looked at, shown through ``people.selectors.rows_shown``."""

from __future__ import annotations

import uuid
from collections import Counter

from django.db.models import Prefetch
from django.http import Http404

from mace.governance.models import (
    RAG,
    AssuranceActivity,
    Challenge,
    Objective,
    PlanItem,
    ProgressUpdate,
    Recommendation,
)
from mace.governance.permissions import can_see_governance
from mace.governance.selectors.escalations import escalations_visible_to
from mace.people.selectors import rows_shown


def _require_reader(user) -> None:
    if not can_see_governance(user):
        raise Http404("No page here")


def plan_page(*, user) -> dict:
    """The objectives with their items (newest progress first) and the items by RAG."""
    _require_reader(user)
    items = PlanItem.objects.select_related("owner").prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("created_by")),
        Prefetch("escalations", queryset=escalations_visible_to(user)),
        "findings__meeting",
    )
    objectives = list(Objective.objects.prefetch_related(Prefetch("items", queryset=items)))
    counts = Counter(item.rag for objective in objectives for item in objective.items.all())
    return {
        "objectives": objectives,
        "by_rag": [(value, label, counts.get(value, 0)) for value, label in RAG.choices],
    }


def plan_item_get(*, user, item_id: uuid.UUID) -> PlanItem:
    _require_reader(user)
    try:
        return PlanItem.objects.select_related("objective", "owner").get(pk=item_id)
    except PlanItem.DoesNotExist:
        raise Http404("No plan item found") from None


def assurance_page(*, user) -> list[AssuranceActivity]:
    """The assurance activities, each with its findings and the children audited (shown
    as this reader may see them, each logged)."""
    _require_reader(user)
    activities = list(
        AssuranceActivity.objects.select_related("plan_item", "created_by").prefetch_related(
            "findings", "children"
        )[:100]
    )
    pairs = [(activity, child) for activity in activities for child in activity.children.all()]

    class _Row:
        __slots__ = ("activity", "child", "locked")

        def __init__(self, activity, child):
            self.activity, self.child = activity, child

    rows = rows_shown(
        user=user,
        rows=[_Row(a, c) for a, c in pairs],
        child_of=lambda row: row.child,
        payload={"list": "assurance"},
    )
    shown: dict = {}
    for row in rows:
        shown.setdefault(row.activity.pk, []).append(row)
    for activity in activities:
        activity.children_shown = shown.get(activity.pk, [])
    return activities


def recommendations_page(*, user) -> list[Recommendation]:
    _require_reader(user)
    return list(Recommendation.objects.select_related("decided_by", "created_by", "escalation"))


def recommendation_get(*, user, recommendation_id: uuid.UUID) -> Recommendation:
    _require_reader(user)
    try:
        return Recommendation.objects.get(pk=recommendation_id)
    except Recommendation.DoesNotExist:
        raise Http404("No recommendation found") from None


def challenges_page(*, user) -> list[Challenge]:
    _require_reader(user)
    return list(Challenge.objects.select_related("raised_by", "answered_by", "escalation"))


def challenge_get(*, user, challenge_id: uuid.UUID) -> Challenge:
    _require_reader(user)
    try:
        return Challenge.objects.get(pk=challenge_id)
    except Challenge.DoesNotExist:
        raise Http404("No challenge found") from None
