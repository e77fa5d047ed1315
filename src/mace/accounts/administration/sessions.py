"""Which sessions belong to whom: recorded at sign-in, forgotten at sign-out, ended all at
once when a user is switched off or their second factor is reset."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from mace.accounts.models import User, UserSession


def user_session_track(*, user: User, session_key: str | None) -> None:
    """Remember that this session is the user's, and forget their sessions that are gone."""
    if not session_key:
        return
    if settings.SESSION_ENGINE.startswith("django.contrib.sessions.backends.db"):
        live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
        UserSession.objects.filter(user=user).exclude(session_key__in=live).delete()
    UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


def user_session_forget(*, session_key: str | None) -> None:
    """Forget a session that has ended (on sign-out)."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def user_sessions_end(*, user: User) -> int:
    """End every tracked session of the user (in the caller's transaction)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)
