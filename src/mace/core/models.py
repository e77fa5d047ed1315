"""Base models shared by every case app."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from mace.core.fields import StampField


class TimeStampedModel(models.Model):
    """UUID key (safe in URLs), and who created and last changed the row, and when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = StampField(auto_now_add=True)
    modified_at = StampField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class OwnedAction(TimeStampedModel):
    """Something an agency (and, if named, a person) is to do by a date: VRMP actions and
    MACE meeting actions. Completing one needs a note of what was done."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    description = models.TextField()
    owner_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    completion_note = models.TextField(blank=True)

    class Meta:
        abstract = True
