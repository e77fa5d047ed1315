"""A meeting's papers as read (mace.meetings.selectors.papers): the distribution list names
no child, and the pack's query count does not grow with the records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mace.meetings.selectors.papers import papers_for_user
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
