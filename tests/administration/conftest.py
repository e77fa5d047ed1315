"""Fixtures for the administration tests: an administrator, a signed-in client for them,
an invitation with its token (read from the email, as the invitee would)."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from mace.accounts.models import Role

LINK_BASE = "http://testserver/invitation/"


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, email="admin@test.example", full_name="Ada Admin")


@pytest.fixture
def admin_client(admin, signed_in):
    return signed_in(admin)


def token_from_mail(message) -> str:
    match = re.search(r"/invitation/([A-Za-z0-9_-]+)/", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def invite(admin, django_capture_on_commit_callbacks):
    """Invite someone through the service; returns (invitation, token from the email)."""
    from mace.accounts.administration import user_invite

    def _invite(role=Role.MEMBER, email="new.person@test.example", agency=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = user_invite(
                actor=admin,
                email=email,
                full_name=kwargs.pop("full_name", "Nadia Newcomer"),
                role=role,
                agency=agency,
                link_base=LINK_BASE,
                **kwargs,
            )
        return invitation, token_from_mail(mail.outbox[-1])

    return _invite
