"""The invitation trust path: a link lets a person choose a password once, never signs
anyone in, and fails for every account state it must fail for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mace.accounts import administration as services
from mace.accounts.models import Invitation, Role
from mace.audit.models import Event
from tests.factories import LINK_BASE, token_from_mail

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "lantern-orchard-pebble-42"


def _accept_url(token: str) -> str:
    return reverse("invitation:accept", args=[token])


def _choose(client, token, password=GOOD_PASSWORD, again=None):
    return client.post(
        _accept_url(token), {"password": password, "password_again": again or password}
    )


def _not_signed_in(client) -> bool:
    return "_auth_user_id" not in client.session


def test_the_email_names_no_token_hash_and_the_link_lands_on_the_password_page(client, invite):
    invitation, token = invite()
    response = client.get(_accept_url(token))
    assert response.status_code == 200
    assert "Choose your password" in response.content.decode()
    assert invitation.user.email in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # opening the link (a mail scanner) changes nothing


@pytest.mark.parametrize("role", Role.values)
def test_every_role_chooses_a_password_is_not_signed_in_then_signs_in_as_usual(
    role, client, invite, settings
):
    settings.MACE_WAIVE_2FA = False
    invitation, token = invite(role=role)
    response = _choose(client, token)
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert _not_signed_in(client)
    assert client.get(reverse("web:home")).url.startswith(reverse("accounts:login"))

    user = invitation.user
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert Event.objects.filter(
        verb=Event.Verb.INVITATION_ACCEPTED, actor=user, object_id=str(invitation.pk)
    ).exists()

    # The normal sign-in: with the password; staff then enrol two-factor authentication.
    client.post(reverse("accounts:login"), {"username": user.email, "password": GOOD_PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)
    landing = client.get(reverse("web:home"))
    if role == Role.REFERRER:
        assert landing.url == reverse("referrals:list")
    else:
        assert landing.url.startswith(reverse("accounts:two_factor"))
        enrol = client.get(landing.url)
        assert "Set up two-factor authentication" in enrol.content.decode()


def _refused(client, token, problem: str) -> None:
    for response in (client.get(_accept_url(token)), _choose(client, token)):
        assert response.status_code == 200
        content = response.content.decode()
        assert "This invitation link does not work" in content
        assert problem in content
        assert "Choose your password" not in content
    assert _not_signed_in(client)


def test_a_used_link_fails(client, invite):
    invitation, token = invite()
    _choose(client, token)
    _refused(client, token, "already been used")
    invitation.user.refresh_from_db()
    assert invitation.user.check_password(GOOD_PASSWORD)  # not changed by the second try


def test_an_expired_link_fails(client, invite):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    _refused(client, token, "has expired")
    invitation.user.refresh_from_db()
    assert not invitation.user.has_usable_password()


def test_a_link_revoked_by_a_new_invitation_fails_and_the_new_one_works(
    admin, client, invite, django_capture_on_commit_callbacks
):
    invitation, old_token = invite()
    with django_capture_on_commit_callbacks(execute=True):
        services.user_reinvite(actor=admin, user=invitation.user, link_base=LINK_BASE)
    new_token = token_from_mail(mail.outbox[-1])
    assert new_token != old_token
    _refused(client, old_token, "replaced or withdrawn")
    assert _choose(client, new_token).status_code == 302


def test_a_link_for_a_switched_off_user_fails(admin, client, invite):
    invitation, token = invite()
    user = invitation.user
    user.is_active = False
    user.save(update_fields=["is_active"])  # switched off without the service: still refused
    _refused(client, token, "switched off")
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_link_withdrawn_by_switching_off_fails_after_switching_back_on(admin, client, invite):
    invitation, token = invite()
    services.user_switch_off(actor=admin, user=invitation.user)
    services.user_switch_on(actor=admin, user=invitation.user)
    _refused(client, token, "replaced or withdrawn")


def test_a_link_for_a_user_who_already_set_a_password_fails(client, invite):
    invitation, token = invite()
    user = invitation.user
    user.set_password("chosen-some-other-way-77")
    user.save(update_fields=["password"])
    _refused(client, token, "already chosen a password")
    user.refresh_from_db()
    assert user.check_password("chosen-some-other-way-77")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: t[:-4],
        lambda t: t + "x",
        lambda t: "x" * 43,
        lambda t: services.token_hash(t),  # the stored hash is not a token
    ],
)
def test_a_tampered_token_fails_and_is_logged(client, invite, tamper):
    invitation, token = invite()
    bad = tamper(token)
    _refused(client, bad, "does not work")
    assert Event.objects.filter(verb=Event.Verb.SIGN_IN_LINK_REJECTED).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    # The real link still works.
    assert _choose(client, token).status_code == 302


def test_refused_attempts_to_use_a_link_are_logged_with_the_invitee(client, invite):
    invitation, token = invite()
    _choose(client, token)
    _choose(client, token)
    event = Event.objects.filter(verb=Event.Verb.SIGN_IN_LINK_REJECTED).latest("id")
    assert event.actor_email == invitation.user.email
    assert "already been used" in event.payload["problem"]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Your password must be 12 characters or more"),
        ("123456789012345", "Your password must include letters or symbols"),
        ("Q1w2e3r4t5y6", "Your password is too common"),
        ("new.person@test.example", "must not be like your name or email address"),
    ],
)
def test_weak_passwords_get_govuk_messages_and_use_nothing_up(client, invite, password, message):
    invitation, token = invite()
    response = _choose(client, token, password=password)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not invitation.user.has_usable_password()


def test_mismatched_passwords_are_caught(client, invite):
    _, token = invite()
    response = _choose(client, token, password=GOOD_PASSWORD, again=GOOD_PASSWORD + "!")
    assert "The passwords do not match" in response.content.decode()


def test_accepting_while_signed_in_as_someone_else_changes_nobody_s_session(
    admin, admin_client, invite
):
    _, token = invite()
    _choose(admin_client, token)
    assert admin_client.session["_auth_user_id"] == str(admin.pk)
