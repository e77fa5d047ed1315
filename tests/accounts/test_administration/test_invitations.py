"""Inviting a user (mace.accounts.administration.invitations): a user without a password
and a hashed link by email; inviting again revokes the older link."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mace.accounts import administration as services
from mace.accounts.models import Invitation, Role
from mace.audit.models import Event
from tests.factories import LINK_BASE, AgencyFactory

pytestmark = pytest.mark.django_db


def _event(verb, obj) -> Event:
    return Event.objects.get(verb=verb, object_id=str(obj.pk))


def test_inviting_creates_a_user_without_a_password_and_emails_a_hashed_link(admin, invite):
    agency = AgencyFactory(name="West Yorkshire Police")
    invitation, token = invite(role=Role.MEMBER, agency=agency, job_title="Detective Constable")
    user = invitation.user
    assert user.email == "new.person@test.example"
    assert (user.role, user.agency, user.job_title) == (Role.MEMBER, agency, "Detective Constable")
    assert not user.has_usable_password()
    assert user.is_active
    assert token not in invitation.token_hash  # only the hash is stored
    assert Invitation.objects.filter(token_hash=services.token_hash(token)).count() == 1
    event = _event(Event.Verb.USER_INVITED, user)
    assert event.actor == admin
    assert event.payload["role"] == Role.MEMBER
    assert event.payload["agency"] == "West Yorkshire Police"


def test_inviting_an_existing_email_is_refused_clearly(admin, make_user):
    make_user(Role.MEMBER, email="taken@test.example")
    with pytest.raises(ValidationError) as info:
        services.user_invite(
            actor=admin,
            email="Taken@Test.example",
            full_name="Someone",
            role=Role.MEMBER,
            agency=None,
            link_base=LINK_BASE,
        )
    assert "already a user with the email address taken@test.example" in str(info.value)
    assert not Event.objects.filter(verb=Event.Verb.USER_INVITED).exists()


def test_reinviting_revokes_the_older_link(admin, invite):
    first, _ = invite()
    second = services.user_reinvite(actor=admin, user=first.user, link_base=LINK_BASE)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_pending()
    events = Event.objects.filter(verb=Event.Verb.USER_INVITED, object_id=str(first.user.pk))
    assert events.count() == 2
    assert events.first().payload["revoked"] == 1


def test_a_user_with_a_password_cannot_be_reinvited(admin, make_user):
    user = make_user(Role.MEMBER)
    with pytest.raises(ValidationError, match="already chosen a password"):
        services.user_reinvite(actor=admin, user=user, link_base=LINK_BASE)
