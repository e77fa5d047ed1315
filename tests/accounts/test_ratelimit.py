"""The limiter itself (mace.accounts.ratelimit): what it counts, and how a wait is said.
The limit on each form is tested in tests/security/test_rate_limits.py."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from mace.accounts.ratelimit import rate_limit_check, wait_phrase
from mace.audit.models import Event

pytestmark = pytest.mark.django_db


def _later(minutes: float):
    """Move the clock on: the audit log's timestamps and the limits' windows both move."""
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(minutes=minutes)
    )


def test_the_limiter_counts_only_its_verbs_and_key_within_the_window(make_user):
    from mace.audit.services import event_record

    window = dt.timedelta(minutes=15)
    check = {"key_kind": "email", "verb": Event.Verb.SIGN_IN_LINK_SENT, "limit": 2}
    for _ in range(2):
        event_record(actor=None, verb=Event.Verb.SIGN_IN_LINK_SENT, actor_email="a@test.example")
    event_record(actor=None, verb=Event.Verb.SIGN_IN_FAILED, actor_email="b@test.example")
    assert not rate_limit_check(key="a@test.example", window=window, **check)
    assert rate_limit_check(key="b@test.example", window=window, **check)
    assert rate_limit_check(key=None, window=window, **check)  # nothing to count by
    with _later(16):
        assert rate_limit_check(key="a@test.example", window=window, **check)


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(1, "1 minute"), (15, "15 minutes"), (60, "an hour"), (120, "2 hours"), (90, "90 minutes")],
)
def test_the_wait_is_said_in_words(minutes, words):
    assert wait_phrase(dt.timedelta(minutes=minutes)) == words
