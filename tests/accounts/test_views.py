"""Sign-in, second factor, lockout, idle timeout and sign-out: the pages of
mace.accounts.views, and what signing in does for an account an administrator has switched
off or reset."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts import administration as services
from mace.accounts.models import Role, UserSession
from mace.audit.models import Event
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _enforce_two_factor(settings):
    settings.MACE_WAIVE_2FA = False


def _sign_in(client, user, password=TEST_PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("people:child_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.REFERRER])
def test_every_role_but_referrer_must_pass_two_factor(role, client, make_user):
    user = make_user(role)
    _sign_in(client, user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))


def test_a_referrer_needs_no_second_factor(client, make_user):
    user = make_user(Role.REFERRER)
    _sign_in(client, user)
    assert client.get(reverse("referrals:list")).status_code == 200


def test_first_sign_in_enrols_an_authenticator_with_a_qr_code(client, make_user):
    user = make_user(Role.COORDINATOR)
    _sign_in(client, user)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "Set up two-factor authentication" in page
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    bad = "111111" if _code(device) != "111111" else "222222"
    wrong = client.post(reverse("accounts:two_factor"), {"token": bad})
    assert "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # a wrong code makes the next try wait a second
    client.post(reverse("accounts:two_factor"), {"token": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("web:home")).status_code == 200
    assert Event.objects.filter(actor=user, verb=Event.Verb.TWO_FACTOR_ENROLLED).exists()


def test_enrolled_user_enters_a_code_and_a_wrong_code_is_refused(client, make_user):
    user = make_user(Role.CHAIR)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _sign_in(client, user)
    bad = "111111" if _code(device) != "111111" else "222222"
    response = client.post(reverse("accounts:two_factor"), {"token": bad})
    assert response.status_code == 200
    assert client.get(reverse("web:home")).status_code == 302
    assert Event.objects.filter(actor=user, verb=Event.Verb.TWO_FACTOR_FAILED).exists()
    device.refresh_from_db()
    device.throttle_reset()
    client.post(reverse("accounts:two_factor"), {"token": _code(device)})
    assert client.get(reverse("web:home")).status_code == 200


def test_the_demo_may_waive_two_factor(client, make_user, settings):
    settings.MACE_WAIVE_2FA = True
    user = make_user(Role.COORDINATOR)
    _sign_in(client, user)
    page = client.get(reverse("web:home"))
    assert page.status_code == 200
    assert "Two-factor authentication is <strong>waived</strong>" in page.content.decode()


def test_a_short_code_gets_a_clear_error(client, make_user):
    user = make_user(Role.CHAIR)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _sign_in(client, user)
    page = client.post(reverse("accounts:two_factor"), {"token": "12"}).content.decode()
    assert "Enter the code as 6 digits" in page


def test_wrong_password_is_explained_and_logged(client, make_user):
    user = make_user(Role.COORDINATOR)
    response = _sign_in(client, user, password="not-the-password")
    assert "The email address or password is not right" in response.content.decode()
    assert Event.objects.filter(verb=Event.Verb.SIGN_IN_FAILED, actor_email=user.email).exists()


def test_repeated_failures_lock_the_account(client, make_user):
    user = make_user(Role.COORDINATOR)
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _sign_in(client, user, password="wrong-password")
    locked = _sign_in(client, user)  # even the right password is refused now
    assert locked.status_code in (403, 429)
    assert "Your account is locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert Event.objects.filter(verb=Event.Verb.LOCKED_OUT).exists()


def test_sign_out_ends_the_session(client, make_user, signed_in):
    user = make_user(Role.REFERRER)
    client = signed_in(user)
    assert client.get(reverse("referrals:list")).status_code == 200
    client.post(reverse("accounts:logout"))
    response = client.get(reverse("referrals:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert Event.objects.filter(actor=user, verb=Event.Verb.SIGNED_OUT).exists()


def test_idle_timeout_is_thirty_minutes_and_renewed_on_each_request():
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    assert django_settings.SESSION_SAVE_EVERY_REQUEST is True


def test_admin_pages_sign_in_through_the_service(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_switched_off_user_cannot_sign_in_with_their_password(admin, make_user, client):
    from tests.factories import TEST_PASSWORD

    leaver = make_user(Role.MEMBER, email="gone@test.example")
    services.user_switch_off(actor=admin, user=leaver)
    response = client.post(
        reverse("accounts:login"), {"username": leaver.email, "password": TEST_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_signing_out_forgets_the_tracked_session(client, make_user):
    user = make_user(Role.REFERRER)
    client.force_login(user)
    assert UserSession.objects.filter(user=user).count() == 1
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(user=user).exists()


def test_after_a_reset_the_next_password_sign_in_enrols_again(admin, make_user, client, settings):
    from tests.factories import TEST_PASSWORD

    settings.MACE_WAIVE_2FA = False
    user = make_user(Role.CHAIR)
    TOTPDevice.objects.create(user=user, name="old phone", confirmed=True)
    services.two_factor_reset(actor=admin, user=user)
    client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
    response = client.get(reverse("accounts:two_factor"))
    assert "Set up two-factor authentication" in response.content.decode()
