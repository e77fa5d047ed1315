"""Referrers without accounts: allowed domains, single-use links that expire in 30 minutes."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role, User
from mace.referrals.models import AllowedDomain, SignInLink
from mace.referrals.services.signin import domain_allowed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("jo.bloggs@leeds.gov.uk", True),
        ("dsl@harehills-primary.leeds.sch.uk", True),
        ("gp@nhs.net", True),
        ("pc123@westyorkshire.police.uk", True),
        ("someone@gmail.com", False),
        ("x@gov.uk.evil.com", False),
        ("x@notnhs.net", False),
    ],
)
def test_allowed_domains(email, allowed, settings):
    settings.MACE_REFERRER_DOMAINS = ""
    assert domain_allowed(email) is allowed


def test_an_administrator_can_allow_a_named_charity(settings):
    settings.MACE_REFERRER_DOMAINS = ""
    assert not domain_allowed("worker@safe-harbour.org.uk")
    AllowedDomain.objects.create(pattern="safe-harbour.org.uk")
    assert domain_allowed("worker@safe-harbour.org.uk")


@pytest.fixture
def request_link(client, django_capture_on_commit_callbacks):
    """Ask for a link; the email goes when the transaction commits, as in production."""

    def _request(email):
        with django_capture_on_commit_callbacks(execute=True):
            return _request_link(client, email)

    return _request


def _request_link(client, email):
    response = client.post(reverse("refer:sign_in"), {"email": email})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def _link_from_email() -> str:
    return re.search(r"http://testserver(/refer/sign-in/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_a_link_signs_a_new_referrer_in_once(client, request_link):
    request_link("Dee.Sharma@Leeds.gov.uk")
    url = _link_from_email()
    assert client.get(url).status_code == 200  # a mail scanner's GET uses nothing
    response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("referrals:list")
    user = User.objects.get(email="dee.sharma@leeds.gov.uk")
    assert user.role == Role.REFERRER and not user.has_usable_password()
    assert client.get(reverse("referrals:list")).status_code == 200
    client.logout()
    again = client.post(url)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_a_link_expires_after_30_minutes(client, request_link):
    request_link("sw@leeds.gov.uk")
    url = _link_from_email()
    link = SignInLink.objects.get()
    assert (link.expires_at - link.created_at) == pytest.approx(
        dt.timedelta(minutes=30), abs=dt.timedelta(seconds=5)
    )
    SignInLink.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="sw@leeds.gov.uk").exists()


def test_an_unknown_token_is_refused(client):
    response = client.post("/refer/sign-in/not-a-real-token/")
    assert response.status_code == 410


def test_a_personal_email_is_refused_with_a_clear_message(client):
    response = client.post(reverse("refer:sign_in"), {"email": "me@gmail.com"})
    page = response.content.decode()
    assert "Use your work email address" in page
    assert 'value="me@gmail.com"' in page
    assert mail.outbox == []


def test_only_a_hash_of_the_token_is_stored(client, request_link):
    request_link("hv@nhs.net")
    url = _link_from_email()
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert len(token) >= 40  # 32 random bytes, URL-safe
    link = SignInLink.objects.get(email="hv@nhs.net")
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    # The token itself is in no column of the row.
    stored = [str(getattr(link, f.attname)) for f in SignInLink._meta.concrete_fields]
    assert not any(token in value for value in stored)
    # And the stored hash is no use as a link.
    assert client.post(f"/refer/sign-in/{link.token_hash}/").status_code == 410
    assert client.post(url).status_code == 302
