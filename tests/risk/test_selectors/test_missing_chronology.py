"""Missing episodes and return interviews on the child's chronology
(mace.risk.selectors.missing)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mace.accounts.models import Role
from mace.casefile.selectors.chronology import child_chronology
from mace.risk.models import MissingEpisode
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Status = MissingEpisode.InterviewStatus


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def _episode(child, user=None, **fields) -> MissingEpisode:
    fields.setdefault("kind", MissingEpisode.Kind.MISSING_FROM_CARE)
    fields.setdefault("started_at", _at(2026, 10, 20, 22, 0))
    return MissingEpisode.objects.create(child=child, created_by=user, modified_by=user, **fields)


def _edit_url(episode):
    return reverse("risk:missing_edit", args=[episode.child_id, episode.pk])


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


def test_chronology_entries_for_episodes_and_interviews(coordinator):
    child = ChildFactory()
    on_time = _episode(
        child,
        coordinator,
        started_at=_at(2026, 10, 20, 22, 0),
        ended_at=_at(2026, 10, 22, 9, 0),
        police_risk="high",
        interview_status=Status.COMPLETED,
        interview_completed_at=_at(2026, 10, 23, 10, 0),
        where_found="Bus station",
    )
    _episode(
        child,
        coordinator,
        kind=MissingEpisode.Kind.MISSING,
        started_at=_at(2026, 9, 1, 20, 0),
        ended_at=_at(2026, 9, 2, 8, 0),
        interview_status=Status.REFUSED,
        interview_not_done_reason="Declined when the worker visited",
    )
    _episode(
        child,
        coordinator,
        kind=MissingEpisode.Kind.YOUNG_RUNAWAY,
        started_at=_at(2026, 11, 1, 18, 0),
    )
    entries = child_chronology(child=child, kinds={"missing", "return_interview"})
    titles = [(e.kind, e.title) for e in entries]
    assert ("missing", "Missing from care") in titles
    assert ("missing", "Returned") in titles
    assert ("return_interview", "Return interview completed") in titles
    assert ("return_interview", "Return interview refused") in titles
    started = next(e for e in entries if e.title == "Missing from care")
    assert started.when == on_time.started_at
    assert "Police risk grading: High" in started.detail
    assert started.recorded_at == on_time.created_at
    assert started.url == _edit_url(on_time)
    assert coordinator.full_name in started.recorded_by
    assert coordinator.agency.name in started.recorded_by
    done = next(e for e in entries if e.title == "Return interview completed")
    assert done.when == _at(2026, 10, 23, 10, 0)
    assert "Within 72 hours" in done.detail
    refused = next(e for e in entries if e.title == "Return interview refused")
    assert refused.detail == "Declined when the worker visited"
    still = next(e for e in entries if e.title == "Young runaway")
    assert still.tags == ("Still missing",)
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)


def test_no_interview_entry_while_the_interview_is_pending(coordinator):
    child = ChildFactory()
    _episode(child, coordinator, ended_at=_at(2026, 10, 22, 9, 0), interview_status="offered")
    kinds = [e.kind for e in child_chronology(child=child, kinds={"return_interview"})]
    assert kinds == []


def test_the_chronology_source_runs_a_fixed_number_of_queries(coordinator):
    from mace.risk.selectors.missing import missing_chronology

    child = ChildFactory()
    _episode(child, coordinator, ended_at=_at(2026, 10, 22, 9, 0))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            missing_chronology(child=child)
        return len(ctx.captured_queries)

    few = count()
    for day in range(1, 15):
        _episode(
            child,
            coordinator,
            started_at=_at(2026, 8, day, 20, 0),
            ended_at=_at(2026, 8, day, 23, 0),
            interview_status=Status.COMPLETED,
            interview_completed_at=_at(2026, 8, day + 1, 9, 0),
        )
    assert count() == few == 1
