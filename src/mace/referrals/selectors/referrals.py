"""Which referrals a user sees, and the triage queue."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mace.audit.models import Event
from mace.core import clock
from mace.core.workdays import add_working_days
from mace.people.selectors import rows_shown
from mace.referrals.models import Referral
from mace.referrals.permissions import can_triage

QUEUE_PAGE_SIZE = 25
OPEN_STATUSES = (Referral.Status.NEW, Referral.Status.AWAITING_INFORMATION)


def referrals_made_by(*, user) -> QuerySet[Referral]:
    """A referrer's own referrals (drafts included), newest first: nothing else."""
    if not user.is_authenticated:
        return Referral.objects.none()
    return Referral.objects.filter(referrer=user).order_by("-created_at")


def referral_get_for_referrer(*, user, referral_id: uuid.UUID) -> Referral:
    """One of the user's own referrals, or 404 (the same for someone else's)."""
    try:
        return referrals_made_by(user=user).get(pk=referral_id)
    except Referral.DoesNotExist:
        raise Http404("No referral found") from None


def triage_target_days() -> int:
    return int(getattr(settings, "MACE_TRIAGE_TARGET_WORKING_DAYS", 5))


def overdue_cutoff(today: dt.date | None = None) -> dt.datetime:
    """Referrals submitted before this moment are past the triage target today."""
    today = today or clock.today()
    last_in_time = add_working_days(today, -triage_target_days())
    return timezone.make_aware(dt.datetime.combine(last_in_time, dt.time.min))


@dataclass(frozen=True)
class QueueCounts:
    new: int
    awaiting_information: int
    overdue: int


QUEUE_FILTERS = {
    "open": "All open",
    "new": "New",
    "awaiting_information": "Awaiting information",
    "overdue": "Overdue",
    "decided": "Decided",
}


def triage_queue(*, user, view: str = "open", today: dt.date | None = None) -> QuerySet[Referral]:
    """The coordinator's queue, oldest first, filtered by one of QUEUE_FILTERS."""
    if not can_triage(user):
        raise Http404("Not found")
    qs = Referral.objects.exclude(status=Referral.Status.DRAFT).select_related("child")
    if view == "new":
        qs = qs.filter(status=Referral.Status.NEW)
    elif view == "awaiting_information":
        qs = qs.filter(status=Referral.Status.AWAITING_INFORMATION)
    elif view == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, submitted_at__lt=overdue_cutoff(today))
    elif view == "decided":
        return qs.exclude(status__in=OPEN_STATUSES).order_by("-decided_at")
    else:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs.order_by("submitted_at")


def triage_counts(*, user, today: dt.date | None = None) -> QueueCounts:
    if not can_triage(user):
        raise Http404("Not found")
    base = Referral.objects.filter(status__in=OPEN_STATUSES)
    return QueueCounts(
        new=base.filter(status=Referral.Status.NEW).count(),
        awaiting_information=base.filter(status=Referral.Status.AWAITING_INFORMATION).count(),
        overdue=base.filter(submitted_at__lt=overdue_cutoff(today)).count(),
    )


def referral_get_for_triage(*, user, referral_id: uuid.UUID) -> Referral:
    """A submitted referral for the coordinator, with what the triage page shows."""
    if not can_triage(user):
        raise Http404("Not found")
    try:
        referral = (
            Referral.objects.exclude(status=Referral.Status.DRAFT)
            .select_related("child", "referrer", "source_message", "risk_assessment")
            .prefetch_related("perpetrators", "decisions__created_by", "links__created_by")
            .get(pk=referral_id)
        )
    except Referral.DoesNotExist:
        raise Http404("No referral found") from None
    # The referral's own child is read with it.
    [referral] = rows_shown(user=user, rows=[referral], verb=Event.Verb.CHILD_VIEWED)
    return referral


def triage_queue_page(*, user, view: str = "open", page_number=1) -> Page:
    """One page of the coordinator's queue; each known child on it written to the log."""
    page = Paginator(triage_queue(user=user, view=view), QUEUE_PAGE_SIZE).get_page(page_number)
    page.object_list = rows_shown(
        user=user, rows=page.object_list, payload={"list": "triage queue"}
    )
    return page


def referrals_about_same_child(*, referral: Referral, days: int = 7) -> QuerySet[Referral]:
    """Other submitted referrals linked to the same child within ``days`` of this one."""
    if referral.child_id is None or referral.submitted_at is None:
        return Referral.objects.none()
    window = dt.timedelta(days=days)
    return (
        Referral.objects.filter(child_id=referral.child_id)
        .exclude(pk=referral.pk)
        .exclude(status=Referral.Status.DRAFT)
        .filter(
            Q(submitted_at__gte=referral.submitted_at - window)
            & Q(submitted_at__lte=referral.submitted_at + window)
        )
        .order_by("submitted_at")
    )


def referrals_about_child_in_year(*, referral: Referral) -> QuerySet[Referral]:
    """Other submitted referrals linked to the same child in the 12 months before this one
    arrived (and any since), newest first: what the coordinator weighs at triage."""
    if referral.child_id is None or referral.submitted_at is None:
        return Referral.objects.none()
    return (
        Referral.objects.filter(
            child_id=referral.child_id,
            submitted_at__gte=referral.submitted_at - dt.timedelta(days=365),
        )
        .exclude(pk=referral.pk)
        .exclude(status=Referral.Status.DRAFT)
        .order_by("-submitted_at")
    )


def referrals_for_child(*, child) -> QuerySet[Referral]:
    """Submitted referrals about a child (the child already authorised)."""
    return (
        Referral.objects.filter(child=child)
        .exclude(status=Referral.Status.DRAFT)
        .order_by("-submitted_at")
    )
