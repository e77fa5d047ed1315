"""Reads of missing episodes and return interviews, and the 72-hour timeliness figure."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from mace.core import clock
from mace.risk.models import MissingEpisode
from mace.risk.models.missing import RETURN_INTERVIEW_WINDOW
from mace.web.registry import Entry, who

Status = MissingEpisode.InterviewStatus
PENDING_STATUSES = (Status.NOT_YET, Status.OFFERED)


def missing_episodes_for_child(*, child) -> QuerySet[MissingEpisode]:
    """The child's episodes, newest first (the child is already authorised)."""
    return MissingEpisode.objects.filter(child=child).order_by("-started_at", "-created_at")


def missing_episode_get(*, child, episode_id: uuid.UUID) -> MissingEpisode:
    """One of the child's episodes, or 404."""
    try:
        return (
            MissingEpisode.objects.select_related("created_by", "modified_by")
            .filter(child=child)
            .get(pk=episode_id)
        )
    except MissingEpisode.DoesNotExist:
        raise Http404("No missing episode found") from None


@dataclass(frozen=True)
class Timeliness:
    eligible: int
    within_72h: int
    share: float | None  # within_72h / eligible, None when nothing is eligible

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


def return_interview_timeliness(
    *, episodes: QuerySet[MissingEpisode], at: dt.datetime | None = None
) -> Timeliness:
    """How many return interviews were done within 72 hours of the return, in one query.

    Eligible: episodes that have ended (the child returned) and whose 72-hour window has
    closed by ``at`` (default now), whatever the interview's status, or whose interview is
    completed (even inside a still-open window). Within 72 hours: eligible, interview
    completed, and completed_at - ended_at <= 72 hours. Hours are real elapsed hours
    (datetimes are stored in UTC): weekends count, and across a clock change the local
    wall-clock times are 71 or 73 hours apart for 72 real hours. A pending, refused or
    not-done interview whose window is still open is not counted yet.
    """
    # In UTC: arithmetic on datetimes in the same zone is wall-clock, not elapsed, time.
    at = (at or clock.now()).astimezone(dt.UTC)
    returned = Q(ended_at__isnull=False)
    completed = Q(interview_status=Status.COMPLETED, interview_completed_at__isnull=False)
    window_closed = Q(ended_at__lte=at - RETURN_INTERVIEW_WINDOW)
    totals = episodes.annotate(
        interview_gap=ExpressionWrapper(
            F("interview_completed_at") - F("ended_at"), output_field=DurationField()
        )
    ).aggregate(
        eligible=Count("pk", filter=returned & (window_closed | completed)),
        within=Count(
            "pk", filter=returned & completed & Q(interview_gap__lte=RETURN_INTERVIEW_WINDOW)
        ),
    )
    eligible, within = totals["eligible"], totals["within"]
    return Timeliness(
        eligible=eligible, within_72h=within, share=(within / eligible) if eligible else None
    )


def missing_chronology(*, child) -> list[Entry]:
    """Missing episodes and return interviews on the child's chronology."""
    entries: list[Entry] = []
    episodes = MissingEpisode.objects.filter(child=child).select_related(
        "created_by", "created_by__agency", "modified_by", "modified_by__agency"
    )
    for e in episodes:
        url = reverse("risk:missing_edit", args=[child.pk, e.pk])
        recorded = {"recorded_by": who(e.created_by), "recorded_at": e.created_at, "url": url}
        grading = e.get_police_risk_display() if e.police_risk else "not graded"
        detail = f"Police risk grading: {grading}."
        if e.reported_by:
            detail += f" Reported by {e.reported_by}."
        entries.append(
            Entry(
                when=e.started_at,
                kind="missing",
                title=e.get_kind_display(),
                detail=detail,
                tags=() if e.ended_at else ("Still missing",),
                **recorded,
            )
        )
        if e.ended_at:
            found = f"Found at {e.where_found}." if e.where_found else ""
            entries.append(
                Entry(when=e.ended_at, kind="missing", title="Returned", detail=found, **recorded)
            )
        interview = _interview_entry(e, url)
        if interview is not None:
            entries.append(interview)
    return entries


def _interview_entry(e: MissingEpisode, url: str) -> Entry | None:
    if e.interview_status in PENDING_STATUSES:
        return None
    tags: tuple[str, ...] = ()
    if e.interview_status == Status.COMPLETED:
        title = "Return interview completed"
        within = e.interview_within_72_hours
        detail = "Within 72 hours of the return." if within else "More than 72 hours after return."
        if within is False:
            tags = ("Outside 72 hours",)
    elif e.interview_status == Status.REFUSED:
        title, detail = "Return interview refused", e.interview_not_done_reason
    else:
        title, detail = "Return interview not done", e.interview_not_done_reason
    return Entry(
        when=e.interview_completed_at or e.modified_at,
        kind="return_interview",
        title=title,
        detail=detail,
        recorded_by=who(e.modified_by or e.created_by),
        recorded_at=e.modified_at,
        url=url,
        tags=tags,
    )
