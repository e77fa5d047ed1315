"""Each sign-in remembers its session for its user, so switching a user off ends them all."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from mace.accounts.administration import user_session_forget, user_session_track


@receiver(user_logged_in, dispatch_uid="accounts_session_track")
def _track_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        user_session_track(user=user, session_key=session.session_key)


@receiver(user_logged_out, dispatch_uid="accounts_session_forget")
def _forget_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        user_session_forget(session_key=session.session_key)
