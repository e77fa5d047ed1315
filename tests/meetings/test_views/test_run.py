"""Running the meeting (mace.meetings.views.run): each item saved as it is discussed, with
errors in the user's terms; a closed meeting refuses changes."""

from __future__ import annotations

import pytest

from mace.meetings.models import Discussion
from mace.meetings.services import agenda, recording
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
