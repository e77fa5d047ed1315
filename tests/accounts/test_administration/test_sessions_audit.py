"""Ending a user's sessions writes no audit row of its own (``user_sessions_end`` runs in
its caller's transaction): the rows are its callers', switching a user off and resetting
their two-factor authentication, which say how many sessions were ended."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts.administration import (
    two_factor_reset,
    user_sessions_end,
    user_switch_off,
)
from mace.accounts.models import Role, UserSession
from mace.audit.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMIN, email="priya.shah@leeds.gov.example", full_name="Priya Shah")


def _open_sessions(user, count: int) -> list[str]:
    """``count`` live sessions of the user, tracked as a sign-in tracks them."""
    store = import_module(django_settings.SESSION_ENGINE).SessionStore
    keys = []
    for _ in range(count):
        session = store()
        session["_auth_user_id"] = str(user.pk)
        session.create()
        UserSession.objects.create(user=user, session_key=session.session_key)
        keys.append(session.session_key)
    return keys


def test_ending_sessions_on_its_own_writes_no_audit_row(make_user):
    leaver = make_user(Role.MEMBER)
    keys = _open_sessions(leaver, 2)
    before = Event.objects.count()
    assert user_sessions_end(user=leaver) == 2
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert Event.objects.count() == before


def test_switching_a_user_off_records_who_whom_and_the_sessions_ended(
    administrator, make_user, audited
):
    leaver = make_user(Role.COORDINATOR, email="daniel.hughes@leeds.gov.example")
    keys = _open_sessions(leaver, 2)
    assert user_switch_off(actor=administrator, user=leaver) == 2
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=leaver).exists()
    event = audited(Event.Verb.USER_SWITCHED_OFF, actor=administrator, child=None, obj=leaver)
    assert event.payload == {"sessions_ended": 2, "invitations_withdrawn": 0}


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_only_an_administrator_switches_a_user_off_and_a_refusal_leaves_no_row(
    role, make_user, audited
):
    leaver = make_user(Role.MEMBER)
    keys = _open_sessions(leaver, 1)
    with pytest.raises(PermissionDenied):
        user_switch_off(actor=make_user(role), user=leaver)
    leaver.refresh_from_db()
    assert leaver.is_active
    assert Session.objects.filter(session_key__in=keys).exists()
    audited(Event.Verb.USER_SWITCHED_OFF, count=0)


def test_switching_off_oneself_or_a_user_already_off_leaves_no_row(
    administrator, make_user, audited
):
    with pytest.raises(ValidationError, match="cannot switch yourself off"):
        user_switch_off(actor=administrator, user=administrator)
    gone = make_user(Role.MEMBER, is_active=False)
    with pytest.raises(ValidationError, match="already switched off"):
        user_switch_off(actor=administrator, user=gone)
    audited(Event.Verb.USER_SWITCHED_OFF, count=0)


def test_resetting_two_factor_records_who_whom_the_devices_and_sessions(
    administrator, make_user, audited
):
    chair = make_user(Role.CHAIR, email="fatima.ali@leeds.gov.example")
    TOTPDevice.objects.create(user=chair, name="Old phone", confirmed=True)
    TOTPDevice.objects.create(user=chair, name="Unfinished", confirmed=False)
    keys = _open_sessions(chair, 1)
    assert two_factor_reset(actor=administrator, user=chair) == 2
    assert not TOTPDevice.objects.filter(user=chair).exists()
    assert not Session.objects.filter(session_key__in=keys).exists()
    event = audited(Event.Verb.TWO_FACTOR_RESET, actor=administrator, child=None, obj=chair)
    assert event.payload == {"devices_removed": 2, "sessions_ended": 1}


def test_a_refused_two_factor_reset_removes_nothing_and_leaves_no_row(
    administrator, make_user, audited
):
    chair = make_user(Role.CHAIR)
    TOTPDevice.objects.create(user=chair, name="Work phone", confirmed=True)
    with pytest.raises(PermissionDenied):
        two_factor_reset(actor=make_user(Role.COORDINATOR), user=chair)
    with pytest.raises(ValidationError, match="your own two-factor"):
        two_factor_reset(actor=administrator, user=administrator)
    assert TOTPDevice.objects.filter(user=chair).count() == 1
    audited(Event.Verb.TWO_FACTOR_RESET, count=0)
