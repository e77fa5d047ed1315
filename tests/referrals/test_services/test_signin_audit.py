"""The audit rows of a referral received whole, and of referrers' sign-in links: asked for
(sent, or refused for a staff address), and used (signed in, or rejected for each reason),
each service called directly."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from mace.accounts.models import Role, User
from mace.accounts.ratelimit import RateLimited
from mace.audit.models import Event
from mace.core import clock
from mace.referrals.models import InboundMessage, Referral, SignInLink
from mace.referrals.services.referrals import referral_receive
from mace.referrals.services.signin import signin_link_consume, signin_link_request

pytestmark = pytest.mark.django_db

LINK_BASE = "http://testserver/refer/sign-in/"
PASSWORD_URL = "http://testserver/accounts/login/"
REFERRER = "grace.mensah@leeds.gov.example"


@pytest.fixture(autouse=True)
def _leeds_addresses_may_refer(settings):
    settings.MACE_REFERRER_DOMAINS = "leeds.gov.example,westyorkshire.police.example"


def _fields(**overrides) -> dict:
    fields = {
        "referrer_name": "Grace Mensah",
        "referrer_email": REFERRER,
        "referrer_agency": "Harehills Academy",
        "referrer_role": "Designated safeguarding lead",
        "child_given_name": "Kayden",
        "child_family_name": "Oduya",
        "child_date_of_birth": dt.date(2011, 5, 14),
        "child_postcode": "LS9 7QT",
        "concerns": ["cce", "missing"],
        "why_mace": "Three missing episodes in a month, each time found in Bradford",
    }
    fields.update(overrides)
    return fields


# referral_receive -----------------------------------------------------------------------


def test_a_referral_from_the_secure_mailbox_is_recorded_as_received_by_nobody_signed_in(
    audited,
):
    inbound = InboundMessage.objects.create(
        sha256="a" * 64,
        sender=REFERRER,
        subject="MACE referral: K.O.",
        raw=b"From: grace.mensah@leeds.gov.example",
        outcome=InboundMessage.Outcome.IMPORTED,
    )
    referral = referral_receive(
        channel=Referral.Channel.EMAIL,
        fields=_fields(),
        perpetrators=[{"name": "Unknown male, 'Blue'", "vehicle": "Silver Audi A3"}],
        source_message=inbound,
    )
    assert referral.status == Referral.Status.NEW
    assert referral.perpetrators.get().vehicle == "Silver Audi A3"
    event = audited(Event.Verb.REFERRAL_RECEIVED, actor=None, child=None, obj=referral)
    assert event.payload == {"channel": "email"}


def test_a_referral_received_from_a_signed_in_referrer_is_recorded_as_theirs(make_user, audited):
    referrer = make_user(Role.REFERRER, email="aisha.begum@westyorkshire.police.example")
    referral = referral_receive(
        channel=Referral.Channel.API,
        fields=_fields(referrer_email=referrer.email, referrer_name="Aisha Begum"),
        referrer=referrer,
    )
    assert (referral.referrer, referral.created_by) == (referrer, referrer)
    event = audited(Event.Verb.REFERRAL_RECEIVED, actor=referrer, child=None, obj=referral)
    assert event.payload == {"channel": "api"}
    assert event.actor_email == "aisha.begum@westyorkshire.police.example"


def test_a_context_referral_without_the_form_is_recorded_as_received(audited):
    referral = referral_receive(
        channel=Referral.Channel.EMAIL,
        fields={
            "referrer_email": "pcso.khan@westyorkshire.police.example",
            "referrer_name": "PCSO Imran Khan",
            "subject": Referral.Subject.CONTEXT,
            "concerns": ["county_lines"],
        },
        form_missing=True,
        narrative="Children collecting packages from a silver Audi on Chapeltown Road.",
    )
    assert referral.form_missing
    audited(Event.Verb.REFERRAL_RECEIVED, actor=None, child=None, obj=referral)


def test_a_referral_that_fails_validation_is_not_received_and_leaves_no_row(audited):
    with pytest.raises(ValidationError) as refused:
        referral_receive(
            channel=Referral.Channel.EMAIL,
            fields=_fields(looked_after="maybe", child_postcode="LS9 7QT EXTRA LONG"),
        )
    assert {"looked_after", "child_postcode"} <= set(refused.value.message_dict)
    assert not Referral.objects.exists()
    audited(Event.Verb.REFERRAL_RECEIVED, count=0)


# signin_link_request --------------------------------------------------------------------


def _token_from_last_email() -> str:
    match = re.search(r"/refer/sign-in/([A-Za-z0-9_-]+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _request(email: str) -> SignInLink | None:
    return signin_link_request(email=email, link_base=LINK_BASE, password_url=PASSWORD_URL)


def test_asking_for_a_link_records_that_one_was_sent_to_the_address(
    commits_as_in_production, audited
):
    link = _request("  Grace.Mensah@Leeds.gov.example ")
    assert link.email == REFERRER
    assert mail.outbox[-1].to == [REFERRER]
    assert _token_from_last_email()
    event = audited(Event.Verb.SIGN_IN_LINK_SENT, actor=None, child=None, obj=link)
    assert event.actor_email == REFERRER
    assert event.payload == {"email": REFERRER}
    audited(Event.Verb.SIGN_IN_LINK_REFUSED, count=0)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.REFERRER])
def test_asking_for_a_link_for_a_staff_address_sends_none_and_records_the_refusal(
    role, make_user, commits_as_in_production, audited
):
    staff = make_user(role, email="daniel.hughes@leeds.gov.example")
    assert _request(staff.email) is None
    assert not SignInLink.objects.exists()
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert PASSWORD_URL in message.body
    event = audited(Event.Verb.SIGN_IN_LINK_REFUSED, actor=None, obj=staff)
    assert event.actor_email == staff.email
    assert event.payload == {"email": staff.email, "role": role}
    audited(Event.Verb.SIGN_IN_LINK_SENT, count=0)


def test_asking_for_a_link_for_an_address_not_allowed_records_nothing(
    commits_as_in_production, audited
):
    with pytest.raises(ValidationError, match="work email address"):
        _request("kayden.fan@gmail.example")
    assert not SignInLink.objects.exists()
    assert mail.outbox == []
    audited(Event.Verb.SIGN_IN_LINK_SENT, count=0)
    audited(Event.Verb.SIGN_IN_LINK_REFUSED, count=0)


def test_asking_for_too_many_links_is_refused_and_records_the_limit_not_a_link(
    commits_as_in_production, audited
):
    limit = django_settings.MACE_SIGNIN_LINK_PER_ADDRESS
    for _ in range(limit):
        _request(REFERRER)
    with pytest.raises(RateLimited):
        _request(REFERRER)
    assert SignInLink.objects.count() == limit
    assert len(mail.outbox) == limit
    audited(Event.Verb.SIGN_IN_LINK_SENT, count=limit)
    refusal = audited(Event.Verb.RATE_LIMITED, actor=None)
    assert refusal.actor_email == REFERRER
    assert refusal.payload["limit"] == "sign_in_link_per_address"


# signin_link_consume --------------------------------------------------------------------


@pytest.fixture
def link_and_token(commits_as_in_production):
    """A link asked for by Grace Mensah, and the token from her email."""
    link = _request(REFERRER)
    return link, _token_from_last_email()


def test_a_first_link_creates_the_referrer_and_records_both_the_account_and_the_sign_in(
    link_and_token, audited
):
    link, token = link_and_token
    user = signin_link_consume(token=token)
    assert (user.email, user.role, user.full_name) == (REFERRER, Role.REFERRER, "grace.mensah")
    created = audited(Event.Verb.USER_CREATED, actor=None, obj=user)
    assert created.payload == {"via": "sign-in link"}
    audited(Event.Verb.SIGN_IN_LINK_USED, actor=user, child=None, obj=link)
    audited(Event.Verb.SIGN_IN_LINK_REJECTED, count=0)
    link.refresh_from_db()
    assert link.used_at is not None


def test_a_link_signs_in_an_existing_referrer_and_records_the_sign_in_only(
    make_user, link_and_token, audited
):
    referrer = make_user(Role.REFERRER, email=REFERRER)
    link, token = link_and_token
    assert signin_link_consume(token=token) == referrer
    audited(Event.Verb.SIGN_IN_LINK_USED, actor=referrer, obj=link)
    audited(Event.Verb.USER_CREATED, count=0)


def _assert_rejected(audited, *, link, reason: str) -> Event:
    event = audited(Event.Verb.SIGN_IN_LINK_REJECTED, actor=None, child=None, obj=link)
    assert event.actor_email == link.email
    assert event.payload == {"reason": reason, "email": link.email}
    return event


def test_a_link_used_twice_is_rejected_the_second_time_and_the_rejection_recorded(
    link_and_token, audited
):
    link, token = link_and_token
    user = signin_link_consume(token=token)
    with pytest.raises(ValidationError) as refused:
        signin_link_consume(token=token)
    assert refused.value.code == "used"
    audited(Event.Verb.SIGN_IN_LINK_USED, actor=user, obj=link, count=1)
    _assert_rejected(audited, link=link, reason="used")


def test_an_expired_link_is_rejected_and_the_rejection_recorded(link_and_token, audited):
    link, token = link_and_token
    with (
        clock.set_to(link.expires_at + dt.timedelta(seconds=1)),
        pytest.raises(ValidationError) as refused,
    ):
        signin_link_consume(token=token)
    assert refused.value.code == "expired"
    assert not User.objects.filter(email=REFERRER).exists()
    audited(Event.Verb.SIGN_IN_LINK_USED, count=0)
    audited(Event.Verb.USER_CREATED, count=0)
    _assert_rejected(audited, link=link, reason="expired")


def test_an_unknown_link_is_rejected_and_recorded_with_no_object(audited):
    with pytest.raises(ValidationError) as refused:
        signin_link_consume(token="not-a-token-anyone-was-sent")
    assert refused.value.code == "unknown"
    event = audited(Event.Verb.SIGN_IN_LINK_REJECTED, actor=None)
    assert (event.object_type, event.object_id, event.actor_email) == ("", "", "")
    assert event.payload == {"reason": "unknown"}
    audited(Event.Verb.SIGN_IN_LINK_USED, count=0)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN, Role.MEMBER])
def test_a_link_for_an_address_that_became_staff_is_spent_rejected_and_recorded(
    role, make_user, link_and_token, audited
):
    link, token = link_and_token
    make_user(role, email=REFERRER)
    with pytest.raises(ValidationError) as refused:
        signin_link_consume(token=token)
    assert refused.value.code == "staff_account"
    link.refresh_from_db()
    assert link.used_at is not None  # spent: it cannot be tried again
    audited(Event.Verb.SIGN_IN_LINK_USED, count=0)
    _assert_rejected(audited, link=link, reason="staff_account")


def test_a_link_for_a_switched_off_referrer_is_rejected_and_recorded(
    make_user, link_and_token, audited
):
    make_user(Role.REFERRER, email=REFERRER, is_active=False)
    link, token = link_and_token
    with pytest.raises(ValidationError) as refused:
        signin_link_consume(token=token)
    assert refused.value.code == "switched_off"
    audited(Event.Verb.SIGN_IN_LINK_USED, count=0)
    _assert_rejected(audited, link=link, reason="switched_off")


def test_a_link_for_a_locked_out_referrer_is_rejected_and_recorded(
    client, make_user, link_and_token, audited
):
    make_user(Role.REFERRER, email=REFERRER)
    link, token = link_and_token
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": REFERRER, "password": "a-guess"})
    with pytest.raises(ValidationError) as refused:
        signin_link_consume(token=token)
    assert refused.value.code == "locked"
    audited(Event.Verb.SIGN_IN_LINK_USED, count=0)
    _assert_rejected(audited, link=link, reason="locked")
