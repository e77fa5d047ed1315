"""What the administrator does to users and agencies (never case data)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts.administration.common import agency_label, pending, require_administrator
from mace.accounts.administration.sessions import user_sessions_end
from mace.accounts.models import Agency, Invitation, Role, User
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock


def users_for_administration(
    *,
    actor,
    query: str = "",
    role: str = "",
    agency: Agency | None = None,
    active: str = "",
) -> QuerySet[User]:
    """Users filtered for the administrator's list, each marked ``invited`` if an invitation
    is waiting (one query, whatever the number of users)."""
    require_administrator(actor)
    users = User.objects.select_related("agency").annotate(
        invited=Exists(Invitation.objects.filter(pending(), user=OuterRef("pk")))
    )
    if query:
        users = users.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    if role:
        users = users.filter(role=role)
    if agency is not None:
        users = users.filter(agency=agency)
    if active == "yes":
        users = users.filter(is_active=True)
    elif active == "no":
        users = users.filter(is_active=False)
    return users.order_by("full_name", "email")


def invitations_pending_count() -> int:
    """How many invitations are waiting to be accepted."""
    return Invitation.objects.filter(pending()).count()


def invitation_latest(*, user: User) -> Invitation | None:
    """The user's newest invitation, whatever its state."""
    return user.invitations.order_by("-created_at").first()


def has_confirmed_authenticator(user: User) -> bool:
    """Has the user set up an authenticator app?"""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# Changing, switching off and on --------------------------------------------------------


def user_change(
    *,
    actor: User,
    user: User,
    full_name: str,
    job_title: str,
    role: str,
    agency: Agency | None,
) -> User:
    """Change a user's name, job title, role or agency; the audit row keeps before and after."""
    require_administrator(actor)
    if role not in Role.values:
        raise ValidationError({"role": "Choose the user's role"})
    if user.pk == actor.pk and role != Role.ADMIN:
        raise ValidationError(
            {
                "role": "You cannot remove your own administrator role. Ask another "
                "administrator to do it"
            }
        )
    if agency is not None and not agency.is_active and agency.pk != user.agency_id:
        raise ValidationError({"agency": "This agency is switched off. Choose another agency"})
    new = {
        "full_name": (full_name or "").strip(),
        "job_title": (job_title or "").strip(),
        "role": role,
        "agency": agency,
        "is_staff": role == Role.ADMIN,
    }
    changes = {}
    for field, value in new.items():
        old = getattr(user, field)
        if old != value:
            if field == "agency":
                old, value = agency_label(old), agency_label(value)
            changes[field] = {"before": old, "after": value}
    if not changes:
        return user
    with transaction.atomic():
        for field, value in new.items():
            setattr(user, field, value)
        user.full_clean(exclude=["password"])
        user.save(update_fields=list(changes))
        event_record(actor=actor, verb=Event.Verb.USER_CHANGED, obj=user, payload=changes)
    return user


def user_switch_off(*, actor: User, user: User) -> int:
    """Switch a leaver off at once: no sign-in by any route, every session ended, every
    invitation withdrawn. Returns how many sessions were ended."""
    require_administrator(actor)
    if user.pk == actor.pk:
        raise ValidationError("You cannot switch yourself off. Ask another administrator to do it.")
    if not user.is_active:
        raise ValidationError("This user is already switched off.")
    now = clock.now()
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        ended = user_sessions_end(user=user)
        withdrawn = Invitation.objects.filter(
            user=user, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        event_record(
            actor=actor,
            verb=Event.Verb.USER_SWITCHED_OFF,
            obj=user,
            payload={"sessions_ended": ended, "invitations_withdrawn": withdrawn},
        )
    return ended


def user_switch_on(*, actor: User, user: User) -> User:
    """Switch a user back on (they sign in with their password as before)."""
    require_administrator(actor)
    if user.is_active:
        raise ValidationError("This user is already switched on.")
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        event_record(actor=actor, verb=Event.Verb.USER_SWITCHED_ON, obj=user)
    return user


def two_factor_reset(*, actor: User, user: User) -> int:
    """Remove the user's authenticators and end their sessions: they enrol a new one at their
    next sign-in with their password. Returns how many authenticators were removed."""
    require_administrator(actor)
    if user.pk == actor.pk:
        raise ValidationError(
            "You cannot reset your own two-factor authentication. Ask another administrator."
        )
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        ended = user_sessions_end(user=user)
        event_record(
            actor=actor,
            verb=Event.Verb.TWO_FACTOR_RESET,
            obj=user,
            payload={"devices_removed": removed, "sessions_ended": ended},
        )
    return removed


# Agencies ------------------------------------------------------------------------------


def _agency_name_taken(name: str, exclude=None) -> bool:
    agencies = Agency.objects.filter(name__iexact=name)
    if exclude is not None:
        agencies = agencies.exclude(pk=exclude.pk)
    return agencies.exists()


def agency_create(*, actor: User, name: str, kind: str) -> Agency:
    """Add a partner agency."""
    require_administrator(actor)
    name = (name or "").strip()
    if name and _agency_name_taken(name):
        raise ValidationError({"name": f"There is already an agency called {name}"})
    with transaction.atomic():
        agency = Agency(name=name, kind=kind)
        agency.full_clean()
        agency.save()
        event_record(
            actor=actor,
            verb=Event.Verb.AGENCY_CREATED,
            obj=agency,
            payload={"name": name, "kind": kind},
        )
    return agency


def agency_update(*, actor: User, agency: Agency, name: str, kind: str, is_active: bool) -> Agency:
    """Rename an agency, change its kind, or switch it off or on."""
    require_administrator(actor)
    name = (name or "").strip()
    if name and _agency_name_taken(name, exclude=agency):
        raise ValidationError({"name": f"There is already an agency called {name}"})
    new = {"name": name, "kind": kind, "is_active": is_active}
    changes = {
        field: {"before": getattr(agency, field), "after": value}
        for field, value in new.items()
        if getattr(agency, field) != value
    }
    if not changes:
        return agency
    with transaction.atomic():
        for field, value in new.items():
            setattr(agency, field, value)
        agency.full_clean()
        agency.save(update_fields=list(changes))
        event_record(actor=actor, verb=Event.Verb.AGENCY_CHANGED, obj=agency, payload=changes)
    return agency
