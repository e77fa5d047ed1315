"""The referrer's pages (mace.referrals.views.referrer): signing in with a single-use link
that expires in 30 minutes, the web referral form (drafts step by step, nothing lost,
submission) and the referrer's view of their referrals."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role, User
from mace.audit.models import Event
from mace.referrals.models import Referral, SignInLink
from mace.referrals.services.referrals import referral_start
from tests.factories import submitted_referral

pytestmark = pytest.mark.django_db


# The referral form.


def _step(client, referral, step, data, button="continue"):
    return client.post(reverse("referrals:step", args=[referral.id, step]), {**data, button: ""})


def _fill_all(client, referral):
    _step(
        client,
        referral,
        "referrer",
        {
            "referrer_name": "Dee Sharma",
            "referrer_email": "dee.sharma@leeds.gov.uk",
            "referrer_agency": "Harehills Academy",
        },
    )
    _step(client, referral, "subject", {"subject": "child"})
    _step(
        client,
        referral,
        "child",
        {
            "child_given_name": "Kayden",
            "child_family_name": "Oduya",
            "child_date_of_birth": "2011-05-14",
            "child_postcode": "ls9 7qt",
        },
    )
    _step(client, referral, "concerns", {"concerns": ["cce", "missing"]})
    _step(
        client,
        referral,
        "consent",
        {
            "parents_aware": "yes",
            "parents_consent": "no",
            "lawful_basis": "safeguarding",
            "sharing_reason": "Mother's partner implicated",
        },
    )
    _step(client, referral, "why", {"why_mace": "Found in Bradford twice; new phone"})


def test_a_referrer_fills_the_form_step_by_step_and_sends_it(
    make_user, signed_in, django_capture_on_commit_callbacks, audited
):
    user = make_user(Role.REFERRER)
    client = signed_in(user)
    response = client.post(reverse("referrals:new"))
    referral = Referral.objects.get(referrer=user)
    assert response.url == reverse("referrals:step", args=[referral.id, "referrer"])
    audited(Event.Verb.REFERRAL_STARTED, actor=user, child=None, obj=referral)
    _fill_all(client, referral)
    referral.refresh_from_db()
    assert referral.child_postcode == "LS9 7QT"
    assert referral.concerns == ["cce", "missing"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("referrals:step", args=[referral.id, "check"]))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.NEW and referral.submitted_at
    assert response.url == reverse("referrals:detail", args=[referral.id])
    audited(Event.Verb.REFERRAL_SUBMITTED, actor=user, child=None, obj=referral)
    assert referral.reference in mail.outbox[-1].subject
    assert "Kayden" not in mail.outbox[-1].body  # no case detail by email


def test_a_validation_error_keeps_every_answer(make_user, signed_in):
    user = make_user(Role.REFERRER)
    client = signed_in(user)
    referral = referral_start(actor=user)
    response = _step(
        client,
        referral,
        "child",
        {
            "child_given_name": "Amira",
            "child_family_name": "Hussain",
            "child_date_of_birth_day": "31",
            "child_date_of_birth_month": "02",
            "child_date_of_birth_year": "2011",
            "child_school": "Roundhay High",
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Date of birth must be a real date" in page
    for typed in ("Amira", "Hussain", 'value="31"', 'value="02"', 'value="2011"', "Roundhay High"):
        assert typed in page
    # Signing out and back in later: the draft still shows what was typed, error and all.
    referral.refresh_from_db()
    assert referral.draft_data["child"]["child_school"] == "Roundhay High"
    again = client.get(reverse("referrals:step", args=[referral.id, "child"])).content.decode()
    assert 'value="31"' in again and 'value="2011"' in again and "Roundhay High" in again


def test_autosave_keeps_what_was_typed_without_validating(make_user, signed_in):
    user = make_user(Role.REFERRER)
    client = signed_in(user)
    referral = referral_start(actor=user)
    response = client.post(
        reverse("referrals:autosave", args=[referral.id, "why"]),
        {"why_mace": "Half-written thoughts", "what_tried": ""},
    )
    assert response.json() == {"saved": True}
    referral.refresh_from_db()
    assert referral.draft_data["why"]["why_mace"] == "Half-written thoughts"
    page = client.get(reverse("referrals:step", args=[referral.id, "why"])).content.decode()
    assert "Half-written thoughts" in page
    referral.refresh_from_db()
    assert referral.why_mace == "Half-written thoughts"  # valid answers are saved on return
    assert "why" not in referral.draft_data


def test_a_context_referral_needs_no_child(make_user, signed_in):
    user = make_user(Role.REFERRER)
    client = signed_in(user)
    referral = referral_start(actor=user)
    _step(client, referral, "subject", {"subject": "context"})
    _step(client, referral, "concerns", {"concerns": ["cse"]})
    _step(client, referral, "context", {"context_description": "Takeaway on Roundhay Road"})
    _step(client, referral, "why", {"why_mace": "Girls seen being given lifts at night"})
    client.post(reverse("referrals:step", args=[referral.id, "check"]))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.NEW


def test_perpetrators_are_repeatable(make_user, signed_in):
    user = make_user(Role.REFERRER)
    client = signed_in(user)
    referral = referral_start(actor=user)
    url = reverse("referrals:step", args=[referral.id, "perpetrators"])
    data = {
        "p-TOTAL_FORMS": "2",
        "p-INITIAL_FORMS": "0",
        "p-0-name": "Unknown male",
        "p-0-aliases": "Tiny",
        "p-0-vehicle": "Black Audi",
        "p-1-name": "",
        "continue": "",
    }
    started = referral.modified_at
    client.post(url, data)
    assert [(p.name, p.aliases) for p in referral.perpetrators.all()] == [("Unknown male", "Tiny")]
    referral.refresh_from_db()
    assert (referral.last_step, referral.modified_by) == ("perpetrators", user)
    assert referral.modified_at > started
    page = client.post(url, {**data, "add_another": ""}).content.decode()
    assert page.count("Person ") == 3


def test_a_referrer_sees_only_their_own_referrals(make_user, signed_in):
    mine = make_user(Role.REFERRER)
    theirs = submitted_referral(referrer=make_user(Role.REFERRER))
    client = signed_in(mine)
    assert client.get(reverse("referrals:detail", args=[theirs.id])).status_code == 404
    assert client.get(reverse("referrals:step", args=[theirs.id, "child"])).status_code == 404
    assert theirs.reference not in client.get(reverse("referrals:list")).content.decode()


def test_a_referrer_sees_the_decision_and_reason_but_nothing_else_of_the_child(
    make_user, signed_in
):
    from mace.referrals.services.triage import referral_decide

    referrer = make_user(Role.REFERRER)
    referral = submitted_referral(referrer=referrer, subject="context", context_description="Park")
    referral_decide(
        actor=make_user(Role.COORDINATOR),
        referral_id=referral.id,
        decision="signpost",
        reason="Already open to the exploitation team",
        signpost_to="Strategy discussion",
    )
    page = signed_in(referrer).get(reverse("referrals:detail", args=[referral.id]))
    text = page.content.decode()
    assert "Signposted" in text and "Already open to the exploitation team" in text


@pytest.mark.parametrize("role", [Role.ANALYST, Role.SILVER, Role.GOLD, Role.AUDITOR, Role.ADMIN])
def test_roles_that_do_not_refer_are_refused(role, make_user, signed_in):
    client = signed_in(make_user(role))
    assert client.get(reverse("referrals:list")).status_code == 403
    assert client.post(reverse("referrals:new")).status_code == 403


# Signing in with a link.


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
