from __future__ import annotations

import datetime as dt

from django.db import models
from simple_history.models import HistoricalRecords

from mace.core.models import TimeStampedModel

RETURN_INTERVIEW_WINDOW = dt.timedelta(hours=72)


class MissingEpisode(TimeStampedModel):
    """A period missing or absent, and the return interview that follows it."""

    class Kind(models.TextChoices):
        MISSING = "missing", "Missing"
        MISSING_FROM_CARE = "missing_from_care", "Missing from care"
        AWAY_FROM_PLACEMENT = "away_from_placement", "Away from placement without authorisation"
        YOUNG_RUNAWAY = "young_runaway", "Young runaway"

    class PoliceRisk(models.TextChoices):
        NO_APPARENT_RISK = "no_apparent_risk", "No apparent risk (absent)"
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class InterviewStatus(models.TextChoices):
        NOT_YET = "not_yet", "Not yet offered"
        OFFERED = "offered", "Offered"
        COMPLETED = "completed", "Completed"
        REFUSED = "refused", "Refused by the child"
        NOT_DONE = "not_done", "Not done"

    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="missing_episodes"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField("returned at", null=True, blank=True)
    police_risk = models.CharField(
        "police risk grading", max_length=20, choices=PoliceRisk.choices, blank=True
    )
    police_reference = models.CharField(max_length=40, blank=True)
    reported_by = models.CharField(max_length=200, blank=True)
    where_found = models.CharField(max_length=300, blank=True)
    interview_status = models.CharField(
        "return interview",
        max_length=12,
        choices=InterviewStatus.choices,
        default=InterviewStatus.NOT_YET,
    )
    interview_offered_at = models.DateTimeField(null=True, blank=True)
    interview_completed_at = models.DateTimeField(null=True, blank=True)
    interview_not_done_reason = models.TextField(blank=True)
    why_left = models.TextField(blank=True)
    where_went = models.TextField(blank=True)
    with_whom = models.TextField(blank=True)
    how_travelled = models.TextField("how they travelled and got home", blank=True)
    harm = models.TextField("harm suffered", blank=True)
    push_factors = models.TextField(blank=True)
    pull_factors = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["child", "started_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_at:%d %b %Y %H:%M}"

    @property
    def interview_due_by(self) -> dt.datetime | None:
        if self.ended_at is None:
            return None
        return self.ended_at.astimezone(dt.UTC) + RETURN_INTERVIEW_WINDOW

    @property
    def interview_within_72_hours(self) -> bool | None:
        """True or False once completed; None while it cannot be said."""
        if self.ended_at is None or self.interview_completed_at is None:
            return None
        # In UTC: two datetimes in the same zone subtract as wall-clock times in Python,
        # an hour out across a clock change. 72 hours means 72 elapsed hours.
        elapsed = self.interview_completed_at.astimezone(dt.UTC) - self.ended_at.astimezone(dt.UTC)
        return elapsed <= RETURN_INTERVIEW_WINDOW
