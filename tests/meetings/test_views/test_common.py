"""What every meeting page does (mace.meetings.views.common): only those invited see a
meeting (the chair and the seats of a Silver or Gold series see its pages without an
invitation), only a manager runs it, a restricted record is not named, and the query
count does not grow with the agenda."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Discussion
from mace.meetings.services import agenda, invitations
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _send(coordinator, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitations_send(actor=coordinator, meeting=meeting, link_base="http://t")


@pytest.mark.parametrize(
    "path",
    [
        "agenda/add/",
        "invitations/",
        "run/",
        "run/actions/",
        "move/",
    ],
)
def test_a_member_invited_to_the_meeting_cannot_run_it(
    path, make_user, signed_in, coordinator, meeting, django_capture_on_commit_callbacks
):
    member = make_user(Role.MEMBER)
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    invitations.invitation_add(actor=coordinator, item=item, user=member, capacity="practitioner")
    _send(coordinator, meeting, django_capture_on_commit_callbacks)
    client = signed_in(member)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    assert client.get(f"/meetings/{meeting.pk}/{path}").status_code == 403


@pytest.mark.parametrize("role", [Role.MEMBER, Role.REFERRER, Role.AUDITOR, Role.SILVER])
def test_a_meeting_is_hidden_from_those_not_invited(role, make_user, signed_in, meeting):
    client = signed_in(make_user(role))
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/minutes/").status_code == 404


@pytest.mark.parametrize("page", ["", "run/", "invitations/"])
def test_meeting_pages_take_the_same_queries_for_two_children_as_for_six(
    page, signed_in, coordinator, meeting
):
    client = signed_in(coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/meetings/{meeting.pk}/{page}").status_code == 200
        return len(captured)

    meeting.capacity = 10
    meeting.save()
    for _ in range(2):
        agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    two = queries()
    for _ in range(4):
        agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    assert queries() == two


def test_a_restricted_record_on_the_agenda_is_not_named_until_the_coordinator_opens_it(
    signed_in, coordinator, meeting
):
    child = ChildFactory(given_name="Precious", family_name="Adeyemi", restricted=True)
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=child)
    client = signed_in(coordinator)

    for path in ("", "run/"):
        page = client.get(f"/meetings/{meeting.pk}/{path}").content.decode()
        assert "Precious" not in page, path
        assert "A restricted record" in page, path
    assert "Precious" not in client.get(f"/meetings/{meeting.pk}/invitations/").content.decode()
    assert not Event.objects.filter(child=child, verb=Event.Verb.CHILDREN_LISTED).exists()
    response = client.get(f"/meetings/{meeting.pk}/run/{item.pk}/")
    assert response.status_code == 302 and "break-glass" in response["Location"]
    saved = client.post(f"/meetings/{meeting.pk}/run/{item.pk}/save/", {"risk_analysis": "x"})
    assert saved.status_code == 403
    assert not Discussion.objects.filter(item=item).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("chair", 200), ("seat", 200), ("outsider", 404), ("gold", 404)],
)
def test_the_minutes_page_opens_for_the_chair_and_seats_only(silver, signed_in, who, status):
    client = signed_in(silver[who])
    held = silver["held"]
    for name in ("detail", "minutes", "papers"):
        response = client.get(reverse(f"meetings:{name}", args=[held.pk]))
        assert response.status_code == status, name
