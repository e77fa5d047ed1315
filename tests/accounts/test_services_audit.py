"""The audit rows of the account services: creating a user, enrolling an authenticator and
passing (or failing) the second factor, each called directly."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts.models import Role, User
from mace.accounts.ratelimit import RateLimited
from mace.accounts.services import (
    totp_device_confirm,
    totp_device_for_enrolment,
    totp_verify,
    user_create,
)
from mace.audit.models import Event
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "kirkgate-market-lantern-87"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _wrong_code(device: TOTPDevice) -> str:
    return "111111" if _code(device) != "111111" else "222222"


# user_create --------------------------------------------------------------------------


def test_an_administrator_creating_a_user_is_recorded_with_who_and_the_role(make_user, audited):
    admin = make_user(Role.ADMIN, email="priya.shah@leeds.gov.example")
    agency = AgencyFactory(name="Leeds Children's Social Work Service")
    user = user_create(
        actor=admin,
        email="Grace.Mensah@Leeds.gov.example",
        full_name="Grace Mensah",
        role=Role.COORDINATOR,
        password=STRONG_PASSWORD,
        agency=agency,
    )
    assert user.email == "grace.mensah@leeds.gov.example"
    event = audited(Event.Verb.USER_CREATED, actor=admin, child=None, obj=user)
    assert event.payload == {"role": Role.COORDINATOR}
    assert event.actor_email == "priya.shah@leeds.gov.example"
    assert event.actor_role == Role.ADMIN


def test_a_user_created_from_the_command_line_is_recorded_with_no_actor(audited):
    user = user_create(
        actor=None,
        email="tomasz.nowak@leeds.gov.example",
        full_name="Tomasz Nowak",
        role=Role.ADMIN,
        password=None,
    )
    assert not user.has_usable_password()
    event = audited(Event.Verb.USER_CREATED, actor=None, obj=user)
    assert event.payload == {"role": Role.ADMIN}
    assert event.actor_email == ""


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_only_an_administrator_creates_a_user_and_a_refusal_leaves_no_row(role, make_user, audited):
    with pytest.raises(PermissionDenied):
        user_create(
            actor=make_user(role),
            email="owen.price@leeds.gov.example",
            full_name="Owen Price",
            role=Role.MEMBER,
            password=None,
        )
    assert not User.objects.filter(email="owen.price@leeds.gov.example").exists()
    audited(Event.Verb.USER_CREATED, count=0)


def test_creating_a_user_whose_email_is_taken_leaves_no_row(make_user, audited):
    admin = make_user(Role.ADMIN)
    make_user(Role.MEMBER, email="aisha.begum@westyorkshire.police.example")
    with pytest.raises(ValidationError, match="already exists"):
        user_create(
            actor=admin,
            email="Aisha.Begum@WestYorkshire.Police.example",
            full_name="Aisha Begum",
            role=Role.MEMBER,
            password=None,
        )
    audited(Event.Verb.USER_CREATED, count=0)


def test_creating_a_user_with_a_weak_password_or_unknown_role_leaves_no_row(make_user, audited):
    admin = make_user(Role.ADMIN)
    with pytest.raises(ValidationError):
        user_create(
            actor=admin,
            email="callum.reid@leeds.gov.example",
            full_name="Callum Reid",
            role=Role.MEMBER,
            password="1234",
        )
    with pytest.raises(ValidationError, match="Unknown role"):
        user_create(
            actor=admin,
            email="callum.reid@leeds.gov.example",
            full_name="Callum Reid",
            role="superintendent",
            password=None,
        )
    assert not User.objects.filter(email="callum.reid@leeds.gov.example").exists()
    audited(Event.Verb.USER_CREATED, count=0)


# totp_device_confirm -------------------------------------------------------------------


def test_confirming_an_authenticator_with_its_code_records_the_enrolment(make_user, audited):
    chair = make_user(Role.CHAIR, email="helen.okafor@leeds.gov.example")
    device = totp_device_for_enrolment(user=chair)
    confirmed = totp_device_confirm(user=chair, token=_code(device))
    assert confirmed == device
    device.refresh_from_db()
    assert device.confirmed
    audited(Event.Verb.TWO_FACTOR_ENROLLED, actor=chair, child=None, obj=device)
    audited(Event.Verb.TWO_FACTOR_FAILED, count=0)


def test_a_wrong_code_at_enrolment_is_recorded_as_a_failure_and_enrols_nothing(make_user, audited):
    chair = make_user(Role.CHAIR)
    device = totp_device_for_enrolment(user=chair)
    assert totp_device_confirm(user=chair, token=_wrong_code(device)) is None
    device.refresh_from_db()
    assert not device.confirmed
    event = audited(Event.Verb.TWO_FACTOR_FAILED, actor=chair)
    assert (event.object_type, event.object_id) == ("", "")
    audited(Event.Verb.TWO_FACTOR_ENROLLED, count=0)


def test_a_code_with_no_authenticator_waiting_is_recorded_as_a_failure(make_user, audited):
    analyst = make_user(Role.ANALYST)
    assert totp_device_confirm(user=analyst, token="123456") is None
    audited(Event.Verb.TWO_FACTOR_FAILED, actor=analyst)
    audited(Event.Verb.TWO_FACTOR_ENROLLED, count=0)


def test_enrolment_after_too_many_wrong_codes_is_refused_and_records_only_the_refusal(
    make_user, audited
):
    coordinator = make_user(Role.COORDINATOR)
    device = totp_device_for_enrolment(user=coordinator)
    limit = django_settings.MACE_TWO_FACTOR_FAILURES
    for _ in range(limit):
        assert totp_device_confirm(user=coordinator, token=_wrong_code(device)) is None
    with pytest.raises(RateLimited):
        totp_device_confirm(user=coordinator, token=_code(device))
    device.refresh_from_db()
    assert not device.confirmed
    audited(Event.Verb.TWO_FACTOR_ENROLLED, count=0)
    audited(Event.Verb.TWO_FACTOR_FAILED, actor=coordinator, count=limit)
    refusal = audited(Event.Verb.RATE_LIMITED, actor=coordinator)
    assert refusal.payload["limit"] == "two_factor_code"


# totp_verify --------------------------------------------------------------------------


def test_passing_the_second_factor_records_which_device(make_user, audited):
    auditor = make_user(Role.AUDITOR, email="rhys.evans@leeds.gov.example")
    device = TOTPDevice.objects.create(user=auditor, name="Work phone", confirmed=True)
    assert totp_verify(user=auditor, token=_code(device)) == device
    audited(Event.Verb.TWO_FACTOR_VERIFIED, actor=auditor, child=None, obj=device)
    audited(Event.Verb.TWO_FACTOR_FAILED, count=0)


def test_a_wrong_second_factor_code_is_recorded_as_a_failure(make_user, audited):
    auditor = make_user(Role.AUDITOR)
    device = TOTPDevice.objects.create(user=auditor, name="Work phone", confirmed=True)
    assert totp_verify(user=auditor, token=_wrong_code(device)) is None
    audited(Event.Verb.TWO_FACTOR_FAILED, actor=auditor)
    audited(Event.Verb.TWO_FACTOR_VERIFIED, count=0)


def test_an_unconfirmed_device_does_not_pass_the_second_factor(make_user, audited):
    member = make_user(Role.MEMBER)
    device = totp_device_for_enrolment(user=member)
    assert totp_verify(user=member, token=_code(device)) is None
    audited(Event.Verb.TWO_FACTOR_FAILED, actor=member)
    audited(Event.Verb.TWO_FACTOR_VERIFIED, count=0)


def test_the_right_code_after_too_many_wrong_ones_is_refused_and_not_recorded_as_passed(
    make_user, audited
):
    silver = make_user(Role.SILVER)
    device = TOTPDevice.objects.create(user=silver, name="Work phone", confirmed=True)
    limit = django_settings.MACE_TWO_FACTOR_FAILURES
    for _ in range(limit):
        assert totp_verify(user=silver, token=_wrong_code(device)) is None
    with pytest.raises(RateLimited):
        totp_verify(user=silver, token=_code(device))
    audited(Event.Verb.TWO_FACTOR_VERIFIED, count=0)
    audited(Event.Verb.TWO_FACTOR_FAILED, actor=silver, count=limit)
    refusal = audited(Event.Verb.RATE_LIMITED, actor=silver)
    assert refusal.payload["limit"] == "two_factor_code"
