"""The summary at the top of a child's record: level and trend, plan, missing, statutory."""

from __future__ import annotations

import datetime as dt

from mace.core import clock
from mace.risk.models import MissingEpisode, StatutoryProcess
from mace.risk.selectors.assessments import child_risk_level
from mace.risk.selectors.statutory import open_on
from mace.risk.selectors.vrmp import (
    mace_criteria,
    vrmp_current,
    vrmp_latest_review,
    vrmp_next_review_date,
)


def child_record_summary(*, child) -> dict:
    """Everything the child's summary page shows beyond identity (a fixed number of queries)."""
    today = clock.today()
    plan = vrmp_current(child=child)
    since = clock.now() - dt.timedelta(days=90)
    episodes = MissingEpisode.objects.filter(child=child)
    open_processes = list(
        StatutoryProcess.objects.filter(open_on(today), child=child).order_by("started_on")
    )
    risk = child_risk_level(child=child)
    return {
        "risk": risk,
        "criteria": mace_criteria(child=child),
        "plan": plan,
        "plan_review": vrmp_latest_review(plan) if plan else None,
        "plan_next_review": vrmp_next_review_date(plan) if plan else None,
        "today": today,
        "missing_total": episodes.count(),
        "missing_recent": episodes.filter(started_at__gte=since).count(),
        "missing_now": episodes.filter(ended_at__isnull=True).exists(),
        "open_processes": open_processes,
        "high_without_statutory": risk.level == "high" and not open_processes,
    }
