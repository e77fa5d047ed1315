"""Users: invite, change, switch off (every session ended) and on, reset two-factor."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts import administration as services
from mace.accounts.models import Invitation, Role, User, UserSession
from mace.audit.models import Event
from tests.factories import LINK_BASE, AgencyFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in_elsewhere(user) -> Client:
    """Another browser: the user signed in there, second factor passed."""
    other = Client()
    other.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    session = other.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return other


def _event(verb, obj) -> Event:
    return Event.objects.get(verb=verb, object_id=str(obj.pk))


# Permission first, for every service -------------------------------------------------


SERVICES = {
    "user_invite": lambda actor, target: services.user_invite(
        actor=actor,
        email="x@test.example",
        full_name="X",
        role=Role.MEMBER,
        agency=None,
        link_base=LINK_BASE,
    ),
    "user_reinvite": lambda actor, target: services.user_reinvite(
        actor=actor, user=target, link_base=LINK_BASE
    ),
    "user_change": lambda actor, target: services.user_change(
        actor=actor, user=target, full_name="Y", job_title="", role=Role.CHAIR, agency=None
    ),
    "user_switch_off": lambda actor, target: services.user_switch_off(actor=actor, user=target),
    "user_switch_on": lambda actor, target: services.user_switch_on(actor=actor, user=target),
    "two_factor_reset": lambda actor, target: services.two_factor_reset(actor=actor, user=target),
    "agency_create": lambda actor, target: services.agency_create(
        actor=actor, name="New Agency", kind="police"
    ),
    "agency_update": lambda actor, target: services.agency_update(
        actor=actor, agency=target.agency, name="Renamed", kind="police", is_active=True
    ),
    "users_for_administration": lambda actor, target: services.users_for_administration(
        actor=actor
    ),
}


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_only_an_administrator_may_call_the_user_and_agency_services(service, role, make_user):
    actor = make_user(role)
    target = make_user(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        SERVICES[service](actor, target)
    target.refresh_from_db()
    assert target.is_active and target.role == Role.MEMBER
    assert not Event.objects.filter(actor=actor).exists()


# Inviting ----------------------------------------------------------------------------


def test_inviting_creates_a_user_without_a_password_and_emails_a_hashed_link(admin, invite):
    agency = AgencyFactory(name="West Yorkshire Police")
    invitation, token = invite(role=Role.MEMBER, agency=agency, job_title="Detective Constable")
    user = invitation.user
    assert user.email == "new.person@test.example"
    assert (user.role, user.agency, user.job_title) == (Role.MEMBER, agency, "Detective Constable")
    assert not user.has_usable_password()
    assert user.is_active
    assert token not in invitation.token_hash  # only the hash is stored
    assert Invitation.objects.filter(token_hash=services.token_hash(token)).count() == 1
    event = _event(Event.Verb.USER_INVITED, user)
    assert event.actor == admin
    assert event.payload["role"] == Role.MEMBER
    assert event.payload["agency"] == "West Yorkshire Police"


def test_inviting_an_existing_email_is_refused_clearly(admin, make_user):
    make_user(Role.MEMBER, email="taken@test.example")
    with pytest.raises(ValidationError) as info:
        services.user_invite(
            actor=admin,
            email="Taken@Test.example",
            full_name="Someone",
            role=Role.MEMBER,
            agency=None,
            link_base=LINK_BASE,
        )
    assert "already a user with the email address taken@test.example" in str(info.value)
    assert not Event.objects.filter(verb=Event.Verb.USER_INVITED).exists()


def test_the_invite_page_keeps_what_was_typed_and_names_the_problem(admin_client):
    response = admin_client.post(
        reverse("administration:user_invite"),
        {"full_name": "Priya Patel", "email": "not-an-email", "role": Role.CHAIR},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter an email address in the right format" in content
    assert 'value="Priya Patel"' in content
    assert 'value="not-an-email"' in content
    assert not User.objects.filter(full_name="Priya Patel").exists()


def test_the_invite_page_invites_and_shows_the_user(
    admin_client, django_capture_on_commit_callbacks
):
    agency = AgencyFactory(name="Leeds Children's Social Work")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("administration:user_invite"),
            {
                "full_name": "Priya Patel",
                "email": "priya.patel@test.example",
                "role": Role.CHAIR,
                "agency": str(agency.pk),
                "job_title": "Service manager",
            },
            follow=True,
        )
    assert response.status_code == 200
    assert "Priya Patel is invited" in response.content.decode()
    assert "Invited" in response.content.decode()
    assert User.objects.get(email="priya.patel@test.example").role == Role.CHAIR


def test_reinviting_revokes_the_older_link(admin, invite):
    first, _ = invite()
    second = services.user_reinvite(actor=admin, user=first.user, link_base=LINK_BASE)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_pending()
    events = Event.objects.filter(verb=Event.Verb.USER_INVITED, object_id=str(first.user.pk))
    assert events.count() == 2
    assert events.first().payload["revoked"] == 1


def test_a_user_with_a_password_cannot_be_reinvited(admin, make_user):
    user = make_user(Role.MEMBER)
    with pytest.raises(ValidationError, match="already chosen a password"):
        services.user_reinvite(actor=admin, user=user, link_base=LINK_BASE)


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


def test_the_change_page_shows_the_own_role_error_and_keeps_the_input(admin, admin_client):
    response = admin_client.post(
        reverse("administration:user_change", args=[admin.pk]),
        {"full_name": "Ada Renamed", "role": Role.MEMBER, "job_title": "Officer"},
    )
    content = response.content.decode()
    assert "You cannot remove your own administrator role" in content
    assert 'value="Ada Renamed"' in content
    admin.refresh_from_db()
    assert admin.full_name == "Ada Admin"


# Switching off and on ---------------------------------------------------------------


def test_a_switched_off_users_open_session_is_refused_on_its_next_request(admin_client, make_user):
    leaver = make_user(Role.COORDINATOR, email="leaver@test.example")
    elsewhere = _signed_in_elsewhere(leaver)
    assert elsewhere.get(reverse("web:home")).status_code == 200
    key = elsewhere.session.session_key
    assert UserSession.objects.filter(user=leaver, session_key=key).exists()

    response = admin_client.post(reverse("administration:user_switch_off", args=[leaver.pk]))
    assert response.status_code == 302

    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(user=leaver).exists()
    refused = elsewhere.get(reverse("web:home"))
    assert refused.status_code == 302
    assert refused.url.startswith(reverse("accounts:login"))
    leaver.refresh_from_db()
    assert not leaver.is_active
    event = _event(Event.Verb.USER_SWITCHED_OFF, leaver)
    assert event.payload["sessions_ended"] == 1


def test_a_switched_off_user_is_refused_even_by_a_session_that_was_not_tracked(admin, make_user):
    """Django's ModelBackend refuses inactive users too: the second lock on the door."""
    leaver = make_user(Role.COORDINATOR)
    elsewhere = _signed_in_elsewhere(leaver)
    UserSession.objects.filter(user=leaver).delete()  # e.g. a session from before tracking
    services.user_switch_off(actor=admin, user=leaver)
    assert elsewhere.get(reverse("web:home")).status_code == 302


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


def test_an_administrator_cannot_switch_themselves_off(admin, admin_client):
    with pytest.raises(ValidationError, match="cannot switch yourself off"):
        services.user_switch_off(actor=admin, user=admin)
    response = admin_client.post(reverse("administration:user_switch_off", args=[admin.pk]))
    assert "You cannot switch yourself off" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


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
    elsewhere = _signed_in_elsewhere(user)
    assert services.two_factor_reset(actor=admin, user=user) == 1
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert elsewhere.get(reverse("web:home")).status_code == 302
    event = _event(Event.Verb.TWO_FACTOR_RESET, user)
    assert event.payload == {"devices_removed": 1, "sessions_ended": 1}


def test_after_a_reset_the_next_password_sign_in_enrols_again(admin, make_user, client, settings):
    from tests.factories import TEST_PASSWORD

    settings.MACE_WAIVE_2FA = False
    user = make_user(Role.CHAIR)
    TOTPDevice.objects.create(user=user, name="old phone", confirmed=True)
    services.two_factor_reset(actor=admin, user=user)
    client.post(reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD})
    response = client.get(reverse("accounts:two_factor"))
    assert "Set up two-factor authentication" in response.content.decode()


# The list ---------------------------------------------------------------------------


def test_the_user_list_filters_by_role_agency_status_and_search(admin_client):
    police = AgencyFactory(name="Police")
    UserFactory(role=Role.MEMBER, agency=police, full_name="Hannah Wright")
    UserFactory(role=Role.CHAIR, agency=police, full_name="Omar Chaudhry")
    off = UserFactory(role=Role.MEMBER, full_name="Gareth Jones", is_active=False)
    url = reverse("administration:user_list")

    def names(**query):
        response = admin_client.get(url, query)
        return [u.full_name for u in response.context["page"].object_list]

    assert names(role=Role.MEMBER, active="yes") == ["Hannah Wright"]
    assert names(agency=str(police.pk)) == ["Hannah Wright", "Omar Chaudhry"]
    assert names(active="no") == [off.full_name]
    assert names(q="chaudhry") == ["Omar Chaudhry"]
    assert names(q=off.email.upper()) == ["Gareth Jones"]  # the email address too
    assert names(q="nobody by this name") == []


def test_the_user_list_paginates(admin_client):
    UserFactory.create_batch(30, role=Role.MEMBER)
    response = admin_client.get(reverse("administration:user_list"))
    page = response.context["page"]
    assert len(page.object_list) == 25
    assert page.paginator.count == 31
    assert "Page 1 of 2" in response.content.decode()


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("administration:user_list")).status_code == 200
    return len(queries)


def test_the_user_list_takes_the_same_number_of_queries_however_many_users(
    admin_client, django_assert_max_num_queries
):
    for _ in range(3):
        UserFactory(role=Role.MEMBER, agency=AgencyFactory())
    few = _list_queries(admin_client)
    for _ in range(40):
        UserFactory(role=Role.MEMBER, agency=AgencyFactory())
    with django_assert_max_num_queries(few):
        admin_client.get(reverse("administration:user_list"))
    assert _list_queries(admin_client) == few


def test_no_administration_page_names_a_child(admin_client, admin):
    child = ChildFactory(given_name="Zebedee", family_name="Quartermaine")
    pages = [
        reverse("web:home"),
        reverse("administration:index"),
        reverse("administration:user_list"),
        reverse("administration:user_detail", args=[admin.pk]),
        reverse("administration:agency_list"),
        reverse("administration:domain_list"),
        reverse("administration:series_list"),
        reverse("administration:catalogue_list"),
    ]
    for url in pages:
        content = admin_client.get(url).content.decode()
        assert "Zebedee" not in content and "Quartermaine" not in content, url
        assert str(child.pk) not in content, url
    assert not Event.objects.filter(child=child).exists()


def test_the_home_page_shows_the_counts(admin_client, invite):
    invite()
    response = admin_client.get(reverse("web:home"))
    assert response.context["invitation_count"] == 1
    assert response.context["user_count"] == User.objects.filter(is_active=True).count()
    assert 'data-testid="invitation-count">1<' in response.content.decode()
