"""High-risk children with no open statutory process, and the statutory chronology."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.casefile.selectors.chronology import child_chronology
from mace.people.models import ChildAccess
from mace.risk.models import Assessment, Catalogue, StatutoryProcess
from mace.risk.selectors.statutory import (
    children_high_risk_without_statutory,
    statutory_chronology,
    statutory_processes_by_state,
)
from mace.web.registry import at_midday
from tests.factories import AgencyFactory, ChildAccessFactory, ChildFactory

pytestmark = pytest.mark.django_db
Kind = StatutoryProcess.Kind


def _today() -> dt.date:
    return timezone.localdate()


def _assessed(child, user, level, *, days_ago=0, status="completed", completed_at=None):
    return Assessment.objects.create(
        child=child,
        catalogue=Catalogue.objects.get(is_active=True),
        assessor=user,
        assessed_on=_today() - dt.timedelta(days=days_ago),
        status=status,
        proposed_level=level,
        final_level=level,
        completed_at=(completed_at or timezone.now()) if status == "completed" else None,
    )


def _process(child, user=None, **fields):
    fields.setdefault("kind", Kind.CHILD_PROTECTION)
    fields.setdefault("started_on", _today() - dt.timedelta(days=30))
    return StatutoryProcess.objects.create(child=child, created_by=user, modified_by=user, **fields)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


def _listed(user) -> set:
    return set(children_high_risk_without_statutory(user=user).values_list("pk", flat=True))


def test_a_high_risk_child_with_no_process_is_listed(coordinator):
    child = ChildFactory()
    _assessed(child, coordinator, "high")
    assert _listed(coordinator) == {child.pk}


def test_an_open_process_takes_the_child_off_the_list(coordinator):
    child = ChildFactory()
    _assessed(child, coordinator, "high")
    _process(child)
    assert _listed(coordinator) == set()


def test_a_process_ending_today_or_later_still_counts_as_open(coordinator):
    today_child, later_child = ChildFactory(), ChildFactory()
    for child in (today_child, later_child):
        _assessed(child, coordinator, "high")
    _process(today_child, kind=Kind.STRATEGY_DISCUSSION, started_on=_today(), ended_on=_today())
    _process(later_child, ended_on=_today() + dt.timedelta(days=3))
    assert _listed(coordinator) == set()


def test_a_process_that_has_ended_does_not_count(coordinator):
    child = ChildFactory()
    _assessed(child, coordinator, "high")
    _process(child, ended_on=_today() - dt.timedelta(days=1))
    assert _listed(coordinator) == {child.pk}


def test_only_the_latest_completed_assessment_counts(coordinator):
    was_high, now_high, medium = ChildFactory(), ChildFactory(), ChildFactory()
    _assessed(was_high, coordinator, "high", days_ago=60)
    _assessed(was_high, coordinator, "medium", days_ago=10)
    _assessed(now_high, coordinator, "low", days_ago=60)
    _assessed(now_high, coordinator, "high", days_ago=10)
    _assessed(medium, coordinator, "medium")
    assert _listed(coordinator) == {now_high.pk}


def test_a_draft_assessment_does_not_count(coordinator):
    drafted, completed = ChildFactory(), ChildFactory()
    _assessed(drafted, coordinator, "high", status="draft")
    _assessed(completed, coordinator, "medium", days_ago=20)
    _assessed(completed, coordinator, "high", status="draft")  # newer, but a draft
    assert _listed(coordinator) == set()


def test_on_the_same_day_the_later_completed_assessment_wins(coordinator):
    child = ChildFactory()
    morning = timezone.now() - dt.timedelta(hours=6)
    _assessed(child, coordinator, "high", completed_at=timezone.now())
    _assessed(child, coordinator, "medium", completed_at=morning)
    assert _listed(coordinator) == {child.pk}


def test_a_never_assessed_child_is_not_listed(coordinator):
    ChildFactory()
    assert _listed(coordinator) == set()


def test_only_children_the_user_may_see(make_user, coordinator):
    member = make_user(Role.MEMBER)
    invited, hidden = ChildFactory(), ChildFactory()
    restricted = ChildFactory(restricted=True)
    for child in (invited, hidden, restricted):
        _assessed(child, coordinator, "high")
    ChildAccessFactory(user=member, child=invited, basis=ChildAccess.Basis.INVITATION)
    assert _listed(member) == {invited.pk}
    assert _listed(coordinator) == {invited.pk, hidden.pk}
    assert _listed(make_user(Role.REFERRER)) == set()


def test_the_list_takes_one_query_however_many_children(coordinator):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            list(children_high_risk_without_statutory(user=coordinator))
        return len(ctx.captured_queries)

    child = ChildFactory()
    _assessed(child, coordinator, "high")
    few = count()
    for child in ChildFactory.create_batch(15):
        _assessed(child, coordinator, "medium", days_ago=30)
        _assessed(child, coordinator, "high")
        _process(child, ended_on=_today() - dt.timedelta(days=2))
    assert count() == few == 1
    assert len(_listed(coordinator)) == 16


def test_processes_split_into_open_and_closed(coordinator):
    child = ChildFactory()
    open_ = _process(child)
    ends_today = _process(
        child, kind=Kind.STRATEGY_DISCUSSION, started_on=_today(), ended_on=_today()
    )
    closed = _process(child, kind=Kind.CHILD_IN_NEED, ended_on=_today() - dt.timedelta(days=1))
    state = statutory_processes_by_state(child=child)
    assert {p.pk for p in state.open} == {open_.pk, ends_today.pk}
    assert [p.pk for p in state.closed] == [closed.pk]


def test_chronology_entries_for_processes_and_nrm_decisions(coordinator):
    child = ChildFactory()
    started = dt.date(2026, 5, 4)
    cp = _process(
        child,
        coordinator,
        started_on=started,
        ended_on=dt.date(2026, 9, 30),
        lead_professional="Sam Okafor",
        lead_agency=AgencyFactory(name="Leeds CSW"),
    )
    nrm = _process(
        child,
        coordinator,
        kind=Kind.NRM_REFERRAL,
        started_on=started,
        reasonable_grounds="positive",
        reasonable_grounds_on=dt.date(2026, 5, 9),
        conclusive_grounds="pending",
    )
    entries = child_chronology(child=child, kinds={"statutory"})
    by_title = {e.title: e for e in entries}
    assert set(by_title) == {
        "Child Protection plan started",
        "Child Protection plan ended",
        "National Referral Mechanism referral started",
        "NRM reasonable grounds decision: positive",
    }
    first = by_title["Child Protection plan started"]
    assert first.when == at_midday(started)
    assert first.detail == "Lead: Sam Okafor, Leeds CSW."
    assert first.recorded_at == cp.created_at
    assert coordinator.full_name in first.recorded_by
    assert first.url == reverse("risk:statutory_edit", args=[child.pk, cp.pk])
    assert by_title["Child Protection plan ended"].when == at_midday(dt.date(2026, 9, 30))
    decision = by_title["NRM reasonable grounds decision: positive"]
    assert decision.when == at_midday(dt.date(2026, 5, 9))
    assert decision.url == reverse("risk:statutory_edit", args=[child.pk, nrm.pk])
    assert all(e.kind == "statutory" for e in entries)


def test_the_chronology_source_runs_a_fixed_number_of_queries(coordinator):
    child = ChildFactory()
    _process(child, coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            statutory_chronology(child=child)
        return len(ctx.captured_queries)

    few = count()
    for _ in range(10):
        _process(child, coordinator, lead_agency=AgencyFactory(), ended_on=_today())
    assert count() == few == 1
