"""Running the meeting (mace.meetings.views.run): the child's picture and what the agencies
shared before the boxes, each item saved as it is discussed, with errors in the user's
terms; a closed meeting refuses changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mace.core import clock
from mace.meetings.models import Discussion
from mace.meetings.services import agenda, minutes, recording
from mace.meetings.services.sharing import agency_information_share
from mace.risk.models import MissingEpisode
from tests.factories import AgencyFactory, ChildFactory

pytestmark = pytest.mark.django_db


def test_autosave_keeps_every_valid_field_when_one_is_wrong(signed_in, coordinator, meeting):
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    agency = AgencyFactory(name="Leeds Youth Justice Service")
    response = signed_in(coordinator).post(
        f"/meetings/{meeting.pk}/run/{item.pk}/save/",
        {
            "risk_analysis": "Carrying for an older male",
            "risk_level": "high",
            "next_review_date": "31/02/2027",
            f"contribution-{agency.pk}": "Known to YJS since March",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True
    assert "next_review_date" in body["errors"]
    discussion = Discussion.objects.get(item=item)
    assert (discussion.risk_analysis, discussion.risk_level) == (
        "Carrying for an older male",
        "high",
    )
    assert discussion.next_review_date is None
    assert [(c.agency, c.information) for c in discussion.contributions.all()] == [
        (agency, "Known to YJS since March")
    ]


def test_saving_an_item_says_what_it_still_needs(signed_in, coordinator, meeting):
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    response = signed_in(coordinator).post(
        f"/meetings/{meeting.pk}/run/{item.pk}/",
        {"risk_analysis": "Going missing from placement", "outcome": "continue"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Record the risk level agreed" in page
    assert "Set the next review date" in page
    assert Discussion.objects.get(item=item).risk_analysis == "Going missing from placement"


def test_a_stale_live_screen_cannot_change_a_closed_meeting(signed_in, coordinator, meeting):
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    recording.discussion_save(
        actor=coordinator,
        item=item,
        risk_level="medium",
        outcome="step_down",
    )
    recording.meeting_close(actor=coordinator, meeting=meeting)

    response = signed_in(coordinator).post(
        f"/meetings/{meeting.pk}/run/{item.pk}/save/", {"outcome": ""}
    )

    assert response.status_code == 409
    assert "correct the minutes" in response.json()["errors"][0]
    assert Discussion.objects.get(item=item).outcome == "step_down"


def test_the_live_screen_shows_the_picture_before_the_boxes(live, signed_in):
    url = reverse("meetings:run_item", args=[live["meeting"].pk, live["item"].pk])
    page = signed_in(live["coordinator"]).get(url).content.decode()
    picture_at = page.index("Amara Okonkwo’s picture")
    assert picture_at < page.index('name="risk_analysis"')
    for shown in (
        "Disruption visit to the flat on Roundhay Road",
        "Weekly mentoring sessions",
        "1 in the last 90 days",
        "Continue at MACE",
        "risk agreed high",
        "Active",
    ):
        assert shown in page[picture_at:], shown


def test_the_live_screen_reads_a_fixed_number_of_queries_whatever_the_history(live, signed_in):
    client = signed_in(live["coordinator"])
    url = reverse("meetings:run_item", args=[live["meeting"].pk, live["item"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for days in range(20, 200, 20):
        MissingEpisode.objects.create(
            child=live["amara"], kind="missing", started_at=clock.now() - dt.timedelta(days=days)
        )
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first)


def _share(who, item, text="Seen twice in a car with older males", **fields):
    return agency_information_share(actor=who, item=item, information=text, **fields)


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
