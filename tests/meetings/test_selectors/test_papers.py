"""A meeting's papers as read (mace.meetings.selectors.papers): the distribution list names
no child, the pack's query count does not grow with the records, and each child's
picture (the record, the last MACE outcome, the open actions) for the live screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mace.meetings.models import Outcome
from mace.meetings.selectors.papers import item_picture, last_outcome, papers_for_user
from mace.meetings.services import recording
from mace.risk.models import Assessment, Catalogue, MissingEpisode, VrmpAction
from mace.risk.services.vrmp import vrmp_create

pytestmark = pytest.mark.django_db


def test_the_distribution_list_never_names_a_child(papers_world):
    pack = papers_for_user(user=papers_world.coordinator, meeting=papers_world.meeting)
    rows = [(r.name, r.agency, r.capacity, r.invited_to) for r in pack.distribution]
    assert rows[0][3] == "The whole meeting"
    assert ("Sunita Social-Worker", papers_world.social_worker.agency.name, "Social worker") in [
        r[:3] for r in rows
    ]
    flat = " ".join(" ".join(r) for r in rows)
    for name in ("Amara", "Okonkwo", "Kayden", "Brierley"):
        assert name not in flat


def _pile_on(child, user, n):
    catalogue = Catalogue.objects.get(is_active=True)
    plan = vrmp_create(
        actor=user,
        child=child,
        vulnerabilities="Exclusion",
        next_review_date=timezone.localdate() + dt.timedelta(weeks=12),
    ).vrmp
    for i in range(n):
        Assessment.objects.create(
            child=child,
            catalogue=catalogue,
            assessor=user,
            assessed_on=timezone.localdate() - dt.timedelta(days=i),
            status="completed",
            proposed_level="high",
            final_level="high",
            completed_at=timezone.now(),
        )
        MissingEpisode.objects.create(
            child=child, kind="missing", started_at=timezone.now() - dt.timedelta(days=i + 1)
        )
        VrmpAction.objects.create(
            vrmp=plan,
            description=f"Action {i}",
            owner_agency=user.agency,
            due_date=timezone.localdate() + dt.timedelta(days=i),
        )


def test_the_packs_query_count_does_not_grow_with_the_records(papers_world):
    def count():
        with CaptureQueriesContext(connection) as queries:
            pack = papers_for_user(user=papers_world.coordinator, meeting=papers_world.meeting)
            [(p.summary, p.actions) for p in pack.items]
        return len(queries)

    _pile_on(papers_world.amara, papers_world.coordinator, 1)
    _pile_on(papers_world.kayden, papers_world.coordinator, 1)
    before = count()
    for child in (papers_world.amara, papers_world.kayden):
        plan = child.vrmps.get()
        for i in range(6):
            VrmpAction.objects.create(
                vrmp=plan,
                description=f"More {i}",
                owner_agency=papers_world.coordinator.agency,
                due_date=timezone.localdate(),
            )
            MissingEpisode.objects.create(
                child=child, kind="missing", started_at=timezone.now() - dt.timedelta(days=40 + i)
            )
    assert count() == before


def test_the_picture_holds_the_record_the_last_outcome_and_the_open_actions(live):
    picture = item_picture(meeting=live["meeting"], item=live["item"])
    assert picture.summary["plan"] is not None
    assert picture.summary["missing_recent"] == 1
    assert [a.description for a in picture.actions] == [
        "Disruption visit to the flat on Roundhay Road",
        "Weekly mentoring sessions",
    ]
    outcome = picture.last_outcome
    assert (outcome.outcome, outcome.risk_level) == (Outcome.CONTINUE.label, "High")
    assert outcome.date == live["meeting"].date - dt.timedelta(days=14)


def test_the_last_outcome_is_of_a_meeting_held_before_this_one(live):
    # Today's own discussion is not "the last outcome", nor is a meeting not yet held.
    recording.discussion_save(
        actor=live["coordinator"], item=live["item"], outcome=Outcome.CLOSE, risk_level="low"
    )
    before = last_outcome(child_id=live["amara"].pk, before=live["meeting"].date)
    assert before.outcome == Outcome.CONTINUE.label
    assert last_outcome(child_id=live["amara"].pk, before=before.date) is None
