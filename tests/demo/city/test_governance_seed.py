"""The seeded city's Silver and Gold: two years of escalations from its meetings, the action
plan in every RAG state with progress over time, case audits, Gold's decisions and
challenges; written through the services, so audit events and grants are as in life."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mace.accounts.models import Role, User
from mace.audit.models import Event
from mace.core import clock
from mace.demo.governance import demo_governance_ensure
from mace.demo.users import demo_email
from mace.governance.models import (
    RAG,
    AssuranceActivity,
    AssuranceFinding,
    Audience,
    Challenge,
    Escalation,
    Objective,
    PlanItem,
    ProgressUpdate,
    Recommendation,
)
from mace.meetings.models import Kind
from mace.people.models import ChildAccess
from mace.people.selectors import children_visible_to

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]

EIGHTEEN_MONTHS = dt.timedelta(days=548)


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


def _last_quarters(today: dt.date, count: int) -> set[tuple[int, int]]:
    year, quarter = _quarter(today)
    quarters = set()
    for _ in range(count):
        quarters.add((year, quarter))
        year, quarter = (year - 1, 3) if quarter == 0 else (year, quarter - 1)
    return quarters


class TestTheSeededSilverAndGold:
    def test_escalations_to_silver_come_from_the_meetings_findings(self, seeded):
        to_silver = Escalation.objects.filter(to=Audience.SILVER)
        from_findings = to_silver.exclude(raised_from_finding=None).select_related(
            "raised_from_finding__meeting"
        )
        assert from_findings.count() >= 5
        for escalation in from_findings:
            finding = escalation.raised_from_finding
            assert finding.meeting.kind in (Kind.CHILD, Kind.CONTEXT)
            assert finding in escalation.findings.all()
            assert finding.meeting in escalation.meetings.all()
            assert escalation.created_at > finding.meeting.ends_at
        # Some name the places and themes behind them, some the children discussed.
        assert from_findings.exclude(contexts=None).exists()
        assert from_findings.exclude(children=None).exists()
        # The first year's came from the chair, not from a finding.
        assert to_silver.filter(raised_from_finding=None, created_by__role=Role.CHAIR).count() >= 3
        assert {e.kind for e in to_silver} >= {
            Escalation.Kind.THEME,
            Escalation.Kind.TREND,
            Escalation.Kind.EMERGING_RISK,
            Escalation.Kind.PRACTICE_ISSUE,
            Escalation.Kind.RESOURCE_PRESSURE,
        }

    def test_escalations_are_open_responded_or_closed_over_two_years(self, seeded):
        now = clock.now()
        escalations = list(Escalation.objects.select_related("responded_by", "owner"))
        assert {e.status for e in escalations if e.to == Audience.SILVER} == {
            "open",
            "responded",
            "closed",
        }
        for e in escalations:
            assert e.owner.role in (Role.CHAIR, Role.COORDINATOR, Role.SILVER, Role.GOLD)
            if e.status == Escalation.Status.OPEN:
                assert not e.response and e.responded_at is None
            else:
                assert e.response
                assert e.created_at < e.responded_at < now
                assert e.responded_by.role == {"silver": Role.SILVER, "gold": Role.GOLD}[e.to]
            if e.status == Escalation.Status.CLOSED:
                assert e.responded_at < e.closed_at < now
        # Raised in at least seven of the last eight quarters, as it happened: each one's
        # audit event is dated when it was raised.
        raised = {_quarter(timezone.localdate(e.created_at)) for e in escalations}
        assert len(raised & _last_quarters(clock.today(), 8)) >= 7
        events = Event.objects.filter(verb=Event.Verb.ESCALATION_RAISED)
        assert events.count() == len(escalations)
        at = {str(e.pk): e.created_at for e in escalations}
        assert all(at[event.object_id] == event.at for event in events)

    def test_escalations_to_gold_raised_on_from_silver_and_from_silver_meetings(self, seeded):
        to_gold = Escalation.objects.filter(to=Audience.GOLD)
        raised_on = to_gold.exclude(parent=None).select_related("parent")
        assert raised_on.count() >= 2
        for escalation in raised_on:
            parent = escalation.parent
            assert parent.to == Audience.SILVER
            assert escalation.created_by.role == Role.SILVER
            assert parent.responded_at <= escalation.created_at
            assert set(escalation.findings.all()) == set(parent.findings.all())
            assert set(escalation.meetings.all()) == set(parent.meetings.all())
        assert raised_on.exclude(findings=None).exists()
        from_silver = to_gold.filter(raised_from_finding__meeting__kind=Kind.SILVER)
        assert from_silver.exists()
        for escalation in from_silver:
            assert escalation.raised_from_finding.meeting in escalation.meetings.all()

    def test_a_child_escalated_to_gold_opens_to_the_gold_demo_user(self, seeded):
        gold = User.objects.get(email=demo_email(Role.GOLD))
        silver = User.objects.get(email=demo_email(Role.SILVER))
        children = Escalation.objects.filter(to=Audience.GOLD, kind=Escalation.Kind.CHILD)
        assert 1 <= children.count() <= 3
        still_open = children.exclude(status=Escalation.Status.CLOSED)
        assert still_open.exists()
        for escalation in still_open:
            assert escalation.meetings.filter(kind=Kind.CHILD).exists()
            (child,) = escalation.children.all()
            assert children_visible_to(gold).filter(pk=child.pk).exists()
            assert (
                ChildAccess.objects.active()
                .filter(user=gold, child=child, basis=ChildAccess.Basis.ESCALATION)
                .exists()
            )
            named_to_silver = (
                Escalation.objects.filter(to=Audience.SILVER, children=child)
                .exclude(status=Escalation.Status.CLOSED)
                .exists()
            )
            if not named_to_silver:
                assert not children_visible_to(silver).filter(pk=child.pk).exists()
        # Gold sees the children of its open escalations and no other (closing ended the
        # rest); Silver likewise.
        for user, to in ((gold, Audience.GOLD), (silver, Audience.SILVER)):
            named = set(
                Escalation.objects.filter(to=to)
                .exclude(status=Escalation.Status.CLOSED)
                .values_list("children", flat=True)
            ) - {None}
            assert set(children_visible_to(user).values_list("pk", flat=True)) == named
        assert (
            ChildAccess.objects.filter(basis=ChildAccess.Basis.ESCALATION)
            .exclude(revoked_at=None)
            .exists()
        )

    def test_the_plan_has_items_in_every_rag_state_under_each_objective(self, seeded):
        items = list(PlanItem.objects.select_related("objective", "owner"))
        assert {item.rag for item in items} == set(RAG.values)
        assert {item.objective for item in items} == set(Objective.objects.all())
        assert Objective.objects.count() == 3
        for item in items:
            assert item.owner.role in (Role.CHAIR, Role.COORDINATOR, Role.SILVER, Role.GOLD)
            latest = item.updates.order_by("-on", "-created_at").first()
            assert latest is not None, item.title
            assert item.rag == latest.rag
        # Some were added in answer to an escalation and the finding behind it.
        driven = PlanItem.objects.exclude(escalations=None).exclude(findings=None)
        assert driven.exists()
        for item in driven:
            escalation = item.escalations.get()
            assert escalation.created_at < item.created_at
            assert set(item.findings.all()) <= set(escalation.findings.all())

    def test_progress_updates_over_more_than_eighteen_months_move_the_rag(self, seeded):
        today = clock.today()
        updates = list(ProgressUpdate.objects.select_related("item"))
        days = [u.on for u in updates]
        assert max(days) - min(days) > EIGHTEEN_MONTHS
        assert max(days) <= today
        for update in updates:
            assert timezone.localdate(update.created_at) == update.on
            assert update.on >= timezone.localdate(update.item.created_at)
        # The RAG changed along the way, not only at the end.
        changed = [
            item
            for item in PlanItem.objects.all()
            if len(set(item.updates.values_list("rag", flat=True))) > 1
        ]
        assert len(changed) >= 6
        recorded = Event.objects.filter(verb=Event.Verb.PLAN_PROGRESS_RECORDED)
        assert recorded.count() == len(updates)

    def test_case_audits_name_children_and_find_each_rating(self, seeded):
        activities = AssuranceActivity.objects.all()
        assert activities.count() >= 4
        for activity in activities:
            children = list(activity.children.all())
            assert children, activity.title
            assert not any(child.restricted for child in children)
            assert activity.findings.exists()
            assert activity.standard and activity.carried_out_by and activity.summary
            assert activity.carried_out_on < timezone.localdate(activity.created_at)
        ratings = set(AssuranceFinding.objects.values_list("rating", flat=True))
        assert ratings == set(AssuranceFinding.Rating.values)
        assert activities.exclude(plan_item=None).exists()
        first, last = (
            activities.order_by("carried_out_on").first(),
            activities.order_by("carried_out_on").last(),
        )
        assert last.carried_out_on - first.carried_out_on > dt.timedelta(days=365)

    def test_gold_decided_recommendations_and_one_awaits_its_decision(self, seeded):
        today = clock.today()
        recommendations = list(Recommendation.objects.select_related("decided_by"))
        assert {r.kind for r in recommendations} == set(Recommendation.Kind.values)
        decided = [r for r in recommendations if r.decision]
        awaiting = [r for r in recommendations if not r.decision]
        assert awaiting and decided
        assert all(r.decided_on is None for r in awaiting)
        assert {r.decision for r in decided} >= {"agreed", "not_agreed"}
        for r in decided:
            assert r.decided_by.role == Role.GOLD
            assert timezone.localdate(r.created_at) < r.decided_on <= today
            assert r.decision_note
        # One was deferred first, and decided at a later date.
        deferred = Recommendation.history.filter(decision=Recommendation.Decision.DEFERRED)
        assert deferred.exists()
        again = Recommendation.objects.get(pk=deferred.first().id)
        assert again.decision == Recommendation.Decision.AGREED
        assert again.decided_on > deferred.first().decided_on
        assert Recommendation.objects.exclude(escalation=None).exists()

    def test_gold_challenges_answered_by_silver_and_one_not_yet(self, seeded):
        challenges = list(Challenge.objects.select_related("raised_by", "answered_by"))
        answered = [c for c in challenges if c.answered_at]
        unanswered = [c for c in challenges if not c.answered_at]
        assert answered and unanswered
        for c in challenges:
            assert c.raised_by.role == Role.GOLD
        for c in answered:
            assert c.answer and c.answered_by.role == Role.SILVER
            assert c.raised_at < c.answered_at <= clock.now()
        for c in unanswered:
            assert not c.answer and c.answered_by is None
        assert max(c.raised_at for c in challenges) - min(
            c.raised_at for c in challenges
        ) > dt.timedelta(days=365)

    def test_seeding_again_adds_nothing_and_the_seed_says_what_it_made(self, seeded):
        counts = {
            model: model.objects.count()
            for model in (Escalation, PlanItem, ProgressUpdate, AssuranceActivity, Challenge)
        }
        assert demo_governance_ensure(seed=5) == {}
        assert {model: model.objects.count() for model in counts} == counts
        silver = Escalation.objects.filter(to=Audience.SILVER).count()
        assert f"Silver and Gold: {silver} escalations to Silver" in seeded.output
