from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from mace.core.fields import StampField


class Catalogue(models.Model):
    """One version of the risk identification tool, as loaded: immutable once stored.

    ``content`` is the validated catalogue (domains, indicators, rules, prompts); ``source``
    the YAML as written. Assessments point at the version they were made with, so a new
    version never changes an old assessment's result.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    content = models.JSONField()
    source = models.TextField()
    sha256 = models.CharField(max_length=64)
    loaded_at = StampField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(
        default=False, help_text="New assessments use the active version."
    )

    class Meta:
        ordering = ["-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="risk_one_active_catalogue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (update_fields is None or set(update_fields) - {"is_active"}):
            raise ValueError("A catalogue version cannot be changed; load a new version.")
        super().save(*args, **kwargs)
