"""Agencies share before the meeting (issue 11.3): each invited member adds their agency's
information for each child they may see, the live screen shows it, the minutes carry it,
and the chair sees which agencies have not shared; nobody sees another child for it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mace.accounts.models import Agency, Role
from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import Contribution, Invitation, Kind, Meeting
from mace.meetings.services import agenda, invitations, minutes, recording
from mace.meetings.services.sharing import agency_information_share
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def table(make_user, django_capture_on_commit_callbacks):
    """Next week's meeting discusses Amara and Kayden. Jordan (police) is invited to the
    whole meeting, Nadia (health) too; Hannah (social work) only to Amara's slot."""
    coordinator = make_user(Role.COORDINATOR)
    police = Agency.objects.create(name="West Yorkshire Police", kind="police")
    health = Agency.objects.create(name="Leeds Community Healthcare", kind="health")
    social_work = Agency.objects.create(name="Leeds Children's Social Work", kind="csw")
    jordan = make_user(Role.MEMBER, full_name="Jordan Campbell", agency=police)
    nadia = make_user(Role.MEMBER, full_name="Nadia Rahman", agency=health)
    hannah = make_user(Role.MEMBER, full_name="Hannah Gill", agency=social_work)
    meeting = Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=clock.today() + dt.timedelta(days=7),
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
    )
    amara = ChildFactory(given_name="Amara", family_name="Okonkwo")
    kayden = ChildFactory(given_name="Kayden", family_name="Brierley")
    first = agenda.item_add(actor=coordinator, meeting=meeting, child=amara)
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=kayden)
    for member in (jordan, nadia):
        Invitation.objects.create(meeting=meeting, user=member, capacity=Invitation.Capacity.CORE)
    invitations.invitation_add(actor=coordinator, item=first, user=hannah, capacity="social_worker")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitations_send(actor=coordinator, meeting=meeting, link_base="https://t")
    return {
        "coordinator": coordinator,
        "jordan": jordan,
        "nadia": nadia,
        "hannah": hannah,
        "meeting": meeting,
        "first": first,
        "second": second,
    }


def _share(who, item, text="Seen twice in a car with older males", **fields):
    return agency_information_share(actor=who, item=item, information=text, **fields)


def test_an_invited_member_shares_their_agencys_information(table, audited):
    entry = _share(
        table["jordan"],
        table["first"],
        known_since=clock.today() - dt.timedelta(days=30),
        source="Intelligence report, graded B2",
    )
    assert (entry.agency.name, entry.shared_by) == ("West Yorkshire Police", table["jordan"])
    assert entry.source == "Intelligence report, graded B2"
    audited(
        Event.Verb.INFORMATION_SHARED,
        actor=table["jordan"],
        child=table["first"].child,
        obj=entry,
    )
    # Sharing again replaces the agency's entry: one per agency and item.
    _share(table["jordan"], table["first"], text="Updated: a third sighting")
    assert Contribution.objects.get().information == "Updated: a third sighting"


def test_a_slot_invitee_shares_for_their_child_only(table, audited):
    _share(table["hannah"], table["first"])
    with pytest.raises(PermissionDenied):
        _share(table["hannah"], table["second"])
    audited(Event.Verb.INFORMATION_SHARED, count=1)


def test_someone_not_invited_cannot_share(table, make_user):
    outsider = make_user(Role.MEMBER, agency=Agency.objects.get(name="West Yorkshire Police"))
    with pytest.raises(PermissionDenied):
        _share(outsider, table["first"])


def test_information_is_not_added_here_once_the_meeting_is_held(table):
    Meeting.objects.filter(pk=table["meeting"].pk).update(status=Meeting.Status.HELD)
    table["first"].meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="has been held"):
        _share(table["jordan"], table["first"])


def test_empty_information_and_a_future_date_are_refused(table):
    with pytest.raises(ValidationError) as refused:
        _share(
            table["jordan"], table["first"], text=" ", known_since=clock.today() + dt.timedelta(1)
        )
    assert set(refused.value.message_dict) == {"information", "known_since"}


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


def test_the_live_screen_shows_it_and_the_minutes_carry_it(table, signed_in):
    _share(
        table["jordan"],
        table["first"],
        known_since=dt.date(2026, 10, 1),
        source="Intelligence report, graded B2",
    )
    client = signed_in(table["coordinator"])
    url = reverse("meetings:run_item", args=[table["meeting"].pk, table["first"].pk])
    page = client.get(url).content.decode()
    assert "Seen twice in a car with older males" in page
    assert "Shared before the meeting by Jordan Campbell" in page
    assert "source: Intelligence report, graded B2" in page
    for item in (table["first"], table["second"]):
        recording.discussion_save(
            actor=table["coordinator"],
            item=item,
            risk_level="medium",
            outcome="continue",
            next_review_date=clock.today() + dt.timedelta(days=28),
        )
    recording.meeting_close(actor=table["coordinator"], meeting=table["meeting"])
    drafted = minutes.minutes_draft(actor=table["coordinator"], meeting=table["meeting"])
    text = drafted.entries.get(item=table["first"]).text
    assert "West Yorkshire Police: Seen twice in a car with older males" in text
    assert "known since 1 October 2026; source: Intelligence report, graded B2" in text
