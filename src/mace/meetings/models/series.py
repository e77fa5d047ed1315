from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mace.core.models import TimeStampedModel


class Kind(models.TextChoices):
    """The four tiers of the framework that meet (DOMAIN: Bronze is the MACE meeting)."""

    CHILD = "child", "Child-focused MACE"
    CONTEXT = "context", "Contextual MACE"
    SILVER = "silver", "Silver"
    GOLD = "gold", "Gold"


class MeetingSeries(TimeStampedModel):
    """A standing meeting: who chairs it, who sits on it, and when it meets (RFC 5545)."""

    class OnBankHoliday(models.TextChoices):
        SKIP = "skip", "Skip the meeting"
        NEXT_WORKING_DAY = "next_working_day", "Move to the next working day"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    rrule = models.CharField(
        "recurrence rule",
        max_length=300,
        help_text="An RFC 5545 RRULE, for example FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    )
    first_date = models.DateField()
    start_time = models.TimeField(default=dt.time(10, 0))
    duration_minutes = models.PositiveSmallIntegerField(default=180)
    on_bank_holiday = models.CharField(
        max_length=20, choices=OnBankHoliday.choices, default=OnBankHoliday.SKIP
    )
    location = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    slot_minutes = models.PositiveSmallIntegerField(
        default=20, help_text="Time given to each child's discussion."
    )
    capacity = models.PositiveSmallIntegerField(
        default=8, help_text="Children discussed at most in one meeting."
    )
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "meeting series"

    def __str__(self) -> str:
        return self.name


class SeriesMember(models.Model):
    """An agency's seat on a series: a named representative and a deputy."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="members")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["series", "agency"], name="meetings_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.representative}"
