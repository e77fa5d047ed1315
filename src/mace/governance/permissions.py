"""Who may do what in Silver and Gold's pages (ADR 35). Which children they may *see* is
decided in ``mace.people.selectors`` only (an escalation grant opens a child to them)."""

from __future__ import annotations

from mace.accounts.models import Role
from mace.accounts.permissions import has_role
from mace.contexts.permissions import CORE_GROUP_ROLES
from mace.governance.models import Audience

# The MACE core group's organisers: raise escalations at any time, see every escalation.
RAISING_ROLES = (Role.COORDINATOR, Role.CHAIR)
# Everyone who reads the governance pages.
GOVERNANCE_ROLES = (Role.COORDINATOR, Role.CHAIR, Role.SILVER, Role.GOLD)
# Silver and the organisers: the action plan, assurance, recommendations, answers.
PLAN_ROLES = (Role.COORDINATOR, Role.CHAIR, Role.SILVER)
# The role whose active members an escalation to each audience opens a child to.
AUDIENCE_ROLE = {Audience.SILVER: Role.SILVER, Audience.GOLD: Role.GOLD}
# The audiences each role sees escalations to (the organisers see all).
AUDIENCES_SEEN = {
    Role.COORDINATOR: (Audience.SILVER, Audience.GOLD),
    Role.CHAIR: (Audience.SILVER, Audience.GOLD),
    Role.SILVER: (Audience.SILVER, Audience.GOLD),
    Role.GOLD: (Audience.GOLD,),
}


def audiences_seen(user) -> tuple[str, ...]:
    if not has_role(user, *AUDIENCES_SEEN):
        return ()
    return AUDIENCES_SEEN[user.role]


def can_see_governance(user) -> bool:
    return has_role(user, *GOVERNANCE_ROLES)


def can_raise_escalation(user) -> bool:
    """A chair or the coordinator, at any time, to Silver or to Gold."""
    return has_role(user, *RAISING_ROLES)


def can_raise_to_gold(user) -> bool:
    """Silver members (and the organisers) raise a Silver escalation on to Gold."""
    return has_role(user, Role.SILVER, *RAISING_ROLES)


def can_respond(user, escalation) -> bool:
    """The audience's members respond (the organisers record a response given elsewhere)."""
    return has_role(user, AUDIENCE_ROLE[escalation.to], *RAISING_ROLES)


def can_close(user, escalation) -> bool:
    return can_respond(user, escalation) or (
        has_role(user, *GOVERNANCE_ROLES) and escalation.owner_id == user.pk
    )


def can_manage_plan(user) -> bool:
    """The action plan and assurance activities: Silver, the chair and the coordinator."""
    return has_role(user, *PLAN_ROLES)


def can_recommend(user) -> bool:
    return has_role(user, *PLAN_ROLES)


def can_decide(user) -> bool:
    """Gold decides recommendations."""
    return has_role(user, Role.GOLD)


def can_challenge(user) -> bool:
    return has_role(user, Role.GOLD)


def can_answer_challenge(user) -> bool:
    return has_role(user, *PLAN_ROLES)


# Dashboards (issue 13 item 4). The MACE core group (the analyst, the coordinator and the
# chair: exact figures) sees all three; Silver its own and Gold's; Gold its own.
DASHBOARD_AUDIENCES = ("mace", "silver", "gold")
DASHBOARD_ROLES: dict[str, tuple[str, ...]] = {
    "mace": tuple(CORE_GROUP_ROLES),
    "silver": (*CORE_GROUP_ROLES, Role.SILVER),
    "gold": (*CORE_GROUP_ROLES, Role.SILVER, Role.GOLD),
}


def may_see_dashboard(user, audience: str) -> bool:
    return has_role(user, *DASHBOARD_ROLES.get(audience, ()))


def dashboards_seen(user) -> list[str]:
    """The dashboards this user may open, in the order MACE, Silver, Gold."""
    return [audience for audience in DASHBOARD_AUDIENCES if may_see_dashboard(user, audience)]


# The inspection data pack (issue 13): the coordinator, and the auditor (in this product the
# data protection officer), export the child-level list an inspection asks for.
INSPECTION_ROLES = (Role.COORDINATOR, Role.AUDITOR)


def may_export_inspection_pack(user) -> bool:
    """The coordinator or the data protection officer (the auditor role), nobody else."""
    return has_role(user, *INSPECTION_ROLES)
