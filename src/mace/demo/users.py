"""Demo sign-ins: one user per role, and the grants that show need-to-know at work."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from mace.accounts.models import Role, User
from mace.accounts.services import user_create
from mace.demo import data
from mace.demo.city import agencies_ensure
from mace.people.models import Child, ChildAccess
from mace.people.services import child_access_grant

DEMO_EMAIL_DOMAIN = "demo.example"
# Children a demo member is invited to discuss, then one they own an action for.
MEMBER_INVITATIONS = 3
MEMBER_ACTIONS = 1


def demo_email(role: str) -> str:
    """The demo sign-in for a role: coordinator@demo.example and so on."""
    return f"{role}@{DEMO_EMAIL_DOMAIN}"


def ensure_demo_users(*, password: str) -> list[User]:
    """One user per role, created if missing; existing users (and passwords) are left alone.

    When the city has children, also makes sure the demo member has invitation and action
    grants and the demo coordinator is named on one restricted record.
    """
    agencies = agencies_ensure()
    users = []
    for role, full_name, agency_kind, job_title in data.DEMO_USERS:
        email = demo_email(role)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                actor=None,
                email=email,
                full_name=full_name,
                role=role,
                password=password,
                agency=agencies[agency_kind],
                job_title=job_title,
                validate=False,
            )
        users.append(user)
    if Child.objects.exists():
        by_role = {user.role: user for user in users}
        demo_access_ensure(member=by_role[Role.MEMBER], coordinator=by_role[Role.COORDINATOR])
    return users


def _children_for_member() -> list[Child]:
    """Unrestricted 13-16 year olds with a plan or in care: the kind of child MACE discusses."""
    ref = data.REFERENCE_DATE
    wanted = MEMBER_INVITATIONS + MEMBER_ACTIONS
    order = ("family_name", "given_name", "id")
    candidates = list(
        Child.objects.filter(
            restricted=False,
            legal_status__in=[
                Child.LegalStatus.CHILD_PROTECTION,
                Child.LegalStatus.CHILD_IN_NEED,
                Child.LegalStatus.LOOKED_AFTER_S20,
                Child.LegalStatus.LOOKED_AFTER_S31,
            ],
            date_of_birth__gt=ref.replace(year=ref.year - 17),
            date_of_birth__lte=ref.replace(year=ref.year - 13),
        ).order_by(*order)[:wanted]
    )
    if len(candidates) < wanted:
        candidates = list(Child.objects.filter(restricted=False).order_by(*order)[:wanted])
    return candidates


def demo_access_ensure(*, member: User, coordinator: User) -> list[ChildAccess]:
    """Add the missing demo grants: a member's invitations and action, a named coordinator.

    The coordinator is named on one restricted record only, so the others still need break
    glass: the demo shows both.
    """
    now = timezone.now()
    active = ChildAccess.objects.active(now)
    granted = []
    children = _children_for_member()
    if not active.filter(user=member, basis=ChildAccess.Basis.INVITATION).exists():
        for child in children[:MEMBER_INVITATIONS]:
            granted.append(
                child_access_grant(
                    actor=None,
                    user=member,
                    child=child,
                    basis=ChildAccess.Basis.INVITATION,
                    expires_at=now + dt.timedelta(days=settings.MACE_INVITATION_ACCESS_DAYS),
                    reason="Invited to the MACE meeting where this child is discussed (demo)",
                )
            )
    if not active.filter(user=member, basis=ChildAccess.Basis.ACTION).exists():
        for child in children[MEMBER_INVITATIONS:]:
            granted.append(
                child_access_grant(
                    actor=None,
                    user=member,
                    child=child,
                    basis=ChildAccess.Basis.ACTION,
                    reason="Owns an action from the MACE meeting: a joint visit (demo)",
                )
            )
    if not active.filter(user=coordinator, basis=ChildAccess.Basis.NAMED).exists():
        restricted = Child.objects.filter(restricted=True).order_by(
            "family_name", "given_name", "id"
        )
        child = restricted.first()
        if child is not None:
            granted.append(
                child_access_grant(
                    actor=None,
                    user=coordinator,
                    child=child,
                    basis=ChildAccess.Basis.NAMED,
                    reason="Named coordinator for this restricted record (demo)",
                )
            )
    return granted
