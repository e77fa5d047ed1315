"""Creating users (mace.accounts.services): only an administrator does, weak passwords are
refused, and passwords are hashed with Argon2."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher

from mace.accounts.models import Role
from mace.accounts.services import user_create

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = user_create(
        actor=None,
        email="new.person@test.example",
        full_name="New Person",
        role=Role.MEMBER,
        password="a-long-enough-passphrase",
    )
    assert identify_hasher(user.password).algorithm == "argon2"


def test_weak_passwords_are_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        user_create(
            actor=None, email="weak@test.example", full_name="W", role=Role.MEMBER, password="1234"
        )


def test_only_an_administrator_creates_users(make_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        user_create(
            actor=make_user(Role.COORDINATOR),
            email="x@test.example",
            full_name="X",
            role=Role.MEMBER,
            password=None,
        )
