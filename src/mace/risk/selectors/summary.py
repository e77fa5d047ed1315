"""The summary at the top of a child's record: level and trend, plan, missing, statutory."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q

from mace.core import clock
from mace.risk.models import MissingEpisode, StatutoryProcess
from mace.risk.selectors.assessments import child_risk_levels
from mace.risk.selectors.statutory import open_on
from mace.risk.selectors.vrmp import (
    mace_criteria_many,
    vrmp_latest_review,
    vrmp_next_review_date,
    vrmps_current,
)


def child_record_summary(*, child) -> dict:
    """Everything the child's summary page shows beyond identity (a fixed number of queries)."""
    return child_record_summaries(children=[child])[child.pk]


def child_record_summaries(*, children) -> dict:
    """``child_record_summary`` for each of these children (already authorised), by child
    id, in at most eight queries for them all, however many: an agenda pack gives a
    summary for every child on the agenda."""
    ids = list(dict.fromkeys(child.pk for child in children))
    if not ids:
        return {}
    today = clock.today()
    since = clock.now() - dt.timedelta(days=90)
    plans = vrmps_current(child_ids=ids)
    risks = child_risk_levels(child_ids=ids)
    criteria = mace_criteria_many(child_ids=ids)
    processes: dict = defaultdict(list)
    for process in StatutoryProcess.objects.filter(open_on(today), child_id__in=ids).order_by(
        "started_on"
    ):
        processes[process.child_id].append(process)
    missing = {
        row["child_id"]: row
        for row in MissingEpisode.objects.filter(child_id__in=ids)
        .order_by()
        .values("child_id")
        .annotate(
            total=Count("pk"),
            recent=Count("pk", filter=Q(started_at__gte=since)),
            now=Count("pk", filter=Q(ended_at__isnull=True)),
        )
    }
    summaries = {}
    for pk in ids:
        plan, risk = plans.get(pk), risks[pk]
        episodes = missing.get(pk, {})
        summaries[pk] = {
            "risk": risk,
            "criteria": criteria[pk],
            "plan": plan,
            "plan_review": vrmp_latest_review(plan) if plan else None,
            "plan_next_review": vrmp_next_review_date(plan) if plan else None,
            "today": today,
            "missing_total": episodes.get("total", 0),
            "missing_recent": episodes.get("recent", 0),
            "missing_now": episodes.get("now", 0) > 0,
            "open_processes": processes[pk],
            "high_without_statutory": risk.level == "high" and not processes[pk],
        }
    return summaries
