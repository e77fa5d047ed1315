from __future__ import annotations

import pytest
from django.core.cache import cache

from mace.accounts.models import Role
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    def _make(role: str = Role.COORDINATOR, **kwargs):
        return UserFactory(role=role, is_staff=(role == Role.ADMIN), **kwargs)

    return _make


@pytest.fixture
def signed_in(client, settings):
    """A test client signed in as a user, second factor passed (as after a real sign-in)."""

    def _sign_in(user):
        settings.MACE_WAIVE_2FA = False
        client.force_login(user)
        if user.requires_two_factor:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return _sign_in


@pytest.fixture
def commits_as_in_production(db, monkeypatch):
    """Run on_commit work when the service's transaction ends, as in production.

    A test runs inside a transaction that is never committed, so work a service leaves for
    after its commit would never run (or, with django_capture_on_commit_callbacks, only
    after the whole request). Here an atomic block that returns to the test's own level
    counts as committed: the callbacks registered since the test began run as it exits,
    before the view goes on (requests are not atomic: ATOMIC_REQUESTS is off).
    """
    from django.db import connection, transaction

    base, start = len(connection.atomic_blocks), len(connection.run_on_commit)
    original_exit = transaction.Atomic.__exit__

    def exit_then_commit(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        conn = transaction.get_connection(self.using)
        if exc_type is None and len(conn.atomic_blocks) == base:
            while len(conn.run_on_commit) > start:
                _, callback, _robust = conn.run_on_commit.pop(start)
                callback()
        return result

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_then_commit)
