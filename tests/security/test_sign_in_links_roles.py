"""A sign-in link never opens a staff account, for every role and every account state.

Links sign in referrers only. A staff address gets the same answer on screen as any other,
no link, and an email saying to sign in with the password. A link that exists for an
address that has since become staff is refused; so are switched-off and locked accounts.
Only a session that signed in with the password may enrol or pass the second factor.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts.models import Role, User
from mace.accounts.services import (
    SESSION_SIGNED_IN_WITH,
    SIGNED_IN_WITH_PASSWORD,
    SIGNED_IN_WITH_REFERRER_LINK,
)
from mace.audit.models import Event
from mace.referrals.models import SignInLink
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

STAFF_ROLES = [role for role in Role if role != Role.REFERRER]
LINK_IN_EMAIL = re.compile(r"http://testserver(/refer/sign-in/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _enforce_two_factor(settings):
    settings.MACE_WAIVE_2FA = False


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a sign-in link; the email goes when the transaction commits."""

    def _ask(email, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("refer:sign_in"), {"email": email}, **extra)

    return _ask


def _link_from_email(message) -> str:
    return LINK_IN_EMAIL.search(message.body).group(1)


def _sign_in_with_password(client, user, password=TEST_PASSWORD, email=None):
    return client.post(
        reverse("accounts:login"), {"username": email or user.email, "password": password}
    )


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _answer(client, response, email: str) -> tuple:
    """What a visitor sees after asking: the redirect and the page it leads to, with the
    address they typed (which the page repeats) and per-response nonces taken out."""
    page = client.get(response.url).content.decode()
    page = page.replace(email, "EMAIL")
    page = re.sub(r'nonce="[^"]*"', 'nonce=""', page)
    return response.status_code, response.url, page


def _signed_in_user_id(client):
    return client.session.get("_auth_user_id")


# --- Asking for a link -------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_asking_for_a_link_sends_a_link_to_a_referrer_and_a_password_notice_to_staff(
    role, ask, make_user
):
    user = make_user(role)
    response = ask(user.email)
    assert response.status_code == 302 and response.url == reverse("refer:sign_in_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    if role == Role.REFERRER:
        assert LINK_IN_EMAIL.search(message.body)
        assert SignInLink.objects.filter(email=user.email).count() == 1
        assert Event.objects.filter(
            verb=Event.Verb.SIGN_IN_LINK_SENT, actor_email=user.email
        ).exists()
    else:
        assert not LINK_IN_EMAIL.search(message.body)
        assert "/refer/sign-in/" not in message.body
        assert "password" in message.body
        assert f"http://testserver{reverse('accounts:login')}" in message.body
        assert not SignInLink.objects.exists()
        refused = Event.objects.get(verb=Event.Verb.SIGN_IN_LINK_REFUSED)
        assert refused.payload == {"email": user.email, "role": role}
        assert refused.object_id == str(user.pk)
        assert not Event.objects.filter(verb=Event.Verb.SIGN_IN_LINK_SENT).exists()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_staff_address_gets_the_same_answer_as_an_unknown_one(role, client, ask, make_user):
    staff = make_user(role)
    unknown = "nobody.yet@test.example"
    staff_answer = _answer(client, ask(staff.email), staff.email)
    unknown_answer = _answer(client, ask(unknown), unknown)
    assert staff_answer == unknown_answer
    assert "Check your email" in staff_answer[2]
    # Both were emailed (one email each, so neither is quicker to answer than the other).
    assert sorted(m.to[0] for m in mail.outbox) == sorted([staff.email, unknown])
    assert _signed_in_user_id(client) is None


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_switched_off_staff_address_gets_the_same_answer_too(role, client, ask, make_user):
    staff = make_user(role, is_active=False)
    unknown = "nobody.yet@test.example"
    assert _answer(client, ask(staff.email), staff.email) == _answer(client, ask(unknown), unknown)
    assert not SignInLink.objects.filter(email=staff.email).exists()


# --- Using a link ------------------------------------------------------------------------


def test_a_link_still_signs_in_an_existing_referrer(client, ask, make_user):
    referrer = make_user(Role.REFERRER)
    ask(referrer.email)
    response = client.post(_link_from_email(mail.outbox[-1]))
    assert response.status_code == 302 and response.url == reverse("referrals:list")
    assert _signed_in_user_id(client) == str(referrer.pk)
    assert client.session[SESSION_SIGNED_IN_WITH] == SIGNED_IN_WITH_REFERRER_LINK
    assert client.get(reverse("referrals:list")).status_code == 200
    assert Event.objects.filter(actor=referrer, verb=Event.Verb.SIGN_IN_LINK_USED).exists()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_link_asked_for_before_the_address_became_staff_is_refused(role, client, ask):
    # Asked for while nobody had this address; an administrator then creates a staff account.
    ask("new.colleague@test.example")
    url = _link_from_email(mail.outbox[-1])
    User.objects.create_user(
        email="new.colleague@test.example", password=TEST_PASSWORD, role=role, full_name="N C"
    )
    response = client.post(url)
    assert response.status_code == 403
    assert "Sign-in links are only for referrers" in response.content.decode()
    assert reverse("accounts:login") in response.content.decode()
    assert _signed_in_user_id(client) is None
    rejected = Event.objects.get(verb=Event.Verb.SIGN_IN_LINK_REJECTED)
    assert rejected.payload == {"reason": "staff_account", "email": "new.colleague@test.example"}
    # The link is spent: it will not work later either, whatever happens to the account.
    assert SignInLink.objects.get().used_at is not None
    assert client.post(url).status_code == 410


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_link_for_a_referrer_whose_role_changed_to_staff_is_refused(role, client, ask, make_user):
    referrer = make_user(Role.REFERRER)
    ask(referrer.email)
    url = _link_from_email(mail.outbox[-1])
    User.objects.filter(pk=referrer.pk).update(role=role)
    assert client.post(url).status_code == 403
    assert _signed_in_user_id(client) is None
    assert not TOTPDevice.objects.filter(user=referrer).exists()


def test_a_link_for_a_switched_off_referrer_is_refused(client, ask, make_user):
    referrer = make_user(Role.REFERRER)
    ask(referrer.email)
    url = _link_from_email(mail.outbox[-1])
    User.objects.filter(pk=referrer.pk).update(is_active=False)
    response = client.post(url)
    assert response.status_code == 403
    assert "switched off" in response.content.decode()
    assert _signed_in_user_id(client) is None
    assert Event.objects.get(verb=Event.Verb.SIGN_IN_LINK_REJECTED).payload["reason"] == (
        "switched_off"
    )


@pytest.mark.parametrize("has_account", [True, False], ids=["referrer", "new-address"])
def test_a_link_for_a_locked_out_address_is_refused(has_account, client, ask, make_user):
    email = make_user(Role.REFERRER).email if has_account else "locked.out@test.example"
    ask(email)
    url = _link_from_email(mail.outbox[-1])
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": email, "password": "a-guess"})
    response = client.post(url)
    assert response.status_code == 403
    assert "locked" in response.content.decode()
    assert _signed_in_user_id(client) is None
    assert User.objects.filter(email=email).exists() is has_account
    assert Event.objects.get(verb=Event.Verb.SIGN_IN_LINK_REJECTED).payload["reason"] == "locked"


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [("use-twice", "used"), ("expire", "expired"), ("unknown", "unknown")],
)
def test_every_link_that_does_not_sign_in_is_audited(spoil, reason, client, ask):
    ask("sw@test.example")
    url = _link_from_email(mail.outbox[-1])
    if spoil == "use-twice":
        client.post(url)
        client.logout()
    elif spoil == "expire":
        from django.utils import timezone

        SignInLink.objects.update(expires_at=timezone.now())
    else:
        url = "/refer/sign-in/not-a-real-token/"
    assert client.post(url).status_code == 410
    rejected = Event.objects.get(verb=Event.Verb.SIGN_IN_LINK_REJECTED)
    assert rejected.payload["reason"] == reason


# --- Every route refuses switched-off and locked accounts ----------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_a_switched_off_account_cannot_sign_in_with_its_password(role, client, make_user):
    user = make_user(role, is_active=False)
    response = _sign_in_with_password(client, user)
    assert response.status_code == 200
    assert "The email address or password is not right" in response.content.decode()
    assert _signed_in_user_id(client) is None


@pytest.mark.parametrize("role", list(Role))
def test_a_locked_account_cannot_sign_in_with_the_right_password(role, client, make_user):
    user = make_user(role)
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _sign_in_with_password(client, user, password="wrong-password")
    locked = _sign_in_with_password(client, user)
    assert locked.status_code in (403, 429)
    assert _signed_in_user_id(client) is None


def test_a_switched_off_users_open_session_is_refused(client, make_user, signed_in):
    user = make_user(Role.REFERRER)
    client = signed_in(user)
    assert client.get(reverse("referrals:list")).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("referrals:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


# --- The second factor needs a password session -------------------------------------------


@pytest.mark.parametrize("how", ["referrer-link", "unmarked"])
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_enrolment_is_refused_to_a_session_that_did_not_sign_in_with_the_password(
    role, how, client, make_user
):
    user = make_user(role)
    client.force_login(user)
    if how == "referrer-link":
        session = client.session
        session[SESSION_SIGNED_IN_WITH] = SIGNED_IN_WITH_REFERRER_LINK
        session.save()
    response = client.get(reverse("accounts:two_factor"))
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert _signed_in_user_id(client) is None
    assert not TOTPDevice.objects.filter(user=user).exists()  # no secret was made, or shown
    page = client.get(response.url).content.decode()
    assert "Sign in with your email address and password to " in page


def test_a_device_cannot_be_confirmed_from_a_session_without_the_password(client, make_user):
    user = make_user(Role.COORDINATOR)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    client.force_login(user)
    response = client.post(reverse("accounts:two_factor"), {"token": _code(device)})
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    device.refresh_from_db()
    assert not device.confirmed
    assert not Event.objects.filter(verb=Event.Verb.TWO_FACTOR_ENROLLED).exists()


def test_a_code_is_not_accepted_from_a_session_without_the_password(client, make_user):
    user = make_user(Role.CHAIR)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    response = client.post(reverse("accounts:two_factor"), {"token": _code(device)})
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert _signed_in_user_id(client) is None
    assert not Event.objects.filter(verb=Event.Verb.TWO_FACTOR_VERIFIED).exists()


def test_a_referrer_link_session_whose_role_becomes_staff_is_signed_out(client, ask, make_user):
    referrer = make_user(Role.REFERRER)
    ask(referrer.email)
    client.post(_link_from_email(mail.outbox[-1]))
    assert _signed_in_user_id(client) == str(referrer.pk)
    User.objects.filter(pk=referrer.pk).update(role=Role.COORDINATOR)
    home = client.get(reverse("web:home"))
    assert home.status_code == 302 and home.url == reverse("accounts:login")
    assert _signed_in_user_id(client) is None
    assert not TOTPDevice.objects.filter(user=referrer).exists()


def test_with_two_factor_waived_a_link_session_that_became_staff_is_signed_out_too(
    client, ask, make_user, settings
):
    """The demo waives two-factor authentication; a link still never opens a staff account."""
    referrer = make_user(Role.REFERRER)
    ask(referrer.email)
    client.post(_link_from_email(mail.outbox[-1]))
    settings.MACE_WAIVE_2FA = True
    assert client.get(reverse("referrals:list")).status_code == 200
    User.objects.filter(pk=referrer.pk).update(role=Role.CHAIR)
    home = client.get(reverse("web:home"))
    assert home.status_code == 302 and home.url == reverse("accounts:login")
    assert _signed_in_user_id(client) is None


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_enrolment_still_works_after_a_password_sign_in(role, client, make_user):
    user = make_user(role)
    _sign_in_with_password(client, user)
    assert client.session[SESSION_SIGNED_IN_WITH] == SIGNED_IN_WITH_PASSWORD
    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    assert "Set up two-factor authentication" in page.content.decode()
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:two_factor"), {"token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.session["otp_device_id"] == device.persistent_id
    assert Event.objects.filter(actor=user, verb=Event.Verb.TWO_FACTOR_ENROLLED).exists()


def test_an_address_signs_in_however_it_is_capitalised(client, make_user):
    user = make_user(Role.COORDINATOR, email="priya.shah@test.example")
    response = _sign_in_with_password(client, user, email="  Priya.Shah@Test.Example ")
    assert response.status_code == 302
    assert _signed_in_user_id(client) == str(user.pk)


def test_wrong_passwords_lock_the_account_whatever_the_spelling(client, make_user):
    user = make_user(Role.CHAIR, email="sam.okafor@test.example")
    spellings = ["Sam.Okafor@test.example", "SAM.OKAFOR@TEST.EXAMPLE", "sam.okafor@test.example"]
    for attempt in range(django_settings.AXES_FAILURE_LIMIT):
        _sign_in_with_password(
            client, user, password="wrong-password", email=spellings[attempt % 3]
        )
    locked = _sign_in_with_password(client, user, email="sam.OKAFOR@test.example")
    assert locked.status_code in (403, 429)
    assert _signed_in_user_id(client) is None
