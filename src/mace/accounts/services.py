"""Writes about users and their second factor."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts.models import Agency, Role, User
from mace.accounts.permissions import can_administer
from mace.accounts.ratelimit import (
    rate_limit_check,
    rate_limit_refusal,
    serialised,
    wait_phrase,
)
from mace.audit.models import Event
from mace.audit.services import event_record


def user_create(
    *,
    actor: User | None,
    email: str,
    full_name: str,
    role: str,
    password: str | None,
    agency: Agency | None = None,
    job_title: str = "",
    validate: bool = True,
) -> User:
    """Create a user. ``actor`` None means the command line (an operator on the server)."""
    if actor is not None and not can_administer(actor):
        raise PermissionDenied("Only an administrator creates users.")
    if role not in Role.values:
        raise ValidationError(
            {"role": f"Unknown role {role!r}; choose from {', '.join(Role.values)}"}
        )
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        if User.objects.filter(email=email).exists():
            raise ValidationError({"email": f"A user with the email {email} already exists"})
        user = User(
            email=email,
            full_name=full_name,
            role=role,
            agency=agency,
            job_title=job_title,
            is_staff=role == Role.ADMIN,
        )
        if password is None:
            user.set_unusable_password()
        else:
            if validate:
                validate_password(password, user)
            user.set_password(password)
        user.full_clean()
        user.save()
        event_record(actor=actor, verb=Event.Verb.USER_CREATED, obj=user, payload={"role": role})
    return user


# How a session signed in. Only a session that signed in with the password may enrol an
# authenticator or pass the second factor: an emailed link (referrers only) never reaches a
# staff account (docs/adr/0012-sign-in-links-and-rate-limits.md).
SESSION_SIGNED_IN_WITH = "mace_signed_in_with"
SIGNED_IN_WITH_PASSWORD = "password"  # noqa: S105 (the name of a method, not a secret)
SIGNED_IN_WITH_REFERRER_LINK = "referrer-link"


def session_mark_signed_in(*, session, method: str) -> None:
    """Record in the session how its user just signed in (call it after ``login()``)."""
    session[SESSION_SIGNED_IN_WITH] = method


def session_signed_in_with_password(*, session) -> bool:
    """Did this session sign in with the password? Deny if it does not say so."""
    return session.get(SESSION_SIGNED_IN_WITH) == SIGNED_IN_WITH_PASSWORD


def _two_factor_limit_check(*, user: User) -> None:
    """Refuse (audited) any code once the user has entered too many wrong ones.

    Counts this user's wrong codes since their last right one, within the window; checked
    before the code is, so that the code after the limit is refused even if it is right.
    """
    window = dt.timedelta(minutes=settings.MACE_TWO_FACTOR_FAILURES_MINUTES)
    if not rate_limit_check(
        key_kind="user",
        key=user.pk,
        verb=Event.Verb.TWO_FACTOR_FAILED,
        limit=settings.MACE_TWO_FACTOR_FAILURES,
        window=window,
        reset_by=(Event.Verb.TWO_FACTOR_VERIFIED, Event.Verb.TWO_FACTOR_ENROLLED),
    ):
        raise rate_limit_refusal(
            limit_name="two_factor_code",
            message="You have entered too many wrong codes. "
            f"Wait {wait_phrase(window)}, then try again.",
            limit=settings.MACE_TWO_FACTOR_FAILURES,
            window=window,
            actor=user,
        )


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def totp_device_confirm(*, user: User, token: str) -> TOTPDevice | None:
    """Confirm enrolment with the first code the app shows; None if the code is wrong.

    Raises ``RateLimited`` after too many wrong codes.
    """
    with serialised(f"two-factor:{user.pk}"):
        _two_factor_limit_check(user=user)
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None or not device.verify_token(_clean_token(token)):
            event_record(actor=user, verb=Event.Verb.TWO_FACTOR_FAILED)
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        event_record(actor=user, verb=Event.Verb.TWO_FACTOR_ENROLLED, obj=device)
        return device


def totp_verify(*, user: User, token: str) -> TOTPDevice | None:
    """Check a code against the user's confirmed devices; None (and logged) if none matches.

    Raises ``RateLimited`` after too many wrong codes.
    """
    token = _clean_token(token)
    with serialised(f"two-factor:{user.pk}"):
        _two_factor_limit_check(user=user)
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
            allowed, _ = device.verify_is_allowed()
            if allowed and device.verify_token(token):
                event_record(actor=user, verb=Event.Verb.TWO_FACTOR_VERIFIED, obj=device)
                return device
        event_record(actor=user, verb=Event.Verb.TWO_FACTOR_FAILED)
        return None


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def _clean_token(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())
