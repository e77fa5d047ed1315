"""Demo sign-ins: one user per role, and the grants that show need-to-know at work."""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.contrib.auth.hashers import get_hasher, make_password

from mace.accounts.models import Role, User
from mace.accounts.services import user_create
from mace.core import clock
from mace.demo import data
from mace.demo.city import agencies_ensure
from mace.people.models import Child, ChildAccess
from mace.people.services import child_access_grant

DEMO_EMAIL_DOMAIN = "demo.example"
# Children a demo member is invited to discuss, then one they own an action for.
MEMBER_INVITATIONS = 3
MEMBER_ACTIONS = 1

# The agencies' seats at the demo's MACE meetings: (agency kind, email slug, representative,
# deputy), each person (full name, job title); None where a demo sign-in above sits (the
# member, a police officer, for the police; the analyst for community safety). They sign in
# as member.SLUG@demo.example and deputy.SLUG@demo.example. Fictional people.
MEETING_SEATS: tuple[tuple[str, str, tuple[str, str] | None, tuple[str, str] | None], ...] = (
    ("police", "police", None, ("Sarah Ellis", "Detective Sergeant")),
    (
        "childrens_social_work",
        "social-work",
        ("Grace Mensah", "Team Manager, Complex Safeguarding"),
        ("Liam Brennan", "Advanced Practitioner"),
    ),
    (
        "health",
        "health",
        ("Nadia Rahman", "Named Nurse for Safeguarding"),
        ("Chloe Whitaker", "Specialist School Nurse"),
    ),
    (
        "education",
        "education",
        ("Mark Pearson", "Education Safeguarding Officer"),
        ("Ayesha Begum", "Attendance and Inclusion Officer"),
    ),
    (
        "youth_justice",
        "youth-justice",
        ("Kwame Boateng", "Team Manager, Youth Justice"),
        ("Emma Lund", "Youth Justice Case Manager"),
    ),
    (
        "third_sector",
        "brightwater",
        ("Becky Holroyd", "Exploitation Service Lead"),
        ("Jamal Ahmed", "Youth Support Worker"),
    ),
    ("community_safety", "community-safety", None, ("Gareth Lee", "Anti-social Behaviour Officer")),
    ("youth_offer", "youth-service", ("Sophie Tran", "Detached Youth Work Lead"), None),
)
# Who takes a seat marked None above.
SEAT_SIGN_INS = {"police": "member", "community_safety": "analyst"}
# The other seats of Silver and Gold (agency kind, email slug, full name, job title); the
# chair (silver@ and gold@demo.example) holds their own agency's seat. They sign in as
# silver.SLUG@demo.example and gold.SLUG@demo.example. Fictional people.
STRATEGIC_SEATS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    Role.SILVER: (
        (
            "childrens_social_work",
            "social-work",
            "Joanne Pickersgill",
            "Head of Service, Safeguarding",
        ),
        ("health", "health", "Rehana Akhtar", "Designated Nurse, Safeguarding Children"),
        ("education", "education", "Stuart Haigh", "Head of Learning Inclusion"),
        ("community_safety", "community-safety", "Olivia Barraclough", "Community Safety Manager"),
        ("youth_justice", "youth-justice", "Femi Adebayo", "Head of Youth Justice"),
    ),
    Role.GOLD: (
        ("police", "police", "Richard Calvert", "Assistant Chief Constable"),
        ("health", "health", "Margaret Oyelaran", "Chief Nurse, Integrated Care Board"),
        ("education", "education", "Simon Ackroyd", "Director of Learning"),
    ),
}
# A social worker the demo invites to one child's discussion only (need to know at work).
PRACTITIONER = ("social-work", "Hannah Gill", "Social Worker")


def demo_email(role: str) -> str:
    """The demo sign-in for a role: coordinator@demo.example and so on."""
    return f"{role}@{DEMO_EMAIL_DOMAIN}"


def ensure_demo_users(*, password: str) -> list[User]:
    """One user per role, created if missing; existing users (and passwords) are left alone.

    When the city has children, also makes sure the demo member has invitation and action
    grants and the demo coordinator is named on one restricted record.
    """
    users = demo_users_create(password=password)
    if Child.objects.exists():
        by_role = {user.role: user for user in users}
        demo_access_ensure(member=by_role[Role.MEMBER], coordinator=by_role[Role.COORDINATOR])
    return users


def demo_users_create(*, password: str) -> list[User]:
    """One user per role, created if missing (no grants); existing users are left alone."""
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
                password=None,
                agency=agencies[agency_kind],
                job_title=job_title,
                validate=False,
            )
            _password_set(user, password)
        users.append(user)
    return users


def _password_set(user: User, password: str) -> None:
    """Give a new demo user the demo password, hashed once for all of them: Argon2 is slow
    on purpose (a third of a second a hash), and the demo makes two dozen users."""
    hashed = _password_hash(password, get_hasher().algorithm)
    User.objects.filter(pk=user.pk).update(password=hashed)
    user.password = hashed


@functools.lru_cache(maxsize=2)
def _password_hash(password: str, algorithm: str) -> str:
    return make_password(password, hasher=algorithm)


def meeting_email(slug: str, seat: str = "member") -> str:
    """A meeting member's sign-in: member.health@demo.example, deputy.health@... ."""
    return f"{seat}.{slug}@{DEMO_EMAIL_DOMAIN}"


def meeting_people_ensure(*, password: str) -> dict[str, tuple[User, User | None]]:
    """Each seat's representative and deputy (agency members), and the social worker,
    created if missing with the demo password. Returns (representative, deputy) by agency
    kind; the role users sit where MEETING_SEATS says, so they must exist already
    (demo_users_create)."""
    agencies = agencies_ensure()

    def person(email: str, kind: str, name: str, job_title: str) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                actor=None,
                email=email,
                full_name=name,
                role=Role.MEMBER,
                password=None,
                agency=agencies[kind],
                job_title=job_title,
                validate=False,
            )
            _password_set(user, password)
        return user

    seats = {}
    for kind, slug, representative, deputy in MEETING_SEATS:
        if representative is None:
            rep = User.objects.get(email=demo_email(SEAT_SIGN_INS[kind]))
        else:
            rep = person(meeting_email(slug), kind, *representative)
        dep = person(meeting_email(slug, "deputy"), kind, *deputy) if deputy else None
        seats[kind] = (rep, dep)
    slug, name, job_title = PRACTITIONER
    person(meeting_email(slug, "practitioner"), "childrens_social_work", name, job_title)
    return seats


def strategic_people_ensure(*, password: str) -> dict[str, list[tuple[str, User]]]:
    """The seats of Silver and Gold (STRATEGIC_SEATS), each person created if missing with
    the demo password and the role of their group: (agency kind, person) by role, the
    chair's own seat first (so demo_users_create must have run)."""
    agencies = agencies_ensure()
    seats = {}
    for role, people in STRATEGIC_SEATS.items():
        chair = User.objects.select_related("agency").get(email=demo_email(role))
        seats[role] = [(chair.agency.kind, chair)]
        for kind, slug, name, job_title in people:
            email = meeting_email(slug, seat=role)
            user = User.objects.filter(email=email).first()
            if user is None:
                user = user_create(
                    actor=None,
                    email=email,
                    full_name=name,
                    role=role,
                    password=None,
                    agency=agencies[kind],
                    job_title=job_title,
                    validate=False,
                )
                _password_set(user, password)
            seats[role].append((kind, user))
    return seats


def practitioner_user() -> User:
    """The social worker of MEETING_SEATS' PRACTITIONER (meeting_people_ensure makes them)."""
    return User.objects.get(email=meeting_email(PRACTITIONER[0], "practitioner"))


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
    now = clock.now()
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
