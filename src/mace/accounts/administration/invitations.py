"""Invitations: a one-time emailed link with which an invited user chooses their password.

A link never signs anyone in: the invitee then signs in with the password and, for every
role but referrer, enrols two-factor authentication. Only the token's hash is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from mace.accounts.administration.common import agency_label, require_administrator
from mace.accounts.models import Agency, Invitation, Role, User
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock, mail

INVITATION_LIFETIME = dt.timedelta(days=7)

# Django's password validators, said the GOV.UK way (by the validators' error codes).
PASSWORD_MESSAGES = {
    "password_too_short": "Your password must be 12 characters or more",
    "password_too_common": "Your password is too common. Choose one that is harder to guess",
    "password_entirely_numeric": "Your password must include letters or symbols, not only numbers",
    "password_too_similar": "Your password must not be like your name or email address",
}
LINK_PROBLEM = "This invitation link does not work. Ask your administrator for a new invitation."


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def _invitation_issue(*, actor, user: User, link_base: str) -> tuple[Invitation, int]:
    """Revoke the user's older links, store a new one's hash, email it once committed."""
    now = clock.now()
    revoked = Invitation.objects.filter(
        user=user, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        token_hash=token_hash(token),
        created_at=now,
        created_by=actor,
        expires_at=now + INVITATION_LIFETIME,
    )
    body = render_to_string(
        "accounts/email/invitation.txt",
        {
            "user": user,
            "url": f"{link_base.rstrip('/')}/{token}/",
            "days": INVITATION_LIFETIME.days,
            "expires_at": invitation.expires_at,
            "service_name": settings.MACE_SERVICE_NAME,
            "partnership_name": settings.MACE_PARTNERSHIP_NAME,
        },
    )
    email = user.email
    mail.send_after_commit(
        [
            EmailMessage(
                f"You are invited to {settings.MACE_SERVICE_NAME}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
        ]
    )
    return invitation, revoked


def user_invite(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: str,
    agency: Agency | None,
    job_title: str = "",
    link_base: str,
) -> Invitation:
    """Create a user with no usable password and email them a one-time invitation link."""
    require_administrator(actor)
    email = User.objects.normalize_email((email or "").strip()).lower()
    errors = {}
    if role not in Role.values:
        errors["role"] = "Choose the user's role"
    if email and User.objects.filter(email=email).exists():
        errors["email"] = f"There is already a user with the email address {email}"
    if agency is not None and not agency.is_active:
        errors["agency"] = "This agency is switched off. Choose another agency"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = User(
            email=email,
            full_name=(full_name or "").strip(),
            role=role,
            agency=agency,
            job_title=(job_title or "").strip(),
            is_staff=role == Role.ADMIN,
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        invitation, _ = _invitation_issue(actor=actor, user=user, link_base=link_base)
        event_record(
            actor=actor,
            verb=Event.Verb.USER_INVITED,
            obj=user,
            payload={
                "email": email,
                "role": role,
                "agency": agency_label(agency),
                "invitation": str(invitation.pk),
                "expires_at": invitation.expires_at.isoformat(),
            },
        )
    return invitation


def user_reinvite(*, actor: User, user: User, link_base: str) -> Invitation:
    """Send a new invitation link; the older links stop working."""
    require_administrator(actor)
    if not user.is_active:
        raise ValidationError("This user is switched off. Switch them back on first.")
    if user.has_usable_password():
        raise ValidationError(
            "This user has already chosen a password. They sign in with it: there is "
            "nothing to accept."
        )
    with transaction.atomic():
        invitation, revoked = _invitation_issue(actor=actor, user=user, link_base=link_base)
        event_record(
            actor=actor,
            verb=Event.Verb.USER_INVITED,
            obj=user,
            payload={
                "email": user.email,
                "again": True,
                "revoked": revoked,
                "invitation": str(invitation.pk),
                "expires_at": invitation.expires_at.isoformat(),
            },
        )
    return invitation


def _invitation_problem(invitation: Invitation | None, now) -> str | None:
    if invitation is None:
        return LINK_PROBLEM
    if invitation.accepted_at is not None:
        return "This invitation has already been used. Sign in with the password you chose."
    if invitation.revoked_at is not None:
        return (
            "This invitation link has been replaced or withdrawn. Use the newest invitation "
            "you were sent, or ask your administrator for a new one."
        )
    if invitation.expires_at <= now:
        return "This invitation has expired. Ask your administrator for a new invitation."
    user = invitation.user
    if not user.is_active:
        return "This account has been switched off. Contact your administrator."
    if user.has_usable_password():
        return "You have already chosen a password. Sign in with it."
    return None


def invitation_check(*, token: str) -> Invitation:
    """The pending invitation for this token, or ValidationError saying why it cannot be used.

    Reading the link changes nothing (mail scanners open links); only accepting does.
    """
    invitation = (
        Invitation.objects.select_related("user").filter(token_hash=token_hash(token or "")).first()
    )
    problem = _invitation_problem(invitation, clock.now())
    if problem:
        raise ValidationError(problem)
    return invitation


def password_problems(password: str, user: User) -> list[str]:
    """Django's password validators' verdict on ``password``, in GOV.UK wording."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return [
            PASSWORD_MESSAGES.get(error.code, " ".join(error.messages)) for error in exc.error_list
        ]
    return []


def invitation_accept(*, token: str, password: str) -> User:
    """Set the invited user's password and use the link up. Signs nobody in."""
    now = clock.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=token_hash(token or ""))
            .first()
        )
        problem = _invitation_problem(invitation, now)
        if problem is None:
            user = invitation.user
            problems = password_problems(password, user)
            if problems:
                raise ValidationError({"password": problems})
            user.set_password(password)
            user.save(update_fields=["password"])
            invitation.accepted_at = now
            invitation.save(update_fields=["accepted_at"])
            event_record(actor=user, verb=Event.Verb.INVITATION_ACCEPTED, obj=invitation)
            return user
    # Logged outside the transaction above, which changed nothing.
    event_record(
        actor=None,
        verb=Event.Verb.SIGN_IN_LINK_REJECTED,
        obj=invitation,
        actor_email=invitation.user.email if invitation is not None else "",
        payload={"link": "invitation", "problem": problem},
    )
    raise ValidationError(problem)
