"""Referrers without accounts sign in with a one-time link sent to their work email."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mace.accounts.models import Role, User
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.referrals.models import AllowedDomain, SignInLink

LINK_LIFETIME = dt.timedelta(minutes=30)


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


def signin_link_request(*, email: str, link_base: str) -> SignInLink:
    """Email a single-use sign-in link valid for 30 minutes to an allowed work address."""
    email = User.objects.normalize_email(email.strip()).lower()
    if not domain_allowed(email):
        raise ValidationError(
            {
                "email": "Use your work email address. This service accepts addresses of public "
                "services and approved organisations, for example name@leeds.gov.uk"
            }
        )
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = SignInLink.objects.create(
            email=email, token_hash=_hash(token), expires_at=timezone.now() + LINK_LIFETIME
        )
        url = f"{link_base.rstrip('/')}/{token}/"
        body = render_to_string(
            "referrals/email/sign_in_link.txt",
            {
                "url": url,
                "minutes": int(LINK_LIFETIME.total_seconds() // 60),
                "service_name": settings.MACE_SERVICE_NAME,
            },
        )
        transaction.on_commit(
            lambda: send_mail(
                "Your sign-in link for MACE referrals", body, settings.DEFAULT_FROM_EMAIL, [email]
            )
        )
    return link


def signin_link_consume(*, token: str) -> User:
    """Use a sign-in link once: the referrer's account (created on first use) or an error."""
    now = timezone.now()
    with transaction.atomic():
        link = SignInLink.objects.select_for_update().filter(token_hash=_hash(token)).first()
        if link is None:
            raise ValidationError("This sign-in link is not valid. Ask for a new one.")
        if link.used_at is not None:
            raise ValidationError("This sign-in link has already been used. Ask for a new one.")
        if link.expires_at <= now:
            raise ValidationError("This sign-in link has expired. Ask for a new one.")
        link.used_at = now
        link.save(update_fields=["used_at"])
        user = User.objects.filter(email=link.email).first()
        if user is None:
            user = User(email=link.email, full_name=link.email.split("@")[0], role=Role.REFERRER)
            user.set_unusable_password()
            user.save()
            event_record(
                actor=None, verb=Event.Verb.USER_CREATED, obj=user, payload={"via": "sign-in link"}
            )
        if not user.is_active:
            raise ValidationError("This account has been switched off.")
    return user
