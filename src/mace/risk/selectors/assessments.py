"""Reads of risk assessments, the child's current level and its trend."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.urls import reverse

from mace.risk import engine
from mace.risk.models import Assessment, Level
from mace.risk.models.assessment import LEVEL_RANK
from mace.web.registry import Entry, at_midday, who


def assessments_for_child(*, child) -> QuerySet[Assessment]:
    """The child's assessments, newest first (the child is already authorised)."""
    return (
        Assessment.objects.filter(child=child)
        .select_related("assessor", "assessor_agency", "catalogue")
        .order_by("-assessed_on", "-created_at")
    )


def assessment_get(*, child, assessment_id) -> Assessment:
    """One of the child's assessments, or 404."""
    try:
        return assessments_for_child(child=child).get(pk=assessment_id)
    except Assessment.DoesNotExist:
        raise Http404("No assessment found") from None


@dataclass(frozen=True)
class RiskLevel:
    level: str | None  # None: never assessed
    label: str
    assessed_on: object = None
    trend: str = ""  # "rising", "falling", "steady" or "" with one assessment
    assessment: Assessment | None = None


# As children_high_risk_without_statutory orders: the same "latest" everywhere.
LATEST_FIRST = ("-assessed_on", F("completed_at").desc(nulls_last=True), "-created_at")


def child_risk_level(*, child) -> RiskLevel:
    """The agreed level of the latest completed assessment, and its trend from the previous."""
    return child_risk_levels(child_ids=[child.pk])[child.pk]


def child_risk_levels(*, child_ids) -> dict:
    """``child_risk_level`` for each of these children, by child id, in one query: each
    child's latest two completed assessments, ranked in the database."""
    child_ids = list(child_ids)
    latest_two: dict = {pk: [] for pk in child_ids}
    if child_ids:
        ranked = (
            Assessment.objects.filter(child_id__in=child_ids, status=Assessment.Status.COMPLETED)
            .annotate(rank=Window(RowNumber(), partition_by=F("child_id"), order_by=LATEST_FIRST))
            .filter(rank__lte=2)
            .order_by("child_id", "rank")
        )
        for assessment in ranked:
            latest_two[assessment.child_id].append(assessment)
    return {pk: _risk_level(rows) for pk, rows in latest_two.items()}


def _risk_level(latest_two: list[Assessment]) -> RiskLevel:
    if not latest_two:
        return RiskLevel(level=None, label="Not assessed")
    latest = latest_two[0]
    trend = ""
    if len(latest_two) == 2:
        now, before = LEVEL_RANK[latest.final_level], LEVEL_RANK[latest_two[1].final_level]
        trend = "rising" if now > before else "falling" if now < before else "steady"
    return RiskLevel(
        level=latest.final_level,
        label=Level(latest.final_level).label,
        assessed_on=latest.assessed_on,
        trend=trend,
        assessment=latest,
    )


def assessment_rows(assessment: Assessment) -> list[dict]:
    """The catalogue's domains with this assessment's grades, evidence and protective factors."""
    content = assessment.catalogue.content
    rows = []
    for domain in content["domains"]:
        rows.append(
            {
                "code": domain["code"],
                "title": domain["title"],
                "protective_factors": assessment.protective_factors.get(domain["code"], ""),
                "indicators": [
                    {
                        "code": indicator["code"],
                        "text": indicator["text"],
                        "grade": assessment.grades.get(indicator["code"], "not_present"),
                        "evidence": assessment.evidence.get(indicator["code"], ""),
                    }
                    for indicator in domain["indicators"]
                ],
            }
        )
    return rows


def assessment_reasons(assessment: Assessment) -> list[str]:
    """Which of the catalogue's rules gave the proposed level."""
    _, reasons = engine.propose_level(assessment.catalogue.content, assessment.grades)
    return reasons


def assessment_chronology(*, child) -> list[Entry]:
    """Risk assessments on the child's chronology."""
    entries = []
    for a in (
        assessments_for_child(child=child)
        .filter(status=Assessment.Status.COMPLETED)
        .select_related("created_by", "created_by__agency")
    ):
        detail = f"Agreed level: {Level(a.final_level).label}."
        if a.is_overridden:
            detail += (
                f" Proposed by the tool: {Level(a.proposed_level).label}. "
                f"Rationale: {a.override_rationale}"
            )
        entries.append(
            Entry(
                when=at_midday(a.assessed_on),
                kind="assessment",
                title=f"{a.get_kind_display()} risk assessment completed",
                detail=detail,
                recorded_by=who(a.created_by),
                recorded_at=a.completed_at or a.created_at,
                url=reverse("risk:assessment_detail", args=[child.pk, a.pk]),
                tags=("Override",) if a.is_overridden else (),
            )
        )
    return entries
