"""What each role's home page shows. Case data comes through mace.people.selectors only."""

from __future__ import annotations

from mace.accounts.models import Agency, Role, User
from mace.accounts.permissions import can_view_audit
from mace.audit.selectors import break_glass_grants
from mace.people.selectors import (
    children_granted_to,
    children_visible_to,
    cohort_counts_by_ward,
)

SUPPRESS_BELOW = 5


def suppress(count: int) -> str:
    """Published aggregates show small counts as "<5" (ARCHITECTURE §5)."""
    return "<5" if 0 < count < SUPPRESS_BELOW else str(count)


def home_context(*, user) -> dict:
    role = user.role
    if role in (Role.COORDINATOR, Role.CHAIR, Role.ANALYST):
        visible = children_visible_to(user)
        return {
            "cohort_size": visible.count(),
            "restricted_count": visible.filter(restricted=True).count(),
        }
    if role == Role.MEMBER:
        return {"grants": list(children_granted_to(user=user)[:50])}
    if role in (Role.SILVER, Role.GOLD):
        return {
            "by_ward": [
                (ward or "Not known", suppress(n)) for ward, n in cohort_counts_by_ward(user=user)
            ],
            "escalated": list(children_granted_to(user=user)[:50]),
        }
    if can_view_audit(user):
        return {"pending_reviews": break_glass_grants(user=user).count()}
    if role == Role.ADMIN:
        return {
            "user_count": User.objects.filter(is_active=True).count(),
            "agency_count": Agency.objects.filter(is_active=True).count(),
        }
    return {}
