"""Agencies and the people who sign in."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from simple_history.models import HistoricalRecords

from mace.core import clock
from mace.core.roles import Role  # noqa: F401 (the roles live below every app)


class Agency(models.Model):
    """A partner organisation of the safeguarding partnership."""

    class Kind(models.TextChoices):
        EARLY_HELP = "early_help", "Early Help"
        CHILDRENS_SOCIAL_WORK = "childrens_social_work", "Children's Social Work"
        POLICE = "police", "Police"
        ADULTS_AND_HEALTH = "adults_and_health", "Adults and Health"
        YOUTH_JUSTICE = "youth_justice", "Youth Justice"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        CAMHS = "camhs", "CAMHS"
        YOUTH_OFFER = "youth_offer", "Youth Offer"
        COMMUNITY_SAFETY = "community_safety", "Community safety"
        THIRD_SECTOR = "third_sector", "Third sector"
        ACCOMMODATION = "accommodation", "Accommodation provider"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("role", Role.REFERRER)
        extra.setdefault("is_staff", extra["role"] == Role.ADMIN)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(role=Role.ADMIN, is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in with their work email."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.REFERRER)
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=clock.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def requires_two_factor(self) -> bool:
        return self.role != Role.REFERRER


class Invitation(models.Model):
    """A one-time link that lets an invited user choose their password (never signs in).

    Only a hash of the token is stored; the token itself is in the emailed link. A newer
    invitation revokes the older ones; switching the user off revokes them too.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"Invitation for {self.user_id}"

    def is_pending(self, now=None) -> bool:
        """Neither accepted nor revoked, and not yet expired."""
        now = now or clock.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class UserSession(models.Model):
    """Which session belongs to whom, so that switching a user off ends every session."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tracked_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Session of {self.user_id}"
