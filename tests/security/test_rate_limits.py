"""Rate limits on every form that sends email or tries a credential.

Sign-in link requests: 3 per address per 15 minutes, 30 per client address per hour.
Password sign-in: django-axes locks the account after 5 failures. Two-factor codes: 5 wrong
codes per user per 15 minutes, verifying and enrolling alike. A limited request gets a
clear message, sends nothing, and is audited as ``RATE_LIMITED`` naming the limit.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.referrals.models import SignInLink
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

TOO_MANY_LINKS = "You have asked for too many sign-in links. Wait 15 minutes, then try again."
TOO_MANY_FROM_NETWORK = (
    "Too many sign-in links have been asked for from your network. Wait an hour, then try again."
)
TOO_MANY_CODES = "You have entered too many wrong codes. Wait 15 minutes, then try again."


@pytest.fixture(autouse=True)
def _enforce_two_factor(settings):
    settings.MACE_WAIVE_2FA = False


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a sign-in link from a client address; the email goes on commit."""

    def _ask(email, ip="198.51.100.10"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("refer:sign_in"), {"email": email}, REMOTE_ADDR=ip)

    return _ask


def _later(minutes: float):
    """Move the clock on: the audit log's timestamps and the limits' windows both move."""
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(minutes=minutes)
    )


def _limited(verb_payload_limit: str) -> list[Event]:
    return [
        e
        for e in Event.objects.filter(verb=Event.Verb.RATE_LIMITED)
        if e.payload.get("limit") == verb_payload_limit
    ]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _wrong(device: TOTPDevice) -> str:
    return "111111" if _code(device) != "111111" else "222222"


# --- Sign-in link requests, per address ----------------------------------------------------


def test_the_fourth_request_for_one_address_in_15_minutes_sends_nothing(ask):
    for _ in range(3):
        assert ask("dee.sharma@test.example").status_code == 302
    assert len(mail.outbox) == 3
    response = ask("dee.sharma@test.example")
    page = response.content.decode()
    assert response.status_code == 429
    assert TOO_MANY_LINKS in page
    assert "govuk-error-summary" in page  # the GOV.UK error summary, linking to the field
    assert 'value="dee.sharma@test.example"' in page  # what was typed is kept
    assert len(mail.outbox) == 3
    assert SignInLink.objects.count() == 3
    (event,) = _limited("sign_in_link_per_address")
    assert event.payload["email"] == "dee.sharma@test.example"
    assert event.payload["max"] == 3 and event.payload["window_minutes"] == 15
    assert event.ip_address == "198.51.100.10"


def test_the_address_limit_holds_across_client_addresses_and_letter_case(ask):
    ask("dee.sharma@test.example", ip="198.51.100.1")
    ask("Dee.Sharma@test.example", ip="198.51.100.2")
    ask("DEE.SHARMA@TEST.EXAMPLE", ip="198.51.100.3")
    response = ask("dee.sharma@test.example", ip="198.51.100.4")
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_the_address_limit_works_again_after_15_minutes(ask):
    for _ in range(3):
        ask("dee.sharma@test.example")
    assert ask("dee.sharma@test.example").status_code == 429
    with _later(14):
        assert ask("dee.sharma@test.example").status_code == 429
    with _later(16):
        assert ask("dee.sharma@test.example").status_code == 302
    assert len(mail.outbox) == 4


@pytest.mark.parametrize("role", [r for r in Role if r != Role.REFERRER])
def test_password_notices_count_towards_the_address_limit(role, ask, make_user):
    """The "use your password" email cannot be used to flood a staff member's mailbox, and
    the limit answers a staff address exactly as it answers any other."""
    staff = make_user(role)
    for _ in range(3):
        assert ask(staff.email).status_code == 302
    staff_limited = ask(staff.email)
    for _ in range(3):
        ask("nobody.yet@test.example")
    other_limited = ask("nobody.yet@test.example")
    assert staff_limited.status_code == other_limited.status_code == 429
    assert TOO_MANY_LINKS in staff_limited.content.decode()
    assert len([m for m in mail.outbox if m.to == [staff.email]]) == 3
    assert Event.objects.filter(verb=Event.Verb.SIGN_IN_LINK_REFUSED).count() == 3


def test_a_refused_domain_sends_nothing_and_does_not_count(ask):
    for _ in range(5):
        response = ask("someone@gmail.com")
        assert "Use your work email address" in response.content.decode()
    assert mail.outbox == []
    assert not Event.objects.filter(verb=Event.Verb.RATE_LIMITED).exists()


def test_the_address_limit_is_configurable(ask, settings):
    settings.MACE_SIGNIN_LINK_PER_ADDRESS = 1
    settings.MACE_SIGNIN_LINK_PER_ADDRESS_MINUTES = 5
    assert ask("dee.sharma@test.example").status_code == 302
    response = ask("dee.sharma@test.example")
    assert response.status_code == 429
    assert "Wait 5 minutes, then try again." in response.content.decode()


# --- Sign-in link requests, per client address -------------------------------------------


def test_the_31st_request_from_one_client_in_an_hour_sends_nothing(ask):
    for n in range(30):
        assert ask(f"worker{n}@test.example", ip="203.0.113.7").status_code == 302
    assert len(mail.outbox) == 30
    response = ask("worker30@test.example", ip="203.0.113.7")
    assert response.status_code == 429
    assert TOO_MANY_FROM_NETWORK in response.content.decode()
    assert len(mail.outbox) == 30
    (event,) = _limited("sign_in_link_per_client")
    assert event.ip_address == "203.0.113.7"
    assert event.payload["max"] == 30 and event.payload["window_minutes"] == 60
    # Another client is not held up.
    assert ask("worker30@test.example", ip="203.0.113.8").status_code == 302
    # An hour later the first client may ask again.
    with _later(61):
        assert ask("worker31@test.example", ip="203.0.113.7").status_code == 302
    assert len(mail.outbox) == 32


def test_the_client_address_comes_from_x_forwarded_for_only_when_trusted(client, settings):
    settings.MACE_TRUST_X_FORWARDED_FOR = True
    settings.MACE_SIGNIN_LINK_PER_CLIENT = 2
    for n in range(2):
        client.post(
            reverse("refer:sign_in"),
            {"email": f"w{n}@test.example"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    behind_same_proxy = client.post(
        reverse("refer:sign_in"),
        {"email": "w2@test.example"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert behind_same_proxy.status_code == 302
    same_client = client.post(
        reverse("refer:sign_in"),
        {"email": "w3@test.example"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert same_client.status_code == 429


# --- Password sign-in (django-axes) --------------------------------------------------------


def test_password_failures_lock_the_account_whichever_address_they_come_from(client, make_user):
    user = make_user(Role.COORDINATOR)
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"),
            {"username": user.email, "password": "wrong-password"},
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        )
    locked = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": TEST_PASSWORD},
        REMOTE_ADDR="192.0.2.200",
    )
    assert locked.status_code in (403, 429)
    assert "Your account is locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert Event.objects.filter(verb=Event.Verb.LOCKED_OUT, actor_email=user.email).exists()


# --- Two-factor codes ----------------------------------------------------------------------


@pytest.fixture
def password_session(client, make_user):
    def _make(role=Role.CHAIR, *, enrolled=True):
        user = make_user(role)
        device = TOTPDevice.objects.create(
            user=user, name="phone" if enrolled else "Authenticator app", confirmed=enrolled
        )
        client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
        return user, device

    return _make


def _post_code(client, code):
    return client.post(reverse("accounts:two_factor"), {"token": code})


@pytest.mark.parametrize("enrolled", [True, False], ids=["verifying", "enrolling"])
def test_the_sixth_code_after_five_wrong_ones_is_refused_even_if_right(
    enrolled, client, password_session
):
    user, device = password_session(enrolled=enrolled)
    for _ in range(5):
        response = _post_code(client, _wrong(device))
        assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp's own back-off is not what refuses the next code
    response = _post_code(client, _code(device))
    assert response.status_code == 429
    assert TOO_MANY_CODES in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert "otp_device_id" not in client.session
    device.refresh_from_db()
    assert device.confirmed is enrolled  # an enrolment is not confirmed either
    (event,) = _limited("two_factor_code")
    assert event.actor_id == user.pk
    assert event.payload["max"] == 5 and event.payload["window_minutes"] == 15
    assert not Event.objects.filter(
        verb__in=[Event.Verb.TWO_FACTOR_VERIFIED, Event.Verb.TWO_FACTOR_ENROLLED]
    ).exists()


def test_the_two_factor_limit_lifts_after_15_minutes(client, password_session):
    user, device = password_session()
    for _ in range(5):
        _post_code(client, _wrong(device))
    device.refresh_from_db()
    device.throttle_reset()
    with _later(10):
        assert _post_code(client, "123456").status_code == 429
    with _later(16):
        # Only the audit log's clock is moved on: the code is the one the app shows now.
        response = _post_code(client, _code(device))
    assert response.status_code == 302
    assert client.session["otp_device_id"] == device.persistent_id


def test_a_right_code_starts_the_count_afresh(client, password_session):
    user, device = password_session()
    for _ in range(4):
        _post_code(client, _wrong(device))
    device.refresh_from_db()
    device.throttle_reset()
    assert _post_code(client, _code(device)).status_code == 302
    # Signed out and in again: four more wrong codes are still under the limit.
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
    for _ in range(4):
        assert _post_code(client, _wrong(device)).status_code == 200
    assert not Event.objects.filter(verb=Event.Verb.RATE_LIMITED).exists()


def test_signing_in_again_does_not_reset_the_two_factor_count(client, password_session):
    user, device = password_session()
    for _ in range(5):
        _post_code(client, _wrong(device))
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
    device.refresh_from_db()
    device.throttle_reset()
    assert _post_code(client, _code(device)).status_code == 429


# --- Requests at the same moment -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_requests_sent_at_once_do_not_all_pass_the_limit(settings, audit_triggers_lifted_for_flush):
    """Counting and writing happen in one transaction that holds the address's lock, so
    requests racing each other are counted one after another. (PostgreSQL takes an advisory
    lock; SQLite writes one transaction at a time, so there the lock is not needed and the
    race is run serially by the database.)"""
    import threading

    from django.db import connection, connections

    from mace.referrals.services.signin import signin_link_request

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MACE_REFERRER_DOMAINS = "test.example"
    results: list[str] = []
    barrier = threading.Barrier(6)

    def ask_once():
        try:
            barrier.wait(timeout=10)
            signin_link_request(email="racer@test.example", link_base="http://testserver/x")
            results.append("sent")
        except Exception as exc:  # noqa: BLE001 (each outcome is counted below)
            results.append(type(exc).__name__)
        finally:
            connections.close_all()

    if connection.vendor == "sqlite":
        for _ in range(6):  # SQLite's one writer at a time: the same requests, one by one
            barrier = threading.Barrier(1)
            ask_once()
    else:
        threads = [threading.Thread(target=ask_once) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert results.count("sent") == django_settings.MACE_SIGNIN_LINK_PER_ADDRESS
    assert results.count("RateLimited") == 6 - django_settings.MACE_SIGNIN_LINK_PER_ADDRESS
    assert SignInLink.objects.filter(email="racer@test.example").count() == 3
    assert Event.objects.filter(verb=Event.Verb.RATE_LIMITED).count() == 3
