"""The demo's seeded city, shared by every test in this package: `mace seed` runs once, before
the package's first test, and its transaction is rolled back after the last. Each test reads
it in a savepoint of its own, so what one test writes is gone before the next. A test that
needs an empty database belongs outside this package."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from tests.factories.demo import DEMO_SEED_PASSWORD as PASSWORD


@dataclass
class Seeded:
    output: str  # what mace seed printed
    console: str  # what else reached the console (emails, with the console backend)
    emails: int  # emails delivered while seeding


@pytest.fixture(scope="package")
def seeded(django_db_setup, django_db_blocker):
    """A small city seeded by `mace seed` on an empty database (no demo users yet), once for
    the package; each test reads it in its own savepoint, and it is rolled back after.

    Emails go to the console, as in the demo, and commit callbacks run at once, as when the
    command's own transaction commits (here it is inside the test's transaction)."""
    out, console = io.StringIO(), io.StringIO()
    settings = override_settings(
        MACE_DEMO_PASSWORD=PASSWORD,
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    commit_now = mock.patch.object(
        transaction, "on_commit", lambda func, using=None, robust=False: func()
    )
    with django_db_blocker.unblock(), settings, transaction.atomic():
        mail.outbox = []
        with commit_now, contextlib.redirect_stdout(console):
            call_command("seed", children=120, seed=5, stdout=out)
        yield Seeded(output=out.getvalue(), console=console.getvalue(), emails=len(mail.outbox))
        transaction.set_rollback(True)
