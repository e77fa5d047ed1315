"""The meeting and series pages (mace.meetings.views.meetings): the agenda each invitee
sees, what an invited agency shares before the meeting and who has not shared yet, a
meeting cancelled once its agenda is empty, and series set up through the service."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Kind, Meeting, MeetingSeries
from mace.meetings.services import agenda, invitations
from mace.meetings.services.sharing import agency_information_share
from tests.factories import FORTNIGHTLY, AgencyFactory, ChildFactory, next_wednesday

pytestmark = pytest.mark.django_db


def test_the_meetings_pages_set_up_series_through_the_service(make_user, signed_in):
    coordinator = make_user(Role.COORDINATOR)
    client = signed_in(coordinator)
    response = client.post(
        reverse("meetings:series_create"),
        {
            "name": "Child-focused MACE",
            "kind": Kind.CHILD,
            "rrule": FORTNIGHTLY,
            "first_date": next_wednesday().isoformat(),
            "start_time": "10:00",
            "duration_minutes": "180",
            "on_bank_holiday": "skip",
            "slot_minutes": "20",
            "capacity": "8",
        },
        follow=True,
    )
    assert "The series is set up" in response.content.decode()
    series = MeetingSeries.objects.get()
    assert Event.objects.filter(verb=Event.Verb.SERIES_CREATED, actor=coordinator).exists()
    agency = AgencyFactory()
    rep = make_user(Role.MEMBER, agency=agency)
    client.post(
        reverse("meetings:series_detail", args=[series.pk]),
        {"agency": str(agency.pk), "representative": str(rep.pk)},
    )
    assert Event.objects.filter(verb=Event.Verb.SERIES_MEMBER_ADDED, actor=coordinator).exists()
    again = client.post(
        reverse("meetings:series_detail", args=[series.pk]),
        {"agency": str(agency.pk), "representative": str(rep.pk)},
    )
    assert "already has a seat" in again.content.decode()


def _send(coordinator, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitations_send(actor=coordinator, meeting=meeting, link_base="http://t")


def test_a_practitioner_invited_for_one_child_sees_only_that_child_on_the_agenda(
    make_user, signed_in, coordinator, meeting, django_capture_on_commit_callbacks
):
    social_worker = make_user(Role.MEMBER)
    mine = ChildFactory(given_name="Leah", family_name="Broadbent")
    other = ChildFactory(given_name="Kwame", family_name="Asante")
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=mine)
    agenda.item_add(actor=coordinator, meeting=meeting, child=other)
    invitations.invitation_add(
        actor=coordinator, item=item, user=social_worker, capacity="social_worker"
    )
    _send(coordinator, meeting, django_capture_on_commit_callbacks)

    page = signed_in(social_worker).get(f"/meetings/{meeting.pk}/").content.decode()

    assert "Leah Broadbent" in page
    assert "Kwame Asante" not in page
    seen = Event.objects.filter(actor=social_worker, verb=Event.Verb.CHILDREN_LISTED)
    assert list(seen.values_list("child_id", flat=True)) == [mine.pk]


def test_the_agenda_shows_each_childs_time_slot(signed_in, coordinator, meeting):
    first = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    agenda.item_move(actor=coordinator, item=second, offset=-1)

    page = signed_in(coordinator).get(f"/meetings/{meeting.pk}/").content.decode()

    assert page.index(second.child.full_name) < page.index(first.child.full_name)
    assert page.index("10:00 (20 min)") < page.index(second.child.full_name)
    assert page.index("10:20 (20 min)") < page.index(first.child.full_name)


def test_a_meeting_with_children_on_its_agenda_cannot_be_cancelled_until_they_move(
    signed_in, coordinator, meeting
):

    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    client = signed_in(coordinator)
    url = f"/meetings/{meeting.pk}/cancel/"
    response = client.post(url, {"reason": "Chair unwell"})
    assert "Defer or remove the items on the agenda" in response.content.decode()
    assert "Chair unwell" in response.content.decode()  # the reason typed is kept
    agenda.item_remove(actor=coordinator, item=item, reason="Seen at strategy meeting instead")
    client.post(url, {"reason": "Chair unwell"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.move_reason) == (Meeting.Status.CANCELLED, "Chair unwell")


def _share(who, item, text="Seen twice in a car with older males", **fields):
    return agency_information_share(actor=who, item=item, information=text, **fields)


def test_the_share_page_keeps_what_was_typed_and_404s_for_another_child(table, signed_in):
    client = signed_in(table["hannah"])
    mine = reverse("meetings:share_item", args=[table["meeting"].pk, table["first"].pk])
    other = reverse("meetings:share_item", args=[table["meeting"].pk, table["second"].pk])
    assert client.get(other).status_code == 404
    response = client.post(mine, {"information": "", "source": "School record"})
    page = response.content.decode()
    assert response.status_code == 200 and "Enter what your agency knows" in page
    assert 'value="School record"' in page
    response = client.post(mine, {"information": "Attendance fell to 60%", "source": "School"})
    assert response.status_code == 302
    detail = client.get(reverse("meetings:detail", args=[table["meeting"].pk])).content.decode()
    assert "Kayden" not in detail
    assert "Shared" in detail


def test_the_chair_sees_which_invited_agencies_have_not_shared(table, signed_in):
    _share(table["jordan"], table["first"])
    client = signed_in(table["coordinator"])
    page = client.get(reverse("meetings:detail", args=[table["meeting"].pk])).context
    waiting = {item.pk: s.waiting for item, _, _, s in page["rows"]}
    assert waiting[table["first"].pk] == [
        "Leeds Children's Social Work",
        "Leeds Community Healthcare",
    ]
    assert waiting[table["second"].pk] == ["Leeds Community Healthcare", "West Yorkshire Police"]
