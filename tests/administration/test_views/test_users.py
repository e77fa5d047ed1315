"""The user pages: the invite and change forms keep what was typed and name the problem,
switching a user off ends their open sessions, and the list filters, pages and takes the
same number of queries however many users."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mace.accounts import administration as services
from mace.accounts.models import Role, User, UserSession
from mace.audit.models import Event
from tests.factories import AgencyFactory, UserFactory, signed_in_elsewhere

pytestmark = pytest.mark.django_db


def _event(verb, obj) -> Event:
    return Event.objects.get(verb=verb, object_id=str(obj.pk))


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
    elsewhere = signed_in_elsewhere(leaver)
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


def test_an_administrator_cannot_switch_themselves_off(admin, admin_client):
    with pytest.raises(ValidationError, match="cannot switch yourself off"):
        services.user_switch_off(actor=admin, user=admin)
    response = admin_client.post(reverse("administration:user_switch_off", args=[admin.pk]))
    assert "You cannot switch yourself off" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


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
