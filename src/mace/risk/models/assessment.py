from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mace.core.levels import LEVEL_RANK, Level
from mace.core.models import TimeStampedModel

# Level and LEVEL_RANK live in mace.core.levels (meetings and referrals use them too); they
# stay importable from here for the risk app.
__all__ = ["GRADE_RANK", "LEVEL_RANK", "Assessment", "Grade", "Level"]


class Grade(models.TextChoices):
    """Grade of one indicator, lowest first."""

    NOT_PRESENT = "not_present", "Not present"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


GRADE_RANK = {"not_present": 0, "low": 1, "medium": 2, "high": 3}


class Assessment(TimeStampedModel):
    """A Child Exploitation Risk Identification Tool assessment, kept for ever."""

    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial"
        REVIEW = "review", "Review"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="risk_assessments"
    )
    catalogue = models.ForeignKey("risk.Catalogue", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    assessed_on = models.DateField()
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessor_agency = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Keyed by indicator code (grades, evidence) and domain code (protective factors).
    grades = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    protective_factors = models.JSONField(default=dict, blank=True)
    analysis = models.TextField("practitioner's analysis", blank=True)
    proposed_level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    final_level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    override_rationale = models.TextField(blank=True)
    prompts = models.JSONField(default=list, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        indexes = [models.Index(fields=["child", "status", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} assessment {self.assessed_on:%d %b %Y}"

    @property
    def is_overridden(self) -> bool:
        return bool(self.final_level) and self.final_level != self.proposed_level
