"""`mace createuser`: an operator creates a user from the command line."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_createuser_makes_a_user_who_can_sign_in(monkeypatch):
    from mace.accounts.models import Agency, Role, User

    Agency.objects.create(name="Youth Justice Service", kind=Agency.Kind.YOUTH_JUSTICE)
    monkeypatch.setenv("MACE_NEW_USER_PASSWORD", "a-long-enough-passphrase")
    # call_command, not cli.main: a command run from argv closes the database connection,
    # which the test's transaction still needs.
    call_command(
        "createuser",
        email="Priya.Shah@YJS.example",
        name="Priya Shah",
        role="member",
        agency="youth justice service",
    )
    user = User.objects.get(email="priya.shah@yjs.example")
    assert user.role == Role.MEMBER
    assert user.agency.name == "Youth Justice Service"
    assert user.check_password("a-long-enough-passphrase")


@pytest.mark.django_db
def test_createuser_explains_an_unknown_agency(monkeypatch):
    monkeypatch.setenv("MACE_NEW_USER_PASSWORD", "a-long-enough-passphrase")
    with pytest.raises(CommandError, match="No agency called 'Nowhere'"):
        call_command(
            "createuser", email="x@test.example", name="X", role="member", agency="Nowhere"
        )
