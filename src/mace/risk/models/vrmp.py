from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mace.core.models import OwnedAction, TimeStampedModel


class Vrmp(TimeStampedModel):
    """A child's Vulnerability and Risk Management Plan: versions, reviews and actions."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="vrmps")
    lead_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "VRMP"

    def __str__(self) -> str:
        return f"VRMP for {self.child_id}"


class VrmpVersion(TimeStampedModel):
    """One version of the plan's content. A revision adds a version; none is edited."""

    vrmp = models.ForeignKey(Vrmp, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    assessment = models.ForeignKey(
        "risk.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vulnerabilities = models.TextField(blank=True)
    protective_factors = models.TextField(blank=True)
    push_factors = models.TextField(blank=True)
    pull_factors = models.TextField(blank=True)
    reporting_strategy = models.TextField(
        blank=True, help_text="Who reports the child absent or missing, and when."
    )
    la_minimum_enquiries = models.TextField("minimum enquiries by the local authority", blank=True)
    police_minimum_enquiries = models.TextField("minimum enquiries by police", blank=True)
    return_interview_strategy = models.TextField(blank=True)
    intervention_strategy = models.TextField(blank=True)
    contingency_plan = models.TextField(blank=True)
    review_frequency_weeks = models.PositiveSmallIntegerField(default=12)
    next_review_date = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["vrmp", "number"], name="risk_vrmp_version_unique")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"


class VrmpReview(TimeStampedModel):
    class Effect(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    vrmp = models.ForeignKey(Vrmp, on_delete=models.PROTECT, related_name="reviews")
    version = models.ForeignKey(VrmpVersion, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    effect = models.CharField(
        "is the plan having the desired effect?", max_length=10, choices=Effect.choices
    )
    notes = models.TextField(blank=True)
    next_review_date = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]


class VrmpAction(OwnedAction):
    """An action of the plan, with an owner and a due date."""

    vrmp = models.ForeignKey(Vrmp, on_delete=models.PROTECT, related_name="actions")
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "created_at"]
        indexes = [models.Index(fields=["owner", "status", "due_date"])]
