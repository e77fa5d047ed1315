from __future__ import annotations

import uuid

from django.db import models

from mace.core.fields import StampField


class InboundMessage(models.Model):
    """A message from the secure mailbox, kept as it arrived, and what intake made of it."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Imported as a referral"
        QUARANTINED = "quarantined", "Quarantined"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message_id = models.CharField(max_length=500, blank=True, db_index=True)
    sha256 = models.CharField(max_length=64, unique=True)
    received_at = StampField(auto_now_add=True)
    sender = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    raw = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=200, blank=True, help_text="Maildir path or IMAP folder")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    quarantine_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.sender}: {self.subject}"
