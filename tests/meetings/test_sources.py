"""What meetings adds to the pages above it (mace.meetings.sources): the MACE discussions
and actions on the child's chronology."""

from __future__ import annotations

import pytest

from mace.meetings.services import agenda, recording
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_the_childs_chronology_shows_the_mace_discussion_and_action(
    signed_in, coordinator, meeting
):
    child = ChildFactory()
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=child)
    recording.discussion_save(
        actor=coordinator,
        item=item,
        risk_analysis="Seen with older males at the retail park",
        risk_level="high",
        outcome="recommend_statutory",
        statutory_recommendation="Strategy discussion",
    )
    recording.action_add(
        actor=coordinator,
        meeting=meeting,
        item=item,
        description="Share intelligence with the neighbourhood team",
        owner_agency=coordinator.agency,
        due_date=meeting.date,
    )
    page = signed_in(coordinator).get(f"/children/{child.pk}/chronology/").content.decode()
    assert "high, recommend a statutory process" in page
    assert "Recommended: Strategy discussion" in page
    assert "Share intelligence with the neighbourhood team" in page
