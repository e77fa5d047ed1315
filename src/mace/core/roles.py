"""The roles of ARCHITECTURE §4, below every app: a user holds exactly one, and apps below
accounts (the audit log) decide by role too. ``mace.accounts.models.Role`` is this class."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    """The roles of ARCHITECTURE §4. A user holds exactly one."""

    REFERRER = "referrer", "Referrer"
    COORDINATOR = "coordinator", "MACE coordinator"
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Agency member"
    ANALYST = "analyst", "Analyst"
    SILVER = "silver", "Silver member"
    GOLD = "gold", "Gold member"
    AUDITOR = "auditor", "Auditor"
    ADMIN = "admin", "System administrator"
