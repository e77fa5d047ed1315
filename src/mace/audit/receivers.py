"""Sign-in, sign-out and lockout go to the audit log."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from mace.audit.models import Event
from mace.audit.services import event_record


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    event_record(actor=user, verb=Event.Verb.SIGNED_IN)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        event_record(actor=user, verb=Event.Verb.SIGNED_OUT)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    email = str(credentials.get("username") or credentials.get("email") or "")
    event_record(actor=None, verb=Event.Verb.SIGN_IN_FAILED, actor_email=email)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    event_record(actor=None, verb=Event.Verb.LOCKED_OUT, actor_email=username or "")
