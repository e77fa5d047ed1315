"""The audit rows of accepting an invitation: accepted by the invitee, or the link refused
(used, replaced, expired, unknown, account switched off), each called directly."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mace.accounts.administration import (
    invitation_accept,
    user_invite,
    user_reinvite,
    user_switch_off,
)
from mace.accounts.models import Invitation, Role
from mace.audit.models import Event
from mace.core import clock
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

LINK_BASE = "http://testserver/invitation/"
PASSWORD = "roundhay-park-mansion-42"
INVITEE = "grace.mensah@leeds.gov.example"


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMIN, email="priya.shah@leeds.gov.example", full_name="Priya Shah")


def _token_from_last_email() -> str:
    match = re.search(r"/invitation/([A-Za-z0-9_-]+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


@pytest.fixture
def invited(administrator, commits_as_in_production):
    """Grace Mensah invited as a member of the police; (invitation, token from her email)."""
    invitation = user_invite(
        actor=administrator,
        email=INVITEE,
        full_name="Grace Mensah",
        role=Role.MEMBER,
        agency=AgencyFactory(name="West Yorkshire Police"),
        link_base=LINK_BASE,
    )
    return invitation, _token_from_last_email()


def test_accepting_an_invitation_is_recorded_as_the_invitee_with_the_invitation(invited, audited):
    invitation, token = invited
    user = invitation_accept(token=token, password=PASSWORD)
    assert user == invitation.user
    assert user.check_password(PASSWORD)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    event = audited(Event.Verb.INVITATION_ACCEPTED, actor=user, child=None, obj=invitation)
    assert event.actor_email == INVITEE
    audited(Event.Verb.SIGN_IN_LINK_REJECTED, count=0)


def test_a_weak_password_accepts_nothing_and_leaves_no_row(invited, audited):
    invitation, token = invited
    with pytest.raises(ValidationError) as refused:
        invitation_accept(token=token, password="password")
    assert "password" in refused.value.message_dict
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not invitation.user.has_usable_password()
    audited(Event.Verb.INVITATION_ACCEPTED, count=0)
    # A password the validators refuse is a form error, not a refused link.
    audited(Event.Verb.SIGN_IN_LINK_REJECTED, count=0)


def test_an_invitation_used_twice_is_refused_the_second_time_and_the_refusal_recorded(
    invited, audited
):
    invitation, token = invited
    invitation_accept(token=token, password=PASSWORD)
    with pytest.raises(ValidationError, match="already been used"):
        invitation_accept(token=token, password="another-long-passphrase-9")
    audited(Event.Verb.INVITATION_ACCEPTED, count=1)
    event = audited(Event.Verb.SIGN_IN_LINK_REJECTED, actor=None, obj=invitation)
    assert event.actor_email == INVITEE
    assert event.payload["link"] == "invitation"
    assert "already been used" in event.payload["problem"]
    invitation.user.refresh_from_db()
    assert invitation.user.check_password(PASSWORD)


def test_an_expired_invitation_is_refused_and_the_refusal_recorded(invited, audited):
    invitation, token = invited
    with (
        clock.set_to(invitation.expires_at + dt.timedelta(minutes=1)),
        pytest.raises(ValidationError, match="expired"),
    ):
        invitation_accept(token=token, password=PASSWORD)
    audited(Event.Verb.INVITATION_ACCEPTED, count=0)
    event = audited(Event.Verb.SIGN_IN_LINK_REJECTED, actor=None, obj=invitation)
    assert "expired" in event.payload["problem"]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_replaced_invitation_is_refused_and_the_refusal_recorded(administrator, invited, audited):
    old, old_token = invited
    newer = user_reinvite(actor=administrator, user=old.user, link_base=LINK_BASE)
    assert newer.pk != old.pk
    with pytest.raises(ValidationError, match="replaced or withdrawn"):
        invitation_accept(token=old_token, password=PASSWORD)
    audited(Event.Verb.INVITATION_ACCEPTED, count=0)
    audited(Event.Verb.SIGN_IN_LINK_REJECTED, actor=None, obj=old)


def test_an_invitation_of_a_switched_off_user_is_refused_and_the_refusal_recorded(
    administrator, invited, audited
):
    invitation, token = invited
    user_switch_off(actor=administrator, user=invitation.user)
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password=PASSWORD)
    audited(Event.Verb.INVITATION_ACCEPTED, count=0)
    event = audited(Event.Verb.SIGN_IN_LINK_REJECTED, actor=None, obj=invitation)
    # Switching off withdrew the link first: that is what the refusal says.
    assert "replaced or withdrawn" in event.payload["problem"]
    assert not Invitation.objects.get(pk=invitation.pk).user.has_usable_password()


def test_an_unknown_invitation_token_is_refused_and_recorded_with_no_object(invited, audited):
    with pytest.raises(ValidationError, match="does not work"):
        invitation_accept(token="not-a-token-anyone-was-sent", password=PASSWORD)
    audited(Event.Verb.INVITATION_ACCEPTED, count=0)
    event = audited(Event.Verb.SIGN_IN_LINK_REJECTED, actor=None)
    assert (event.object_type, event.object_id, event.actor_email) == ("", "", "")
    assert event.payload == {
        "link": "invitation",
        "problem": "This invitation link does not work. Ask your administrator for a new "
        "invitation.",
    }
