"""Who the seeded records name, and the catalogue they are graded against."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from mace.accounts.models import Agency, Role, User
from mace.accounts.services import user_create
from mace.demo.risk.common import SEED_USER_EMAIL, SEED_USER_NAME
from mace.risk.models import Catalogue

# Who records ---------------------------------------------------------------------------

UserRef = tuple[uuid.UUID, uuid.UUID | None]  # user id, agency id


@dataclass(frozen=True)
class Staff:
    """The users seeded rows name: leads (assessors, plan leads), police, the demo member."""

    leads: tuple[UserRef, ...]
    police: tuple[UserRef, ...]
    member_id: uuid.UUID | None = None
    system_user: bool = False  # the records name seed@demo.example

    def lead(self, r: float) -> UserRef:
        return self.leads[int(r * len(self.leads))]

    def officer(self, r: float) -> UserRef:
        people = self.police or self.leads
        return people[int(r * len(people))]


def seed_user_ensure() -> tuple[User, bool]:
    """The system user that records seeded rows when nobody else can: made once, no password."""
    user = User.objects.filter(email=SEED_USER_EMAIL).first()
    if user is not None:
        return user, False
    agency = Agency.objects.filter(kind=Agency.Kind.CHILDRENS_SOCIAL_WORK).order_by("name").first()
    user = user_create(
        actor=None,
        email=SEED_USER_EMAIL,
        full_name=SEED_USER_NAME,
        role=Role.COORDINATOR,
        password=None,
        agency=agency,
        job_title="Synthetic demo data",
        validate=False,
    )
    return user, True


def staff_resolve() -> Staff:
    """Who the seeded records name, preferring the demo sign-ins (see the package's notes)."""
    from mace.demo.users import demo_email

    recording = (Role.COORDINATOR, Role.CHAIR, Role.MEMBER)
    demo = {
        user.role: user
        for user in User.objects.filter(
            email__in=[demo_email(role) for role in recording], is_active=True
        )
    }
    leads = [demo[role] for role in (Role.COORDINATOR, Role.CHAIR) if role in demo]
    member = demo.get(Role.MEMBER)
    if not leads:
        leads = list(
            User.objects.filter(role__in=[Role.COORDINATOR, Role.CHAIR], is_active=True)
            .exclude(email=SEED_USER_EMAIL)
            .order_by("email")[:4]
        )
    police = [member] if member is not None else []
    if not leads and not police:
        police = list(User.objects.filter(role=Role.MEMBER, is_active=True).order_by("email")[:4])
    system_user = False
    if not leads:
        if police:
            leads = police
        else:
            leads = [seed_user_ensure()[0]]
            system_user = True
    return Staff(
        leads=tuple((u.pk, u.agency_id) for u in leads),
        police=tuple((u.pk, u.agency_id) for u in police),
        member_id=member.pk if member is not None else None,
        system_user=system_user,
    )


def active_catalogue() -> Catalogue:
    """The active catalogue; the bundled one is loaded (as after migrate) if none is."""
    catalogue = Catalogue.objects.filter(is_active=True).first()
    if catalogue is not None:
        return catalogue
    from mace.risk.catalogues import BUNDLED
    from mace.risk.services.catalogue import catalogue_load

    return catalogue_load(
        actor=None, text=BUNDLED.read_text(), activate_if_none=True, if_present="skip"
    )
