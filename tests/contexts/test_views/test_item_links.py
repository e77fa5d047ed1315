"""The live meeting screen records connections as links: the Connections panel on an item's
run page, and the view its form posts to (origin: the meeting, this item)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, Link, Node
from mace.core import clock
from mace.meetings.models import Meeting
from mace.meetings.models.series import Kind
from mace.meetings.services.agenda import item_add
from tests.factories import ChildFactory, UserFactory, context_made, linked, meeting_on

pytestmark = pytest.mark.django_db

GRADING = {"link-source_grade": "2", "link-intelligence_grade": "B", "link-handling": "P"}


@pytest.fixture
def coordinator():
    return UserFactory(role=Role.COORDINATOR)


@pytest.fixture
def meeting():
    return meeting_on(
        clock.today() + dt.timedelta(days=5), kind=Kind.CONTEXT, chair=UserFactory(role="chair")
    )


def _run_url(item):
    return reverse("meetings:run_item", args=[item.meeting_id, item.pk])


def _post(client, item, **fields):
    data = {**GRADING, **{f"link-{k}": v for k, v in fields.items()}}
    return client.post(reverse("contexts:item_link_add", args=[item.pk]), data)


def test_the_panel_shows_the_place_links_and_the_form(signed_in, coordinator, meeting):
    place = context_made(Context.Kind.PLACE, "Chicken Shack")
    person = context_made(Context.Kind.PERSON, "Dean Harrop")
    linked(person, place, Link.Relation.SEEN_AT)
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    page = signed_in(coordinator).get(_run_url(item)).content.decode()
    assert 'data-testid="connections-panel"' in page
    assert "Dean Harrop" in page and "has been seen at" in page
    assert 'data-testid="link-form"' in page
    # The read of the person of concern shown is logged.
    event = Event.objects.filter(verb=Event.Verb.CONTEXT_VIEWED, actor=coordinator).last()
    assert str(person.pk) in event.payload["contexts"]


def test_recording_a_link_from_the_meeting(signed_in, coordinator, meeting, audited):
    place = context_made(Context.Kind.PLACE, "Chicken Shack")
    group = context_made(Context.Kind.PEER_GROUP, "Seacroft Boys")
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    response = _post(
        signed_in(coordinator),
        item,
        other=str(group.pk),
        relation=Link.Relation.ASSOCIATES,
        first_seen_day="1",
        first_seen_month="10",
        first_seen_year="2026",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{_run_url(item)}#connections"
    link = Link.objects.get()
    assert (link.source.context, link.target.context) == (place, group)
    assert (link.origin, link.agenda_item, link.status) == ("meeting", item, "confirmed")
    assert link.first_seen == dt.date(2026, 10, 1)
    audited(Event.Verb.LINK_ADDED, actor=coordinator, obj=link)


def test_a_phone_typed_in_and_a_child_exploited_the_right_way_round(signed_in, coordinator):
    meeting = meeting_on(clock.today() + dt.timedelta(days=5), chair=UserFactory(role="chair"))
    child = ChildFactory()
    item = item_add(actor=coordinator, meeting=meeting, child=child)
    person = context_made(Context.Kind.PERSON, "Dean Harrop")
    client = signed_in(coordinator)
    assert _post(client, item, identifier_kind="phone", identifier="07700 900123", relation="uses")[
        "Location"
    ].endswith("#connections")
    assert _post(client, item, other=str(person.pk), relation="exploits").status_code == 302
    uses = Link.objects.get(relation="uses")
    assert (uses.source.child, uses.target.kind, uses.target.value) == (
        child,
        "phone",
        "07700900123",
    )
    exploits = Link.objects.get(relation="exploits")
    assert (exploits.source.context, exploits.target.child) == (person, child)
    assert not Link.objects.filter(relation="exploits", source__kind=Node.Kind.CHILD).exists()
    # The run page shows the child's links, the child named to the coordinator.
    page = client.get(_run_url(item)).content.decode()
    assert "is suspected of exploiting" in page and "07700 900123" in page


def test_errors_are_shown_again_with_what_was_typed(signed_in, coordinator, meeting):
    place = context_made(Context.Kind.PLACE, "Chicken Shack")
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    client = signed_in(coordinator)
    response = client.post(
        reverse("contexts:item_link_add", args=[item.pk]),
        {
            "link-identifier_kind": "vehicle",
            "link-identifier": "not a plate",
            "link-relation": "uses",
            "link-description": "Seen dropping off at the back door",
            "link-source_grade": "2",
            "link-intelligence_grade": "B",
            "link-handling": "C",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a registration that can be matched" in page
    assert "Seen dropping off at the back door" in page and "not a plate" in page
    assert not Link.objects.exists()
    response = _post(client, item, relation="uses")
    assert "Choose the record this is connected to, or type one in" in response.content.decode()
    response = client.post(
        reverse("contexts:item_link_add", args=[item.pk]),
        {
            "link-identifier_kind": "phone",
            "link-identifier": "07700 900123",
            "link-relation": "uses",
            "link-source_grade": "2",
            "link-intelligence_grade": "B",
            "link-handling": "C",
        },
    )
    assert "Record the conditions on sharing (handling code C)" in response.content.decode()
    assert not Link.objects.exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.MEMBER, Role.CHAIR])
def test_only_the_meetings_managers_record_and_see_the_panel(signed_in, coordinator, meeting, role):
    place = context_made(Context.Kind.PLACE, "Chicken Shack")
    group = context_made(Context.Kind.PEER_GROUP, "Seacroft Boys")
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    user = UserFactory(role=role)
    if role == Role.CHAIR:
        meeting.chair = user
        meeting.save(update_fields=["chair"])
    response = _post(signed_in(user), item, other=str(group.pk), relation="associates")
    if role == Role.CHAIR:  # the chair runs the meeting too
        assert response.status_code == 302 and Link.objects.count() == 1
        return
    assert response.status_code in (403, 404)
    assert not Link.objects.exists()


def test_a_closed_meeting_records_no_link_and_shows_no_form(signed_in, coordinator, meeting):
    place = context_made(Context.Kind.PLACE, "Chicken Shack")
    group = context_made(Context.Kind.PEER_GROUP, "Seacroft Boys")
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    client = signed_in(coordinator)
    response = _post(client, item, other=str(group.pk), relation="associates")
    assert response.status_code == 302
    assert not Link.objects.exists()
    page = client.get(_run_url(item)).content.decode()
    assert 'data-testid="connections-panel"' in page
    assert 'data-testid="link-form"' not in page


def test_the_panel_reads_a_fixed_number_of_queries(
    signed_in, coordinator, meeting, django_assert_max_num_queries
):
    place = context_made(Context.Kind.PLACE, "Chicken Shack", actor=coordinator)
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    client = signed_in(coordinator)

    # (Every user made would add a row to the page's action owners: none is made.)
    def links(n):
        for number in range(n):
            linked(ChildFactory(), place, Link.Relation.SEEN_AT, by=coordinator)
            person = context_made(Context.Kind.PERSON, f"Person {number}", actor=coordinator)
            linked(person, place, "seen_at", by=coordinator)

    links(1)
    client.get(_run_url(item))
    with django_assert_max_num_queries(80) as few:
        client.get(_run_url(item))
    links(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_run_url(item)).status_code == 200
