"""Referrers without accounts sign in with a one-time link sent to their work email.

A link signs in a referrer's account only (created on first use). Staff accounts sign in
with their password and second factor: a link requested for a staff address sends no link,
only an email telling that person to use the sign-in page, and a link that somehow exists
for a staff address is refused when used. The page answers every request alike, so nobody
learns which addresses have accounts. See docs/adr/0012-sign-in-links-and-rate-limits.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from mace.accounts.models import Role, User
from mace.accounts.ratelimit import (
    account_is_locked,
    rate_limit_check,
    rate_limit_refusal,
    serialised,
    wait_phrase,
)
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock, context, mail
from mace.referrals.models import AllowedDomain, SignInLink

LINK_LIFETIME = dt.timedelta(minutes=30)

# What counts towards the request limits: every request that emails the address, a link or
# the "use your password" notice alike, so that neither can be used to flood a mailbox and
# the limit itself tells nobody which kind of account an address has.
_REQUEST_VERBS = (Event.Verb.SIGN_IN_LINK_SENT, Event.Verb.SIGN_IN_LINK_REFUSED)

# Why a link did not sign anyone in: the message for the person holding it, and whether it
# is the link that is no good (gone) or the account that may not use links (refused).
REJECTIONS = {
    "unknown": "This sign-in link is not valid. Ask for a new one.",
    "used": "This sign-in link has already been used. Ask for a new one.",
    "expired": "This sign-in link has expired. Ask for a new one.",
    "staff_account": "Sign-in links are only for referrers. Your account signs in with your "
    "password.",
    "switched_off": "This account has been switched off. Contact your MACE coordinator.",
    "locked": "This account is locked after too many wrong sign-in attempts. Try again in "
    "{wait}, or ask your system administrator to unlock it.",
}
LINK_GONE = frozenset({"unknown", "used", "expired"})


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def allowed_patterns() -> list[str]:
    """Domain patterns from the administrator's list and from MACE_REFERRER_DOMAINS."""
    patterns = list(AllowedDomain.objects.values_list("pattern", flat=True))
    patterns += [p.strip() for p in settings.MACE_REFERRER_DOMAINS.split(",") if p.strip()]
    return [p.lower() for p in patterns]


def domain_allowed(email: str) -> bool:
    """Is this work email on an allowed domain? ``*.gov.uk`` allows any subdomain."""
    domain = email.rsplit("@", 1)[-1].lower().strip()
    for pattern in allowed_patterns():
        if pattern.startswith("*."):
            if domain.endswith(pattern[1:]):
                return True
        elif domain == pattern:
            return True
    return False


def _is_staff_account(user: User | None) -> bool:
    """Any account but a referrer's signs in with its password, never with a link."""
    return user is not None and user.role != Role.REFERRER


def _request_limits_check(*, email: str) -> None:
    """Refuse (audited) a request over the per-address or the per-client limit."""
    per_address = dt.timedelta(minutes=settings.MACE_SIGNIN_LINK_PER_ADDRESS_MINUTES)
    if not rate_limit_check(
        key_kind="email",
        key=email,
        verb=_REQUEST_VERBS,
        limit=settings.MACE_SIGNIN_LINK_PER_ADDRESS,
        window=per_address,
    ):
        raise rate_limit_refusal(
            limit_name="sign_in_link_per_address",
            message="You have asked for too many sign-in links. "
            f"Wait {wait_phrase(per_address)}, then try again.",
            limit=settings.MACE_SIGNIN_LINK_PER_ADDRESS,
            window=per_address,
            actor_email=email,
            payload={"email": email},
        )
    per_client = dt.timedelta(minutes=settings.MACE_SIGNIN_LINK_PER_CLIENT_MINUTES)
    if not rate_limit_check(
        key_kind="ip",
        key=context.current().ip_address,
        verb=_REQUEST_VERBS,
        limit=settings.MACE_SIGNIN_LINK_PER_CLIENT,
        window=per_client,
    ):
        raise rate_limit_refusal(
            limit_name="sign_in_link_per_client",
            message="Too many sign-in links have been asked for from your network. "
            f"Wait {wait_phrase(per_client)}, then try again.",
            limit=settings.MACE_SIGNIN_LINK_PER_CLIENT,
            window=per_client,
            actor_email=email,
            payload={"email": email},
        )


def _send(*, subject: str, template: str, context_: dict, email: str) -> None:
    body = render_to_string(template, {"service_name": settings.MACE_SERVICE_NAME, **context_})
    mail.send_after_commit([EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])])


def signin_link_request(*, email: str, link_base: str, password_url: str = "") -> SignInLink | None:
    """Email a referrer a single-use link valid for 30 minutes, or a staff member a reminder.

    An address of a staff account (any role but referrer) gets no link: it is emailed that
    it signs in with its password at ``password_url``, and None is returned. The caller
    must answer both alike. Raises ``RateLimited`` over a limit, ValidationError for an
    address not on an allowed domain.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    if not domain_allowed(email):
        raise ValidationError(
            {
                "email": "Use your work email address. This service accepts addresses of public "
                "services and approved organisations, for example name@leeds.gov.uk"
            }
        )
    user = User.objects.filter(email=email).first()
    with serialised(
        f"sign-in-link:email:{email}", f"sign-in-link:ip:{context.current().ip_address}"
    ):
        _request_limits_check(email=email)
        if _is_staff_account(user):
            event_record(
                actor=None,
                verb=Event.Verb.SIGN_IN_LINK_REFUSED,
                obj=user,
                actor_email=email,
                payload={"email": email, "role": user.role},
            )
            _send(
                subject="Sign in to MACE with your password",
                template="referrals/email/sign_in_use_password.txt",
                context_={"sign_in_url": password_url},
                email=email,
            )
            return None
        token = secrets.token_urlsafe(32)
        link = SignInLink.objects.create(
            email=email, token_hash=_hash(token), expires_at=clock.now() + LINK_LIFETIME
        )
        event_record(
            actor=None,
            verb=Event.Verb.SIGN_IN_LINK_SENT,
            obj=link,
            actor_email=email,
            payload={"email": email},
        )
        _send(
            subject="Your sign-in link for MACE referrals",
            template="referrals/email/sign_in_link.txt",
            context_={
                "url": f"{link_base.rstrip('/')}/{token}/",
                "minutes": int(LINK_LIFETIME.total_seconds() // 60),
            },
            email=email,
        )
    return link


def _rejection(reason: str) -> ValidationError:
    wait = wait_phrase(dt.timedelta(hours=settings.AXES_COOLOFF_TIME))
    return ValidationError(REJECTIONS[reason].format(wait=wait), code=reason)


def signin_link_consume(*, token: str) -> User:
    """Use a sign-in link once: the referrer's account (created on first use) or an error.

    The error's ``code`` says why (a key of ``REJECTIONS``). A link is spent by its first
    use whatever the outcome, and refused if its address is now a staff account, switched
    off, or locked out by django-axes.
    """
    now = clock.now()
    with transaction.atomic():
        link = SignInLink.objects.select_for_update().filter(token_hash=_hash(token)).first()
        if link is None:
            reason = "unknown"
        elif link.used_at is not None:
            reason = "used"
        elif link.expires_at <= now:
            reason = "expired"
        else:
            link.used_at = now
            link.save(update_fields=["used_at"])
            user = User.objects.filter(email=link.email).first()
            if _is_staff_account(user):
                reason = "staff_account"
            elif user is not None and not user.is_active:
                reason = "switched_off"
            elif account_is_locked(email=link.email):
                reason = "locked"
            else:
                if user is None:
                    user = User(
                        email=link.email,
                        full_name=link.email.split("@")[0],
                        role=Role.REFERRER,
                    )
                    user.set_unusable_password()
                    user.save()
                    event_record(
                        actor=None,
                        verb=Event.Verb.USER_CREATED,
                        obj=user,
                        payload={"via": "sign-in link"},
                    )
                event_record(actor=user, verb=Event.Verb.SIGN_IN_LINK_USED, obj=link)
                return user
        # Written in the transaction that spends the link, which commits: the refusal is
        # kept although the caller is told no.
        event_record(
            actor=None,
            verb=Event.Verb.SIGN_IN_LINK_REJECTED,
            obj=link,
            actor_email=link.email if link else "",
            payload={"reason": reason, **({"email": link.email} if link else {})},
        )
    raise _rejection(reason)
