"""The inspection data pack (issue 13): for a period, the child-level list an inspection of
exploitation asks for. Every child referred, or discussed at a MACE meeting held, in the
period (both days included): who they are, their referrals and discussions, their risk
level, plan, missing episodes, statutory processes and what each discussion decided.

Giving the list is an export of each child in it: one ``child.exported`` event per child
(the period and format in its payload) and one ``report.generated`` event with the
parameters. A restricted record the reader may not open is a row saying so and nothing
else, logged as a restricted record listed, as on every other list.

The number of queries does not grow with the number of children: each kind of record is
read once for them all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from mace.audit.models import Event
from mace.audit.services import access_record_many, event_record
from mace.core.levels import Level
from mace.governance.permissions import may_export_inspection_pack
from mace.meetings.models import AgendaItem, Discussion, Meeting, Outcome, local_datetime
from mace.people.models import Child, ChildAddress
from mace.people.selectors import children_exportable_to
from mace.referrals.models import Referral
from mace.risk.models import Assessment, MissingEpisode, StatutoryProcess, Vrmp
from mace.risk.selectors.assessments import LATEST_FIRST, child_risk_levels
from mace.risk.selectors.vrmp import vrmp_next_review_date, vrmps_current

KIND = "inspection"
RESTRICTED = "A restricted record"


@dataclass
class InspectionRow:
    """One child in the pack. ``locked``: a restricted record the reader may not open, of
    which the row shows nothing."""

    child_id: object
    locked: bool = False
    name: str = RESTRICTED
    case_system_id: str = ""
    date_of_birth: dt.date | None = None
    age: int | None = None  # at the end of the period
    ward: str = ""
    referred_on: list[dt.date] = field(default_factory=list)
    discussed_on: list[dt.date] = field(default_factory=list)
    risk_now: str = ""
    risk_at_end: str = ""  # the latest level agreed on or before the period's last day
    vrmp: str = ""
    missing_episodes: int | None = None  # that began in the period
    missing_returned: int | None = None
    interviews_within_72_hours: int | None = None
    statutory: list[str] = field(default_factory=list)  # open at some time in the period
    outcomes: list[str] = field(default_factory=list)  # "3 Jun 2026: Continue at MACE (High)"


def inspection_rows(*, user, start: dt.date, end: dt.date, file_format: str = "csv"):
    """The pack's rows, one per child referred or discussed from ``start`` to ``end``,
    in name order (restricted records the reader may not open last), each logged as an
    export of that child. Only the coordinator and the auditor may have it."""
    if not may_export_inspection_pack(user):
        raise PermissionDenied("Only the MACE coordinator or the data protection officer")
    since = local_datetime(start, dt.time.min)
    until = local_datetime(end + dt.timedelta(days=1), dt.time.min)

    referred: dict = defaultdict(list)
    for child_id, submitted_at in (
        Referral.objects.filter(
            child__isnull=False, submitted_at__gte=since, submitted_at__lt=until
        )
        .exclude(status=Referral.Status.DRAFT)
        .order_by("submitted_at")
        .values_list("child_id", "submitted_at")
    ):
        referred[child_id].append(timezone.localdate(submitted_at))
    discussions: dict = defaultdict(list)
    for child_id, day, outcome, level in (
        Discussion.objects.filter(
            item__child__isnull=False,
            item__status=AgendaItem.Status.LISTED,
            item__for_information=False,
            item__meeting__status=Meeting.Status.HELD,
            item__meeting__date__gte=start,
            item__meeting__date__lte=end,
        )
        .order_by("item__meeting__date", "created_at")
        .values_list("item__child_id", "item__meeting__date", "outcome", "risk_level")
    ):
        discussions[child_id].append((day, outcome, level))

    ids = list(dict.fromkeys([*referred, *discussions]))
    open_ids = _open_ids(user, ids)
    children = {
        child.pk: child
        for child in Child.objects.filter(pk__in=open_ids).prefetch_related(
            Prefetch(
                "addresses",
                queryset=ChildAddress.objects.filter(date_to__isnull=True)
                .select_related("ward")
                .order_by("-date_from"),
                to_attr="current_addresses",
            )
        )
    }
    shown = list(children)
    risks_now = child_risk_levels(child_ids=shown)
    risks_at_end = _levels_on(shown, end)
    plans = vrmps_current(child_ids=shown)
    had_plan = set(
        Vrmp.objects.filter(child_id__in=shown).values_list("child_id", flat=True).distinct()
    )
    missing: dict = defaultdict(list)
    for episode in MissingEpisode.objects.filter(
        child_id__in=shown, started_at__gte=since, started_at__lt=until
    ).only("child_id", "ended_at", "interview_completed_at"):
        missing[episode.child_id].append(episode)
    statutory: dict = defaultdict(list)
    for child_id, kind in (
        StatutoryProcess.objects.filter(child_id__in=shown, started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .order_by("started_on", "created_at")
        .values_list("child_id", "kind")
    ):
        label = StatutoryProcess.Kind(kind).label
        if label not in statutory[child_id]:
            statutory[child_id].append(label)

    rows = []
    for pk, child in children.items():
        episodes = missing[pk]
        returned = [e for e in episodes if e.ended_at is not None]
        plan = plans.get(pk)
        rows.append(
            InspectionRow(
                child_id=pk,
                name=child.full_name,
                case_system_id=child.case_system_id,
                date_of_birth=child.date_of_birth,
                age=child.age_on(end),
                ward=_ward(child),
                referred_on=referred.get(pk, []),
                discussed_on=list(dict.fromkeys(day for day, _, _ in discussions.get(pk, []))),
                risk_now=risks_now[pk].label,
                risk_at_end=_level_label(risks_at_end.get(pk)),
                vrmp=_plan_text(plan, had=pk in had_plan),
                missing_episodes=len(episodes),
                missing_returned=len(returned),
                interviews_within_72_hours=sum(1 for e in returned if e.interview_within_72_hours),
                statutory=statutory[pk],
                outcomes=[_outcome_text(*d) for d in discussions.get(pk, [])],
            )
        )
    rows.sort(key=lambda row: (*_sort_name(children[row.child_id]), str(row.child_id)))
    locked_ids = [pk for pk in ids if pk not in children]
    rows += [InspectionRow(child_id=pk, locked=True) for pk in locked_ids]

    period = {"kind": KIND, "start": start.isoformat(), "end": end.isoformat()}
    payload = {**period, "format": file_format}
    if children:
        access_record_many(
            actor=user, children=children.values(), verb=Event.Verb.CHILD_EXPORTED, payload=payload
        )
    if locked_ids:
        access_record_many(
            actor=user,
            children=[Child(pk=pk) for pk in locked_ids],
            verb=Event.Verb.RESTRICTED_LISTED,
            payload=payload,
        )
    event_record(
        actor=user,
        verb=Event.Verb.REPORT_GENERATED,
        payload={**payload, "children": len(children), "restricted": len(locked_ids)},
    )
    return rows


def _open_ids(user, ids: list) -> set:
    """The children among ``ids`` whose details this reader may have
    (``people.selectors.children_exportable_to``)."""
    if not ids:
        return set()
    return set(children_exportable_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def _levels_on(child_ids: list, day: dt.date) -> dict:
    """Each child's level agreed by its latest assessment completed on or before ``day``."""
    if not child_ids:
        return {}
    ranked = (
        Assessment.objects.filter(
            child_id__in=child_ids, status=Assessment.Status.COMPLETED, assessed_on__lte=day
        )
        .annotate(rank=Window(RowNumber(), partition_by=F("child_id"), order_by=LATEST_FIRST))
        .filter(rank=1)
        .values_list("child_id", "final_level")
    )
    return dict(ranked)


def _sort_name(child: Child) -> tuple[str, str]:
    return child.family_name.casefold(), child.given_name.casefold()


def _level_label(level: str | None) -> str:
    return Level(level).label if level else "Not assessed"


def _ward(child: Child) -> str:
    addresses = child.current_addresses
    if addresses and addresses[0].ward is not None:
        return addresses[0].ward.name
    return ""


def _plan_text(plan, *, had: bool) -> str:
    if plan is not None:
        review = vrmp_next_review_date(plan)
        return f"Active, next review {_day(review)}" if review else "Active"
    return "Closed" if had else "None"


def _outcome_text(day: dt.date, outcome: str, level: str) -> str:
    said = Outcome(outcome).label if outcome else "No outcome recorded"
    if level:
        said += f" ({Level(level).label})"
    return f"{_day(day)}: {said}"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
