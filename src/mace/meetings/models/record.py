from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mace.core.levels import Level
from mace.core.models import OwnedAction, TimeStampedModel
from mace.meetings.models.meeting import AgendaItem, Meeting


class Outcome(models.TextChoices):
    """What the meeting decided for a child. MACE recommends statutory processes; it does
    not hold them (DOMAIN)."""

    CONTINUE = "continue", "Continue at MACE"
    STEP_DOWN = "step_down", "Step down"
    RECOMMEND_STATUTORY = "recommend_statutory", "Recommend a statutory process"
    ESCALATE_GOLD = "escalate_gold", "Escalate to Gold"
    CLOSE = "close", "Close"


class Discussion(TimeStampedModel):
    """What the meeting recorded about one agenda item, saved as it is typed."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="discussion")
    risk_analysis = models.TextField(blank=True)
    push_factors = models.TextField(blank=True)
    pull_factors = models.TextField(blank=True)
    connectivity = models.TextField(
        blank=True, help_text="Children, adults and places linked to the child."
    )
    risk_level = models.CharField(
        "risk level agreed", max_length=10, choices=Level.choices, blank=True
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    statutory_recommendation = models.TextField(
        blank=True, help_text="Which process is recommended (a strategy discussion, say), and why."
    )
    next_review_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Discussion of {self.item_id}"


class Contribution(TimeStampedModel):
    """Information one agency shared in a discussion."""

    discussion = models.ForeignKey(
        Discussion, on_delete=models.CASCADE, related_name="contributions"
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    information = models.TextField(blank=True)
    # Shared before the meeting by the agency's invited member (empty when typed in the
    # meeting): since when the agency has known it, and where it comes from.
    known_since = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["discussion", "agency"], name="meetings_contribution_unique"
            )
        ]


class Finding(TimeStampedModel):
    """A theme, trend, emerging risk, practice issue or suspected perpetrator the meeting
    identified; MACE reports these to Silver."""

    class Kind(models.TextChoices):
        THEME = "theme", "Theme"
        TREND = "trend", "Trend"
        EMERGING_RISK = "emerging_risk", "Emerging risk"
        PRACTICE_ISSUE = "practice_issue", "Practice issue"
        PERPETRATOR = "perpetrator", "Suspected perpetrator"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "created_at"]


class Action(OwnedAction):
    """An action or recommendation agreed at a meeting, with an owner and a due date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_recommendation = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "created_at"]
        indexes = [
            models.Index(fields=["owner", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.description[:60]


class Minutes(TimeStampedModel):
    """The minutes of a meeting: drafted from what was recorded, edited, approved by the
    chair, then locked. Corrections after approval are addenda."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    text = models.TextField(help_text="Attendance, themes, trends and other business.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class MinutesEntry(TimeStampedModel):
    """The minutes of one agenda item. Kept apart from the general minutes so that a
    practitioner invited for one child reads that child's minutes only."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__position", "item__created_at"]
        verbose_name_plural = "minutes entries"
        constraints = [
            models.UniqueConstraint(fields=["minutes", "item"], name="meetings_entry_unique")
        ]


class Addendum(TimeStampedModel):
    """A correction to approved minutes (of one item, or general). Added, never edited."""

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="addenda")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "addenda"


class ScheduledRun(models.Model):
    """When a scheduled task last ran, so a restarted scheduler does not repeat it."""

    task = models.CharField(max_length=60, db_index=True)
    ran_at = models.DateTimeField()
    due_at = models.DateTimeField(help_text="The scheduled moment this run served.")
    result = models.TextField(blank=True)

    class Meta:
        ordering = ["-ran_at"]
        constraints = [
            models.UniqueConstraint(fields=["task", "due_at"], name="meetings_run_once_per_due")
        ]

    def __str__(self) -> str:
        return f"{self.task} at {self.ran_at:%Y-%m-%d %H:%M}"
