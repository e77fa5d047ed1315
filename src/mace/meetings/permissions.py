"""Who may run meetings. Who may see a meeting or a child's item is in meetings.selectors."""

from __future__ import annotations

from mace.accounts.models import Role
from mace.accounts.permissions import has_role
from mace.meetings.models import Kind

# The coordinator builds agendas and sends invitations; the chair may too.
MANAGING_ROLES = (Role.COORDINATOR, Role.CHAIR)
# Who may chair a series of each kind: the MACE meetings have a chair; Silver and Gold
# are chaired by one of their own members (ARCHITECTURE §4).
CHAIR_ROLE_OF_KIND = {
    Kind.CHILD: Role.CHAIR,
    Kind.CONTEXT: Role.CHAIR,
    Kind.SILVER: Role.SILVER,
    Kind.GOLD: Role.GOLD,
}
CHAIRING_ROLES = tuple(dict.fromkeys(CHAIR_ROLE_OF_KIND.values()))


def can_manage_meetings(user) -> bool:
    """May the user set up series, build agendas, invite, record and draft minutes?"""
    return has_role(user, *MANAGING_ROLES)


def can_chair(user, kind: str) -> bool:
    """May the user chair a series of this kind? (A switched-on user of its chair's role.)"""
    return bool(user.is_active) and user.role == CHAIR_ROLE_OF_KIND.get(kind)


def can_approve_minutes(user, meeting) -> bool:
    """Only the chair approves minutes: the meeting's own chair (Silver and Gold are chaired
    by their members), or any user with the chair role if the meeting has none set."""
    if not (user.is_authenticated and user.is_active):
        return False
    if meeting.chair_id is not None:
        return meeting.chair_id == user.pk
    return has_role(user, Role.CHAIR)


def can_prepare_contextual_agenda(user, meeting, subject: str) -> bool:
    """The analyst prepares the contextual MACE: they may put a place, group, person or
    theme (never a child) on a contextual meeting's agenda."""
    return has_role(user, Role.ANALYST) and meeting.kind == Kind.CONTEXT and subject != "child"
