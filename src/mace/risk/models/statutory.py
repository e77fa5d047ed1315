from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from mace.core.models import TimeStampedModel


class StatutoryProcess(TimeStampedModel):
    """A statutory process the child is subject to. MACE records it; it never replaces it."""

    class Kind(models.TextChoices):
        CHILD_IN_NEED = "cin", "Child in Need"
        CHILD_PROTECTION = "cp", "Child Protection plan"
        LOOKED_AFTER_S20 = "la_s20", "Looked after (section 20)"
        LOOKED_AFTER_S31 = "la_s31", "Looked after (section 31 care order)"
        LOOKED_AFTER_S38 = "la_s38", "Looked after (section 38 interim care order)"
        CARE_LEAVER = "care_leaver", "Care leaver"
        STRATEGY_DISCUSSION = "strategy", "Strategy discussion"
        NRM_REFERRAL = "nrm", "National Referral Mechanism referral"

    class Decision(models.TextChoices):
        PENDING = "pending", "Awaiting decision"
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"

    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="statutory_processes"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    lead_professional = models.CharField(max_length=200, blank=True)
    lead_agency = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField("case-system reference", max_length=60, blank=True)
    notes = models.TextField(blank=True)
    reasonable_grounds = models.CharField(
        "reasonable grounds decision", max_length=10, choices=Decision.choices, blank=True
    )
    reasonable_grounds_on = models.DateField(null=True, blank=True)
    conclusive_grounds = models.CharField(
        "conclusive grounds decision", max_length=10, choices=Decision.choices, blank=True
    )
    conclusive_grounds_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on"]
        verbose_name_plural = "statutory processes"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None
