"""What each role's home page shows. Case data comes through mace.people.selectors only
(rows_shown logs each child named)."""

from __future__ import annotations

from django.db.models import Q

from mace.accounts.administration import invitations_pending_count
from mace.accounts.models import Agency, Role, User
from mace.accounts.permissions import can_view_audit
from mace.casefile.selectors.tasks import task_count
from mace.contexts.selectors.home import contexts_home
from mace.meetings.models import Minutes
from mace.meetings.selectors.actions import actions_overdue
from mace.meetings.selectors.agenda import upcoming_meetings
from mace.people.selectors import (
    break_glass_grants,
    children_visible_to,
    cohort_counts_by_ward,
    grants_shown,
    rows_shown,
)
from mace.referrals.selectors.referrals import triage_counts
from mace.risk.selectors.statutory import children_high_risk_without_statutory
from mace.risk.selectors.vrmp import children_meeting_mace_criteria_high

SUPPRESS_BELOW = 5


def suppress(count: int) -> str:
    """Published aggregates show small counts as "<5" (ARCHITECTURE §5)."""
    return "<5" if 0 < count < SUPPRESS_BELOW else str(count)


def _meetings(user) -> dict:
    """The user's next meetings, and the minutes waiting for their approval (a chair)."""
    context = {"next_meetings": list(upcoming_meetings(user=user)[:3])}
    if user.role == Role.CHAIR or user.role in (Role.SILVER, Role.GOLD):
        awaiting = Minutes.objects.filter(status=Minutes.Status.DRAFT).select_related("meeting")
        mine = Q(meeting__chair=user)
        if user.role == Role.CHAIR:
            mine |= Q(meeting__chair__isnull=True)
        context["minutes_to_approve"] = list(awaiting.filter(mine).order_by("meeting__date"))
    if user.role == Role.COORDINATOR:
        context["overdue_meeting_actions"] = actions_overdue().count()
    return context


def home_context(*, user) -> dict:
    """Everything the user's home page shows, by role."""
    context = _home_context(user=user)
    if user.role in (Role.COORDINATOR, Role.CHAIR, Role.MEMBER, Role.SILVER, Role.GOLD):
        context.update(_meetings(user))
    return context


def _home_context(*, user) -> dict:
    role = user.role
    if role in (Role.COORDINATOR, Role.CHAIR, Role.ANALYST):
        visible = children_visible_to(user)
        context = {
            "cohort_size": visible.count(),
            "restricted_count": visible.filter(restricted=True).count(),
        }
        if role == Role.COORDINATOR:
            context.update(_coordinator_flags(user))
            context["triage"] = triage_counts(user=user)
        if role in (Role.COORDINATOR, Role.ANALYST):
            context.update(contexts_home(user=user))
        return context
    if role == Role.MEMBER:
        return {"grants": grants_shown(user=user), "task_count": task_count(user=user)}
    if role in (Role.SILVER, Role.GOLD):
        return {
            "heading": "Silver: themes, trends and assurance"
            if role == Role.SILVER
            else "Gold: line of sight",
            "by_ward": [
                (ward or "Not known", suppress(n)) for ward, n in cohort_counts_by_ward(user=user)
            ],
            "escalated": grants_shown(user=user),
        }
    if can_view_audit(user):
        return {"pending_reviews": break_glass_grants(user=user).count()}
    if role == Role.ADMIN:
        return {
            "user_count": User.objects.filter(is_active=True).count(),
            "invitation_count": invitations_pending_count(),
            "agency_count": Agency.objects.filter(is_active=True).count(),
        }
    return {}


FLAG_LIMIT = 10


def _coordinator_flags(user) -> dict:
    """Children the coordinator should act on; each child named is logged as listed."""
    no_statutory = children_high_risk_without_statutory(user=user)
    not_working = children_meeting_mace_criteria_high(user=user)
    shown_no_statutory = rows_shown(
        user=user, rows=no_statutory[:FLAG_LIMIT], payload={"list": "coordinator home flags"}
    )
    shown_not_working = rows_shown(
        user=user, rows=not_working[:FLAG_LIMIT], payload={"list": "coordinator home flags"}
    )
    return {
        "no_statutory": shown_no_statutory,
        "no_statutory_count": no_statutory.count(),
        "not_working": shown_not_working,
        "not_working_count": not_working.count(),
    }
