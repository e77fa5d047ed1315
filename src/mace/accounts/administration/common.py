"""What the administration services share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from mace.accounts.models import Agency
from mace.accounts.permissions import can_administer
from mace.core import clock


def require_administrator(actor) -> None:
    """Raise PermissionDenied unless the actor is an active administrator."""
    if not can_administer(actor):
        raise PermissionDenied("Only an administrator can do this.")


def pending(now=None) -> Q:
    """Invitations neither accepted nor revoked, and not yet expired."""
    now = now or clock.now()
    return Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


def agency_label(agency: Agency | None) -> str:
    return agency.name if agency is not None else ""
