from __future__ import annotations

import uuid

from django.db import models

from mace.core.fields import StampField


class AllowedDomain(models.Model):
    """An email domain whose professionals may refer without an account.

    ``*.gov.uk`` matches any subdomain of gov.uk; ``nhs.net`` matches exactly.
    """

    pattern = models.CharField(max_length=200, unique=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pattern"]

    def __str__(self) -> str:
        return self.pattern


class SignInLink(models.Model):
    """A one-time sign-in link for a referrer: single use, expires after 30 minutes.

    Only a hash of the token is stored; the token itself is in the emailed link.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = StampField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Sign-in link for {self.email}"
