"""Reads of VRMPs: the current plan, the MACE criteria flag, tasks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.urls import reverse

from mace.audit.models import Event
from mace.core import clock
from mace.people.selectors import children_visible_to, rows_shown
from mace.risk.models import Assessment, Level, Vrmp, VrmpAction, VrmpReview, VrmpVersion
from mace.web.registry import Entry, at_midday, who


def vrmp_current(*, child) -> Vrmp | None:
    """The child's active VRMP with its versions, reviews and actions, or None."""
    return (
        Vrmp.objects.filter(child=child, status=Vrmp.Status.ACTIVE)
        .select_related("lead_professional", "lead_professional__agency")
        .prefetch_related(
            "versions__created_by",
            "reviews__created_by",
            "actions__owner",
            "actions__owner_agency",
        )
        .first()
    )


def vrmps_current(*, child_ids) -> dict:
    """Each of these children's active VRMP with its versions and reviews (what the
    record's summary reads), by child id: three queries for them all."""
    plans: dict = {}
    child_ids = list(child_ids)
    if not child_ids:
        return plans
    active = (
        Vrmp.objects.filter(child_id__in=child_ids, status=Vrmp.Status.ACTIVE)
        .select_related("lead_professional", "lead_professional__agency")
        .prefetch_related("versions", "reviews")
        # As vrmp_current's first(): the newest active plan.
        .order_by("-created_at")
    )
    for plan in active:
        plans.setdefault(plan.child_id, plan)
    return plans


def vrmp_latest_version(vrmp: Vrmp) -> VrmpVersion | None:
    versions = sorted(vrmp.versions.all(), key=lambda v: v.number, reverse=True)
    return versions[0] if versions else None


def vrmp_latest_review(vrmp: Vrmp) -> VrmpReview | None:
    reviews = sorted(vrmp.reviews.all(), key=lambda r: (r.reviewed_on, r.created_at), reverse=True)
    return reviews[0] if reviews else None


def vrmp_next_review_date(vrmp: Vrmp):
    """The latest review's next date, or the latest version's."""
    review = vrmp_latest_review(vrmp)
    if review is not None:
        return review.next_review_date
    version = vrmp_latest_version(vrmp)
    return version.next_review_date if version else None


@dataclass(frozen=True)
class MaceCriteria:
    met: bool
    reason: str


def mace_criteria(*, child) -> MaceCriteria:
    """Does the child meet the MACE criteria (guide: low / emerging risk, or high risk with a
    VRMP not having the desired effect)? Advice for the coordinator, never a decision."""
    return mace_criteria_many(child_ids=[child.pk])[child.pk]


def _first_by_child(queryset: QuerySet, child_field: str, order_by, value: str) -> dict:
    """The first row's ``value`` for each child, ranked in the database (one query)."""
    ranked = (
        queryset.annotate(
            rank=Window(RowNumber(), partition_by=F(child_field), order_by=order_by),
            child_key=F(child_field),
        )
        .filter(rank=1)
        .values_list("child_key", value)
    )
    return dict(ranked)


def mace_criteria_many(*, child_ids) -> dict:
    """``mace_criteria`` for each of these children, by child id: one query, and a second
    when any of them is at high risk."""
    child_ids = list(child_ids)
    if not child_ids:
        return {}
    latest = _first_by_child(
        Assessment.objects.filter(child_id__in=child_ids, status=Assessment.Status.COMPLETED),
        "child_id",
        ("-assessed_on", "-completed_at"),
        "final_level",
    )
    high = [pk for pk in child_ids if latest.get(pk) == Level.HIGH]
    effects = {}
    if high:
        effects = _first_by_child(
            VrmpReview.objects.filter(vrmp__child_id__in=high, vrmp__status=Vrmp.Status.ACTIVE),
            "vrmp__child_id",
            ("-reviewed_on", "-created_at"),
            "effect",
        )
    return {pk: _criteria(latest.get(pk), effects.get(pk)) for pk in child_ids}


def _criteria(latest: str | None, effect: str | None) -> MaceCriteria:
    if latest == Level.LOW:
        return MaceCriteria(True, "Low / emerging risk of exploitation")
    if latest == Level.HIGH:
        if effect == VrmpReview.Effect.NO:
            return MaceCriteria(True, "High risk, and the VRMP is not having the desired effect")
        return MaceCriteria(False, "High risk; the VRMP has not been found ineffective")
    if latest is None:
        return MaceCriteria(False, "No completed risk assessment")
    if latest == Level.NONE:
        return MaceCriteria(False, "No apparent risk")
    return MaceCriteria(False, f"{Level(latest).label} risk")


def children_meeting_mace_criteria_high(*, user) -> QuerySet:
    """Visible children at high risk whose latest VRMP review found it not working."""
    latest_level = Subquery(
        Assessment.objects.filter(child=OuterRef("pk"), status=Assessment.Status.COMPLETED)
        .order_by("-assessed_on", "-completed_at")
        .values("final_level")[:1]
    )
    latest_effect = Subquery(
        VrmpReview.objects.filter(vrmp__child=OuterRef("pk"), vrmp__status=Vrmp.Status.ACTIVE)
        .order_by("-reviewed_on", "-created_at")
        .values("effect")[:1]
    )
    return (
        children_visible_to(user)
        .annotate(latest_level=latest_level, latest_effect=latest_effect)
        .filter(latest_level=Level.HIGH, latest_effect=VrmpReview.Effect.NO)
        .order_by("family_name", "given_name")
    )


def actions_for_owner(*, user) -> QuerySet[VrmpAction]:
    """Open VRMP actions the user owns, with their children, oldest due first."""
    return (
        VrmpAction.objects.filter(owner=user, status=VrmpAction.Status.OPEN)
        .select_related("vrmp__child", "owner_agency")
        .order_by("due_date")
    )


REVIEWS_DUE_LIMIT = 200


def reviews_due_for_lead(*, user) -> list[tuple[Vrmp, object]]:
    """Active VRMPs the user leads whose next review date has passed, oldest first (in the
    database: a lead may have thousands of plans)."""
    today = clock.today()
    latest_review_next = Subquery(
        VrmpReview.objects.filter(vrmp=OuterRef("pk"))
        .order_by("-reviewed_on", "-created_at")
        .values("next_review_date")[:1]
    )
    latest_version_next = Subquery(
        VrmpVersion.objects.filter(vrmp=OuterRef("pk"))
        .order_by("-number")
        .values("next_review_date")[:1]
    )
    plans = (
        Vrmp.objects.filter(lead_professional=user, status=Vrmp.Status.ACTIVE)
        .annotate(next_date=Coalesce(latest_review_next, latest_version_next))
        .filter(next_date__lt=today)
        .select_related("child")
        .order_by("next_date", "pk")[:REVIEWS_DUE_LIMIT]
    )
    return [(plan, plan.next_date) for plan in plans]


def vrmp_action_for_completion(*, user, action_id) -> VrmpAction:
    """One open VRMP action of the user's, the child's read logged; Http404 for any other."""
    action = actions_for_owner(user=user).filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    [action] = rows_shown(
        user=user, rows=[action], child_of=lambda a: a.vrmp.child, verb=Event.Verb.CHILD_VIEWED
    )
    return action


def tasks_for_owner(*, user) -> dict:
    """The VRMP part of the user's task list: actions they own and plans they lead that are
    overdue for review, each child shown logged (a restricted record marked ``locked``)."""
    actions = rows_shown(
        user=user,
        rows=actions_for_owner(user=user),
        child_of=lambda action: action.vrmp.child,
        payload={"page": "tasks"},
    )
    plans = rows_shown(
        user=user,
        rows=[plan for plan, _ in reviews_due_for_lead(user=user)],
        payload={"page": "tasks"},
    )
    return {"actions": actions, "reviews": [(plan, plan.next_date) for plan in plans]}


def vrmp_chronology(*, child) -> list[Entry]:
    """VRMP versions, reviews and actions on the child's chronology."""
    entries: list[Entry] = []
    url = reverse("risk:vrmp", args=[child.pk])
    for v in VrmpVersion.objects.filter(vrmp__child=child).select_related(
        "created_by", "created_by__agency"
    ):
        entries.append(
            Entry(
                when=v.created_at,
                kind="vrmp",
                title="VRMP started" if v.number == 1 else f"VRMP revised (version {v.number})",
                detail=f"Next review {v.next_review_date:%d %b %Y}.",
                recorded_by=who(v.created_by),
                recorded_at=v.created_at,
                url=reverse("risk:vrmp_version", args=[child.pk, v.number]),
            )
        )
    for r in VrmpReview.objects.filter(vrmp__child=child).select_related(
        "created_by", "created_by__agency"
    ):
        entries.append(
            Entry(
                when=at_midday(r.reviewed_on),
                kind="vrmp_review",
                title="VRMP reviewed",
                detail=f"Having the desired effect: {r.get_effect_display()}. {r.notes}".strip(),
                recorded_by=who(r.created_by),
                recorded_at=r.created_at,
                url=url,
                tags=("Not working",) if r.effect == VrmpReview.Effect.NO else (),
            )
        )
    for a in VrmpAction.objects.filter(vrmp__child=child).select_related(
        "created_by", "created_by__agency", "owner_agency", "modified_by", "modified_by__agency"
    ):
        entries.append(
            Entry(
                when=a.created_at,
                kind="vrmp_action",
                title="VRMP action agreed",
                detail=f"{a.description} ({a.owner_agency.name}, due {a.due_date:%d %b %Y})",
                recorded_by=who(a.created_by),
                recorded_at=a.created_at,
                url=url,
            )
        )
        if a.completed_at:
            entries.append(
                Entry(
                    when=a.completed_at,
                    kind="vrmp_action",
                    title="VRMP action completed",
                    detail=f"{a.description}: {a.completion_note}",
                    recorded_by=who(a.modified_by),
                    recorded_at=a.completed_at,
                    url=url,
                )
            )
    return entries
