"""Reading disruption: a context's, the disruption in force, and orders nearing expiry.
Only through ``contexts_visible_to``: a disruption shows where its context does."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, QuerySet
from django.http import Http404

from mace.contexts.models import Disruption
from mace.contexts.selectors.persons import persons_read_log
from mace.contexts.selectors.visibility import contexts_visible_to
from mace.core import clock


def _visible(user) -> QuerySet[Disruption]:
    return Disruption.objects.filter(context__in=contexts_visible_to(user)).select_related(
        "context", "agency"
    )


def disruptions_of(*, user, context) -> QuerySet[Disruption]:
    """A context's disruption (in force first, then ended), if the user may see it."""
    return _visible(user).filter(context=context).order_by("status", "-started_on", "-created_at")


def disruption_get_for_user(*, user, disruption_id: uuid.UUID) -> Disruption:
    disruption = _visible(user).filter(pk=disruption_id).select_related("context").first()
    if disruption is None:
        raise Http404("No disruption found")
    persons_read_log(user=user, contexts=[disruption.context], where="disruption")
    return disruption


def _window(within_days: int | None) -> dt.date:
    days = settings.MACE_DISRUPTION_EXPIRY_WARNING_DAYS if within_days is None else within_days
    return clock.today() + dt.timedelta(days=days)


def orders_expiring(*, user, within_days: int | None = None) -> QuerySet[Disruption]:
    """Active orders whose expiry is within the window (today + ``within_days``, that day
    included) or already past but not ended ("expired, not closed"), soonest first."""
    return (
        _visible(user)
        .filter(status=Disruption.Status.ACTIVE, expires_on__isnull=False)
        .filter(expires_on__lte=_window(within_days))
        .order_by("expires_on", "context__name")
    )


def expiring_count(*, user, within_days: int | None = None) -> int:
    """How many orders are expiring or expired and not closed (for the analyst's home)."""
    return orders_expiring(user=user, within_days=within_days).count()


@dataclass(frozen=True)
class Expiry:
    """How an active disruption stands against its expiry: the tag the list shows."""

    days: int | None  # days until expiry (negative: past), None when it has no expiry
    flagged: bool

    @property
    def label(self) -> str:
        if self.days is None or not self.flagged:
            return ""
        if self.days < 0:
            return "Expired"
        if self.days == 0:
            return "Expires today"
        return f"Expires in {self.days} day{'s' if self.days != 1 else ''}"


def expiry_of(disruption: Disruption, *, within_days: int | None = None) -> Expiry:
    if disruption.expires_on is None or disruption.status != Disruption.Status.ACTIVE:
        return Expiry(days=None, flagged=False)
    days = (disruption.expires_on - clock.today()).days
    return Expiry(days=days, flagged=disruption.expires_on <= _window(within_days))


def disruption_in_force(*, user, context_kind: str = "") -> list[tuple[Disruption, Expiry]]:
    """Disruption in force (active), each with its expiry flag: expiring first."""
    rows = _visible(user).filter(status=Disruption.Status.ACTIVE)
    if context_kind:
        rows = rows.filter(context__kind=context_kind)
    rows = list(rows.order_by(F("expires_on").asc(nulls_last=True), "context__name", "started_on"))
    persons_read_log(user=user, contexts=[d.context for d in rows], where="disruption list")
    return [(d, expiry_of(d)) for d in rows]
