"""Rate limits counted from the audit log, and the lockout status every sign-in route checks.

A limit counts the audit events that an action has already written (a sign-in link sent, a
wrong two-factor code) for one key (an address, a client IP address, a user) within a
sliding window. Nothing else is stored: the audit log is the counter, so a limit holds
across processes and servers, and the refusals are themselves in the log. See
docs/adr/0012-sign-in-links-and-rate-limits.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import HttpRequest

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock, context

# Which Event column holds each kind of key.
_KEY_FIELDS = {"email": "actor_email", "ip": "ip_address", "user": "actor_id"}


class RateLimited(ValidationError):
    """Raised by a service when a limit refuses the request; the message is for the user.

    ``record()`` writes the refusal to the audit log; ``serialised`` calls it once the
    refused request's own transaction has rolled back, so the refusal stays in the log.
    """

    def __init__(self, message: str, *, limit: str, audit: dict | None = None):
        super().__init__(message, code="rate_limited")
        self.limit = limit
        self.audit = audit
        self.recorded = False

    def record(self) -> None:
        if self.audit is not None and not self.recorded:
            event_record(verb=Event.Verb.RATE_LIMITED, **self.audit)
            self.recorded = True


@contextmanager
def serialised(*keys: str):
    """One transaction in which a limit is checked and the request's own events written,
    with nobody else counting the same keys meanwhile (on PostgreSQL, an advisory lock per
    key until the transaction ends; SQLite writes one transaction at a time anyway). Without
    it, requests sent at once would all be counted before any was written, and all pass.
    Keys are locked in the order given: callers give them in one fixed order."""
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    for key in keys:
                        cursor.execute(
                            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key]
                        )
            yield
    except RateLimited as refused:
        refused.record()
        raise


def wait_phrase(window: dt.timedelta) -> str:
    """The window in words for a message: "15 minutes", "an hour", "2 hours"."""
    minutes = max(1, round(window.total_seconds() / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return "an hour" if hours == 1 else f"{hours} hours"
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def rate_limit_count(
    *,
    key_kind: str,
    key,
    verb: str | Iterable[str],
    window: dt.timedelta,
    reset_by: Iterable[str] = (),
) -> int:
    """How many events of ``verb`` this key has written within the window.

    ``reset_by`` names verbs that start the count afresh (a correct code after wrong ones):
    only events after the latest of those, within the window, count.
    """
    verbs = [verb] if isinstance(verb, str) else list(verb)
    since = clock.now() - window
    rows = Event.objects.filter(**{_KEY_FIELDS[key_kind]: key}, at__gte=since)
    reset_verbs = list(reset_by)
    if reset_verbs:
        last_reset = (
            rows.filter(verb__in=reset_verbs).order_by("-at").values_list("at", flat=True).first()
        )
        if last_reset is not None:
            rows = rows.filter(at__gt=last_reset)
    return rows.filter(verb__in=verbs).count()


def rate_limit_check(
    *,
    key_kind: str,
    key,
    verb: str | Iterable[str],
    limit: int,
    window: dt.timedelta,
    reset_by: Iterable[str] = (),
) -> bool:
    """True if this key may act again: fewer than ``limit`` events within the window.

    A key of None (no client address known, as from the command line) is never limited.
    """
    if key is None or key == "":
        return True
    count = rate_limit_count(
        key_kind=key_kind, key=key, verb=verb, window=window, reset_by=reset_by
    )
    return count < limit


def rate_limit_refusal(
    *,
    limit_name: str,
    message: str,
    limit: int,
    window: dt.timedelta,
    actor=None,
    actor_email: str = "",
    payload: dict | None = None,
) -> RateLimited:
    """The error to raise for a refused request, carrying its audit row
    (``Event.Verb.RATE_LIMITED``), which ``serialised`` writes after the rollback."""
    audit = {
        "actor": actor,
        "actor_email": actor_email,
        "payload": {
            "limit": limit_name,
            "max": limit,
            "window_minutes": int(window.total_seconds() // 60),
            **(payload or {}),
        },
    }
    return RateLimited(message, limit=limit_name, audit=audit)


def axes_username(request, credentials: dict | None = None) -> str:
    """The account django-axes counts failures against: the address in lower case, however
    it was typed, so that a lock on one spelling holds for every spelling
    (``AXES_USERNAME_CALLABLE``)."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return (username or "").strip().lower()


def account_is_locked(*, email: str) -> bool:
    """Is this account locked out by django-axes (too many wrong passwords)?

    Asks axes' own handler, exactly as its authentication backend does for a password
    sign-in, so that the emailed link (which has no password to try) honours the same lock.
    ``AXES_LOCKOUT_PARAMETERS = ["username"]``: the lock is the account's, not the address's.
    """
    if not settings.AXES_ENABLED:
        return False
    from axes.handlers.proxy import AxesProxyHandler

    request = HttpRequest()
    ctx = context.current()
    if ctx.ip_address:
        request.META["REMOTE_ADDR"] = ctx.ip_address
    request.META["HTTP_USER_AGENT"] = ctx.user_agent
    request.META["PATH_INFO"] = ctx.path
    return not AxesProxyHandler.is_allowed(request, credentials={"username": email})
