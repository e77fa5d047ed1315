"""What the administration pages read. None of it is case data: no child is ever named."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from mace.accounts.administration import invitations_pending_count
from mace.accounts.models import Agency, User
from mace.accounts.permissions import can_administer
from mace.meetings.models import MeetingSeries
from mace.referrals.models import AllowedDomain
from mace.risk.models import Catalogue


def _require_administrator(user) -> None:
    if not can_administer(user):
        raise PermissionDenied("Only an administrator can see this.")


def administration_counts(*, user) -> dict:
    """The figures on the administration pages' front page."""
    _require_administrator(user)
    return {
        "user_count": User.objects.filter(is_active=True).count(),
        "invitation_count": invitations_pending_count(),
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "domain_count": AllowedDomain.objects.count(),
        "series_count": MeetingSeries.objects.filter(is_active=True).count(),
        "active_catalogue": Catalogue.objects.filter(is_active=True)
        .only("version", "title")
        .first(),
    }


def user_for_administration(*, user, user_id) -> User:
    """One user (404 if none), with their agency."""
    _require_administrator(user)
    return get_object_or_404(User.objects.select_related("agency"), pk=user_id)


def agencies_for_administration(*, user) -> QuerySet[Agency]:
    """Every agency with how many users are switched on in it (one query)."""
    _require_administrator(user)
    return Agency.objects.annotate(
        user_count=Count("user", filter=Q(user__is_active=True))
    ).order_by("name")


def agency_for_administration(*, user, agency_id) -> Agency:
    """One agency (404 if none)."""
    _require_administrator(user)
    return get_object_or_404(Agency, pk=agency_id)


def domains_for_administration(*, user) -> QuerySet[AllowedDomain]:
    """The allowed referrer email domains, in order."""
    _require_administrator(user)
    return AllowedDomain.objects.order_by("pattern")


def domain_for_administration(*, user, domain_id) -> AllowedDomain:
    """One allowed domain (404 if none)."""
    _require_administrator(user)
    return get_object_or_404(AllowedDomain, pk=domain_id)


def series_for_administration(*, user) -> QuerySet[MeetingSeries]:
    """Every series with its chair and how many agencies have a seat (one query)."""
    _require_administrator(user)
    return (
        MeetingSeries.objects.select_related("chair")
        .annotate(member_count=Count("members"))
        .order_by("-is_active", "kind", "name")
    )


def one_series_for_administration(*, user, series_id) -> MeetingSeries:
    """One series (404 if none), with its chair."""
    _require_administrator(user)
    return get_object_or_404(MeetingSeries.objects.select_related("chair"), pk=series_id)


def series_members(*, user, series: MeetingSeries):
    """The series' seats by agency, with their people (one query)."""
    _require_administrator(user)
    return series.members.select_related("agency", "representative", "deputy").order_by(
        "agency__name"
    )


def series_meeting_dates(*, user, series: MeetingSeries, since, limit: int = 8) -> list:
    """The series' next meetings: date, time and status only (never an agenda)."""
    _require_administrator(user)
    return list(
        series.meetings.filter(date__gte=since)
        .order_by("date")
        .only("id", "date", "start_time", "status", "series_id")[:limit]
    )


def catalogues_for_administration(*, user) -> QuerySet[Catalogue]:
    """Every stored catalogue version, newest first, without its (large) content."""
    _require_administrator(user)
    return (
        Catalogue.objects.select_related("loaded_by")
        .defer("content", "source")
        .order_by("-loaded_at")
    )


def catalogue_for_administration(*, user, catalogue_id) -> Catalogue:
    """One stored catalogue version (404 if none), without its content."""
    _require_administrator(user)
    return get_object_or_404(Catalogue.objects.defer("content", "source"), pk=catalogue_id)
