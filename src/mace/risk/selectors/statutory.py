"""Reads of statutory processes, and high-risk children with none open."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse

from mace.core import clock
from mace.people.models import Child
from mace.people.selectors import children_visible_to
from mace.risk.models import Assessment, Level, StatutoryProcess
from mace.web.registry import Entry, at_midday, who

Decision = StatutoryProcess.Decision


def open_on(day: dt.date) -> Q:
    """A process is open on a day if it has no end date, or ends on that day or later."""
    return Q(ended_on__isnull=True) | Q(ended_on__gte=day)


def statutory_processes_for_child(*, child) -> QuerySet[StatutoryProcess]:
    """The child's processes with their lead agencies, newest first (child authorised)."""
    return (
        StatutoryProcess.objects.filter(child=child)
        .select_related("lead_agency")
        .order_by("-started_on", "-created_at")
    )


@dataclass(frozen=True)
class ProcessesByState:
    open: list[StatutoryProcess]
    closed: list[StatutoryProcess]


def statutory_processes_by_state(*, child, today: dt.date | None = None) -> ProcessesByState:
    """The child's processes split into open and closed ones, in one query."""
    today = today or clock.today()
    open_, closed = [], []
    for process in statutory_processes_for_child(child=child):
        is_open = process.ended_on is None or process.ended_on >= today
        (open_ if is_open else closed).append(process)
    return ProcessesByState(open=open_, closed=closed)


def statutory_process_get(*, child, process_id: uuid.UUID) -> StatutoryProcess:
    """One of the child's processes, or 404."""
    try:
        return (
            statutory_processes_for_child(child=child)
            .select_related("created_by", "modified_by")
            .get(pk=process_id)
        )
    except StatutoryProcess.DoesNotExist:
        raise Http404("No statutory process found") from None


def children_high_risk_without_statutory(*, user) -> QuerySet[Child]:
    """Visible children whose latest completed assessment is high, with no open process.

    The latest completed assessment is the one assessed most recently (then completed most
    recently). A process is open if it has no end date or ends today or later. One query.
    """
    today = clock.today()
    latest_level = Subquery(
        Assessment.objects.filter(child=OuterRef("pk"), status=Assessment.Status.COMPLETED)
        .order_by("-assessed_on", F("completed_at").desc(nulls_last=True), "-created_at")
        .values("final_level")[:1]
    )
    open_process = StatutoryProcess.objects.filter(child=OuterRef("pk")).filter(open_on(today))
    return (
        children_visible_to(user)
        .annotate(latest_level=latest_level)
        .filter(latest_level=Level.HIGH)
        .exclude(Exists(open_process))
        .select_related("school")
        .order_by("family_name", "given_name", "id")
    )


def statutory_chronology(*, child) -> list[Entry]:
    """Statutory processes and NRM decisions on the child's chronology."""
    entries: list[Entry] = []
    processes = StatutoryProcess.objects.filter(child=child).select_related(
        "created_by", "created_by__agency", "lead_agency"
    )
    for p in processes:
        kind = p.get_kind_display()
        recorded = {
            "kind": "statutory",
            "recorded_by": who(p.created_by),
            "recorded_at": p.created_at,
            "url": reverse("risk:statutory_edit", args=[child.pk, p.pk]),
        }
        lead = ", ".join(x for x in (p.lead_professional, getattr(p.lead_agency, "name", "")) if x)
        entries.append(
            Entry(
                when=at_midday(p.started_on),
                title=f"{kind} started",
                detail=f"Lead: {lead}." if lead else "",
                **recorded,
            )
        )
        if p.ended_on:
            entries.append(Entry(when=at_midday(p.ended_on), title=f"{kind} ended", **recorded))
        for name, words in (
            ("reasonable_grounds", "Reasonable grounds"),
            ("conclusive_grounds", "Conclusive grounds"),
        ):
            decision, day = getattr(p, name), getattr(p, f"{name}_on")
            if decision in (Decision.POSITIVE, Decision.NEGATIVE) and day:
                label = Decision(decision).label.lower()
                entries.append(
                    Entry(
                        when=at_midday(day),
                        title=f"NRM {words.lower()} decision: {label}",
                        tags=(f"{words} {label}",),
                        **recorded,
                    )
                )
    return entries
