"""Changing users, switching them off (every session ended) and on, resetting two-factor, and
agencies (mace.accounts.administration.users); each change audited with before and after."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts import administration as services
from mace.accounts.models import Agency, Role, UserSession
from mace.audit.models import Event
from tests.factories import AgencyFactory, signed_in_elsewhere

pytestmark = pytest.mark.django_db


def _event(verb, obj) -> Event:
    return Event.objects.get(verb=verb, object_id=str(obj.pk))


# Changing ----------------------------------------------------------------------------


def test_changing_role_and_agency_is_audited_with_before_and_after(admin, make_user):
    old_agency, new_agency = AgencyFactory(name="Old Agency"), AgencyFactory(name="New Agency")
    user = make_user(Role.MEMBER, agency=old_agency, full_name="Sam Smith")
    services.user_change(
        actor=admin,
        user=user,
        full_name="Sam Smith",
        job_title="Team manager",
        role=Role.CHAIR,
        agency=new_agency,
    )
    user.refresh_from_db()
    assert (user.role, user.agency, user.job_title) == (Role.CHAIR, new_agency, "Team manager")
    payload = _event(Event.Verb.USER_CHANGED, user).payload
    assert payload["role"] == {"before": Role.MEMBER, "after": Role.CHAIR}
    assert payload["agency"] == {"before": "Old Agency", "after": "New Agency"}
    assert "full_name" not in payload


def test_making_someone_an_administrator_makes_them_staff_and_back(admin, make_user):
    user = make_user(Role.MEMBER)
    services.user_change(
        actor=admin, user=user, full_name=user.full_name, job_title="", role=Role.ADMIN, agency=None
    )
    user.refresh_from_db()
    assert user.is_staff
    services.user_change(
        actor=admin,
        user=user,
        full_name=user.full_name,
        job_title="",
        role=Role.AUDITOR,
        agency=None,
    )
    user.refresh_from_db()
    assert not user.is_staff


def test_an_administrator_cannot_remove_their_own_administrator_role(admin):
    with pytest.raises(ValidationError, match="cannot remove your own administrator role"):
        services.user_change(
            actor=admin,
            user=admin,
            full_name=admin.full_name,
            job_title="",
            role=Role.COORDINATOR,
            agency=None,
        )
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN
    assert not Event.objects.filter(verb=Event.Verb.USER_CHANGED).exists()


# Switching off and on ---------------------------------------------------------------


def test_a_switched_off_user_is_refused_even_by_a_session_that_was_not_tracked(admin, make_user):
    """Django's ModelBackend refuses inactive users too: the second lock on the door."""
    leaver = make_user(Role.COORDINATOR)
    elsewhere = signed_in_elsewhere(leaver)
    UserSession.objects.filter(user=leaver).delete()  # e.g. a session from before tracking
    services.user_switch_off(actor=admin, user=leaver)
    assert elsewhere.get(reverse("web:home")).status_code == 302


def test_switching_off_withdraws_waiting_invitations(admin, invite):
    invitation, _ = invite()
    services.user_switch_off(actor=admin, user=invitation.user)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_switching_back_on_is_audited(admin, make_user):
    user = make_user(Role.MEMBER)
    services.user_switch_off(actor=admin, user=user)
    services.user_switch_on(actor=admin, user=user)
    user.refresh_from_db()
    assert user.is_active
    assert _event(Event.Verb.USER_SWITCHED_ON, user).actor == admin
    with pytest.raises(ValidationError, match="already switched on"):
        services.user_switch_on(actor=admin, user=user)


# Two-factor reset -------------------------------------------------------------------


def test_resetting_two_factor_removes_the_devices_and_ends_the_sessions(admin, make_user):
    user = make_user(Role.CHAIR)
    elsewhere = signed_in_elsewhere(user)
    assert services.two_factor_reset(actor=admin, user=user) == 1
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert elsewhere.get(reverse("web:home")).status_code == 302
    event = _event(Event.Verb.TWO_FACTOR_RESET, user)
    assert event.payload == {"devices_removed": 1, "sessions_ended": 1}


# Agencies ---------------------------------------------------------------------------


def test_adding_an_agency_is_audited(admin):
    agency = services.agency_create(actor=admin, name="  Leeds CAMHS ", kind=Agency.Kind.CAMHS)
    assert agency.name == "Leeds CAMHS"
    event = Event.objects.get(verb=Event.Verb.AGENCY_CREATED, object_id=str(agency.pk))
    assert event.actor == admin
    assert event.payload == {"name": "Leeds CAMHS", "kind": "camhs"}


def test_an_agency_name_is_unique_whatever_its_case(admin):
    AgencyFactory(name="Leeds CAMHS")
    with pytest.raises(ValidationError, match="already an agency called leeds camhs"):
        services.agency_create(actor=admin, name="leeds camhs", kind=Agency.Kind.CAMHS)


def test_changing_an_agency_keeps_before_and_after(admin):
    agency = AgencyFactory(name="Youth Offer", kind=Agency.Kind.YOUTH_OFFER)
    services.agency_update(
        actor=admin, agency=agency, name="Youth Offer", kind=Agency.Kind.OTHER, is_active=False
    )
    agency.refresh_from_db()
    assert agency.kind == Agency.Kind.OTHER and not agency.is_active
    payload = Event.objects.get(verb=Event.Verb.AGENCY_CHANGED, object_id=str(agency.pk)).payload
    assert payload == {
        "kind": {"before": "youth_offer", "after": "other"},
        "is_active": {"before": True, "after": False},
    }


def test_saving_an_agency_unchanged_writes_nothing(admin):
    agency = AgencyFactory(name="Unchanged", kind=Agency.Kind.POLICE)
    services.agency_update(
        actor=admin, agency=agency, name="Unchanged", kind=Agency.Kind.POLICE, is_active=True
    )
    assert not Event.objects.filter(verb=Event.Verb.AGENCY_CHANGED).exists()
