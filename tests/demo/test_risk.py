"""The demo city's records: assessments the engine agrees with, plans, missing episodes and
statutory processes consistent with each child, dated in the demo world's past."""

from __future__ import annotations

import copy
import datetime as dt
import gc
import random
import re
from collections import Counter, defaultdict

import pytest
from django.db import connection

from mace.accounts.models import Role, User
from mace.demo import data
from mace.demo.generator import generate_city
from mace.demo.risk import MEMBER_ACTION_CHILDREN, SEED_USER_EMAIL, RiskMaker, Staff, seeded_now
from mace.demo.users import ensure_demo_users
from mace.people.models import Child, ChildAccess
from mace.people.selectors import children_visible_to
from mace.risk import engine
from mace.risk.models import (
    Assessment,
    Catalogue,
    MissingEpisode,
    StatutoryProcess,
    Vrmp,
    VrmpAction,
    VrmpReview,
    VrmpVersion,
)
from mace.risk.models.assessment import LEVEL_RANK
from mace.risk.models.missing import RETURN_INTERVIEW_WINDOW
from mace.risk.selectors.assessments import child_risk_level
from mace.risk.selectors.statutory import children_high_risk_without_statutory
from mace.risk.selectors.vrmp import mace_criteria

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]

LEGAL_KINDS = {"cin", "cp", "la_s20", "la_s31", "la_s38", "care_leaver"}
PASSWORD = "demo-password-for-tests"
Interview = MissingEpisode.InterviewStatus


def _latest_levels() -> dict:
    """Each assessed child's latest agreed level (as the selectors order them)."""
    latest = {}
    for child_id, level in (
        Assessment.objects.filter(status=Assessment.Status.COMPLETED)
        .order_by("assessed_on", "completed_at")
        .values_list("child_id", "final_level")
    ):
        latest[child_id] = level
    return latest


def test_every_proposed_level_is_the_engines_and_overrides_are_explained():
    generate_city(children=300, seed=2026)

    catalogue = Catalogue.objects.get(is_active=True)
    codes = set(engine.indicator_codes(catalogue.content))
    assessments = list(Assessment.objects.select_related("child"))
    assert len(assessments) > 300
    overridden = 0
    for a in assessments:
        assert a.catalogue_id == catalogue.pk
        assert set(a.grades) == codes  # every indicator graded, as the service stores them
        level, _ = engine.propose_level(catalogue.content, a.grades)
        assert a.proposed_level == level
        assert a.prompts == engine.fired_prompts(
            catalogue.content,
            age=a.child.age_on(a.assessed_on),
            learning_disability=a.child.learning_disability,
            grades=a.grades,
        )
        graded = {code for code, grade in a.grades.items() if grade != "not_present"}
        assert set(a.evidence) == graded
        assert a.assessed_on <= data.REFERENCE_DATE
        if a.status == Assessment.Status.DRAFT:
            assert (a.final_level, a.completed_at, a.override_rationale) == ("", None, "")
            continue
        assert a.final_level in LEVEL_RANK
        assert a.completed_at >= a.created_at
        if a.final_level != a.proposed_level:
            overridden += 1
            assert len(a.override_rationale) >= 20
        else:
            assert a.override_rationale == ""
    completed = sum(a.status == Assessment.Status.COMPLETED for a in assessments)
    assert 0.04 < overridden / completed < 0.18


def test_assessments_are_an_initial_then_reviews_about_every_three_months():
    generate_city(children=300, seed=2026)

    by_child = defaultdict(list)
    for a in Assessment.objects.filter(status="completed").order_by("assessed_on"):
        by_child[a.child_id].append(a)
    assert 0.85 < len(by_child) / 300 <= 0.97  # most children; a few never assessed
    counts = Counter(len(items) for items in by_child.values())
    assert set(counts) == {1, 2, 3, 4}
    earliest = data.REFERENCE_DATE - dt.timedelta(days=19 * 31)
    for items in by_child.values():
        assert [a.kind for a in items] == ["initial"] + ["review"] * (len(items) - 1)
        assert items[0].assessed_on >= earliest
        for before, after in zip(items, items[1:], strict=False):
            assert 60 <= (after.assessed_on - before.assessed_on).days <= 125
        assert all(a.assessed_on.weekday() < 5 for a in items)
    drafts = Assessment.objects.filter(status="draft")
    assert 1 <= drafts.values("child").distinct().count() <= 20  # about 3% of children


def test_latest_levels_cover_every_level_with_trends():
    generate_city(children=300, seed=2026)

    levels = Counter(_latest_levels().values())
    assert set(levels) == {"none", "low", "medium", "high"}
    assert all(count >= 20 for count in levels.values()), levels
    trends = Counter(child_risk_level(child=child).trend for child in Child.objects.all())
    assert {"rising", "falling", "steady"} <= set(trends)
    assert all(trends[t] >= 20 for t in ("rising", "falling", "steady")), trends


def test_latest_levels_spread_roughly_as_intended():
    generate_city(children=1500, seed=11)

    levels = Counter(_latest_levels().values())
    total = sum(levels.values())
    share = {level: count / total for level, count in levels.items()}
    assert 0.10 < share["none"] < 0.22, share
    assert 0.28 < share["low"] < 0.42, share
    assert 0.18 < share["medium"] < 0.32, share
    assert 0.18 < share["high"] < 0.32, share


def test_some_children_meet_the_mace_criteria_for_both_reasons():
    generate_city(children=300, seed=2026)

    reasons = Counter()
    for child in Child.objects.all():
        criteria = mace_criteria(child=child)
        if criteria.met:
            reasons[criteria.reason] += 1
    assert reasons["Low / emerging risk of exploitation"] > 50
    assert reasons["High risk, and the VRMP is not having the desired effect"] >= 3


def test_plans_for_children_at_medium_or_high_risk():
    generate_city(children=300, seed=2026)

    latest = _latest_levels()
    raised = [child for child, level in latest.items() if level in ("medium", "high")]
    active = set(Vrmp.objects.filter(status="active").values_list("child_id", flat=True))
    assert len(active & set(raised)) > 0.8 * len(raised)
    assert not Vrmp.objects.exclude(status="active").exists()  # nothing closes a plan yet
    stepping_down = 0
    today = data.REFERENCE_DATE
    overdue_reviews = 0
    for plan in Vrmp.objects.prefetch_related("versions", "reviews", "actions"):
        assert Vrmp.objects.filter(child=plan.child_id).count() == 1
        versions = sorted(plan.versions.all(), key=lambda v: v.number)
        assert 1 <= len(versions) <= 3
        assert [v.number for v in versions] == list(range(1, len(versions) + 1))
        assert all(v.assessment_id for v in versions)
        assert all(
            v.vulnerabilities and v.reporting_strategy and v.contingency_plan for v in versions
        )
        reviews = sorted(plan.reviews.all(), key=lambda r: r.reviewed_on)
        for review in reviews:
            assert versions[0].created_at.date() <= review.reviewed_on <= today
            assert review.next_review_date > review.reviewed_on
            assert review.version_id in {v.pk for v in versions}
        next_review = reviews[-1].next_review_date if reviews else versions[-1].next_review_date
        overdue_reviews += next_review < today
        if reviews and "step down" in reviews[-1].notes:
            stepping_down += 1
            assert reviews[-1].effect == VrmpReview.Effect.YES
            assert latest[plan.child_id] in ("none", "low")
        assert any(a.owner_agency.kind == "police" for a in plan.actions.all())
        assert all(v.created_at.weekday() < 5 for v in versions)
        assert all(r.reviewed_on.weekday() < 5 for r in reviews)
    assert overdue_reviews >= 3
    assert stepping_down >= 1
    effects = Counter(VrmpReview.objects.values_list("effect", flat=True))
    assert set(effects) == {"yes", "partly", "no"}


def test_phrases_fit_the_child():
    generate_city(children=300, seed=2026)

    texts = defaultdict(list)
    for a in Assessment.objects.all():
        # (Not the analysis: it quotes the catalogue's indicator texts.)
        texts[a.child_id] += [*a.evidence.values(), *a.protective_factors.values()]
    version_fields = ("vulnerabilities", "protective_factors", "push_factors", "pull_factors",
                      "la_minimum_enquiries", "return_interview_strategy",
                      "intervention_strategy", "contingency_plan")  # fmt: skip
    for v in VrmpVersion.objects.select_related("vrmp"):
        texts[v.vrmp.child_id] += [getattr(v, name) for name in version_fields]
    for r in VrmpReview.objects.select_related("vrmp"):
        texts[r.vrmp.child_id].append(r.notes)
    for a in VrmpAction.objects.select_related("vrmp"):
        texts[a.vrmp.child_id] += [a.description, a.completion_note]
    episode_fields = ("where_found", "why_left", "where_went", "with_whom", "how_travelled",
                      "push_factors", "pull_factors", "interview_not_done_reason")  # fmt: skip
    for e in MissingEpisode.objects.all():
        texts[e.child_id] += [getattr(e, name) for name in episode_fields]
    children = {c.pk: c for c in Child.objects.all()}
    boys = at_home = 0
    for child_id, parts in texts.items():
        child, text = children[child_id], " ".join(parts)
        assert "{" not in text and "|" not in text
        if child.gender == Child.Gender.MALE:
            boys += 1
            assert not re.search(r"\b(she|her|pregnan\w*|contraception)\b", text, re.I), text
        if not child.legal_status.startswith("la_"):
            at_home += 1
            assert "placement" not in text.lower(), text
    assert boys > 50 and at_home > 100


def test_plan_actions_mix_done_overdue_and_future():
    generate_city(children=300, seed=2026)

    today = data.REFERENCE_DATE
    actions = list(VrmpAction.objects.all())
    done = [a for a in actions if a.status == VrmpAction.Status.DONE]
    overdue = [a for a in actions if a.status == VrmpAction.Status.OPEN and a.due_date < today]
    future = [a for a in actions if a.status == VrmpAction.Status.OPEN and a.due_date >= today]
    assert len(done) > 50 and len(overdue) > 10 and len(future) > 10
    for action in done:
        assert action.completion_note
        assert action.created_at < action.completed_at <= seeded_now()
    assert not any(a.completed_at for a in actions if a.status != VrmpAction.Status.DONE)
    assert len({a.owner_agency_id for a in actions}) >= 6
    by_plan = defaultdict(list)
    for a in actions:
        by_plan[a.vrmp_id].append(a.description)
    assert all(len(set(items)) == len(items) for items in by_plan.values())


def test_missing_episodes_hold_together():
    generate_city(children=300, seed=2026)

    now = seeded_now()
    episodes = list(MissingEpisode.objects.select_related("child"))
    children = {e.child_id for e in episodes}
    assert 0.2 < len(children) / 300 < 0.4
    assert 1 <= sum(e.ended_at is None for e in episodes) <= 10  # a handful missing now
    latest = _latest_levels()
    by_child = defaultdict(list)
    for e in episodes:
        by_child[e.child_id].append(e)
        assert e.started_at.utcoffset() == dt.timedelta(0)
        assert e.started_at < now
        looked_after = e.child.legal_status.startswith("la_")
        if looked_after:
            assert e.kind in ("missing_from_care", "away_from_placement")
        else:
            assert e.kind in ("missing", "young_runaway")
        if e.ended_at is not None:
            assert e.started_at < e.ended_at <= now
        else:
            assert e.interview_status == Interview.NOT_YET
            assert now - e.started_at < dt.timedelta(days=5)
        if e.interview_offered_at is not None:
            assert e.ended_at <= e.interview_offered_at <= now
        if e.interview_status == Interview.COMPLETED:
            assert e.ended_at <= e.interview_completed_at <= now
            assert e.why_left and e.where_went and e.with_whom and e.harm
        else:
            assert e.interview_completed_at is None
        if e.interview_status in (Interview.REFUSED, Interview.NOT_DONE):
            assert e.interview_not_done_reason
    for items in by_child.values():
        items.sort(key=lambda e: e.started_at)
        for before, after in zip(items, items[1:], strict=False):
            assert before.ended_at is not None and before.ended_at < after.started_at
    # Children at high risk go missing more often than those at low risk.
    share = {
        level: sum(1 for c, lv in latest.items() if lv == level and c in children)
        / max(1, sum(1 for lv in latest.values() if lv == level))
        for level in ("low", "high")
    }
    assert share["high"] > share["low"]


def test_about_sixty_percent_of_return_interviews_are_within_72_hours():
    generate_city(children=1000, seed=5)

    now = seeded_now()
    eligible = [
        e
        for e in MissingEpisode.objects.exclude(ended_at=None)
        if e.ended_at + RETURN_INTERVIEW_WINDOW <= now
    ]
    within = sum(1 for e in eligible if e.interview_within_72_hours)
    assert 0.5 < within / len(eligible) < 0.7
    statuses = Counter(e.interview_status for e in eligible)
    assert statuses[Interview.REFUSED] and statuses[Interview.NOT_DONE]
    late = [e for e in eligible if e.interview_within_72_hours is False]
    assert late


def test_statutory_processes_match_legal_status():
    generate_city(children=500, seed=2026)

    open_by_child = defaultdict(list)
    processes = list(StatutoryProcess.objects.all())
    for p in processes:
        assert p.started_on <= data.REFERENCE_DATE
        assert p.ended_on is None or p.started_on <= p.ended_on <= data.REFERENCE_DATE
        if p.ended_on is None:
            open_by_child[p.child_id].append(p.kind)
        if p.kind != StatutoryProcess.Kind.NRM_REFERRAL:
            assert not (p.reasonable_grounds or p.conclusive_grounds)
            continue
        assert p.reasonable_grounds in ("pending", "positive", "negative")
        if p.reasonable_grounds_on:
            assert p.started_on <= p.reasonable_grounds_on
        if p.conclusive_grounds:
            assert p.reasonable_grounds == "positive"
        if p.conclusive_grounds_on:
            assert p.reasonable_grounds_on < p.conclusive_grounds_on
    for child in Child.objects.all():
        legal_open = [k for k in open_by_child[child.pk] if k in LEGAL_KINDS]
        expected = [] if child.legal_status == "none" else [child.legal_status]
        assert legal_open == expected, (child.legal_status, open_by_child[child.pk])
    kinds = Counter(p.kind for p in processes)
    assert kinds["strategy"] and kinds["nrm"]
    decided = [p for p in processes if p.kind == "nrm" and p.reasonable_grounds_on]
    assert decided


def test_a_few_high_risk_children_have_no_statutory_process():
    generate_city(children=500, seed=2026)
    coordinator = ensure_demo_users(password=PASSWORD)[1]
    assert coordinator.role == Role.COORDINATOR

    flagged = children_high_risk_without_statutory(user=coordinator).count()
    high = sum(level == "high" for level in _latest_levels().values())
    assert 1 <= flagged < 0.25 * high


def test_records_name_the_demo_users_when_they_exist():
    users = {user.role: user for user in ensure_demo_users(password=PASSWORD)}
    generate_city(children=300, seed=2026)

    leads = {users[Role.COORDINATOR].pk, users[Role.CHAIR].pk}
    assert set(Assessment.objects.values_list("assessor_id", flat=True)) == leads
    assert set(Vrmp.objects.values_list("lead_professional_id", flat=True)) <= leads
    assert not User.objects.filter(email=SEED_USER_EMAIL).exists()
    for a in Assessment.objects.all()[:50]:
        assert a.assessor_agency_id == User.objects.get(pk=a.assessor_id).agency_id
        assert a.created_by_id == a.modified_by_id == a.assessor_id
    member = users[Role.MEMBER]
    assert MissingEpisode.objects.filter(created_by=member).exists()  # police report them
    owned = VrmpAction.objects.filter(owner=member).select_related("vrmp__child")
    children = {a.vrmp.child for a in owned}
    assert len(children) == MEMBER_ACTION_CHILDREN
    assert all(a.owner_agency.kind == "police" for a in owned)
    assert owned.filter(status="open").exists()
    assert all(not child.restricted for child in children)
    grants = ChildAccess.objects.filter(user=member, basis=ChildAccess.Basis.ACTION)
    assert {g.child_id for g in grants} == {child.pk for child in children}
    assert set(children_visible_to(member)) == children

    # The demo's own grants are then added alongside (invitations; no second action grant).
    ensure_demo_users(password=PASSWORD)
    assert grants.count() == MEMBER_ACTION_CHILDREN
    assert ChildAccess.objects.filter(user=member, basis="invitation").count() == 3


def test_without_users_records_name_a_system_user_that_cannot_sign_in():
    generate_city(children=50, seed=3)

    user = User.objects.get(email=SEED_USER_EMAIL)
    assert user.role == Role.COORDINATOR
    assert not user.has_usable_password()
    assert set(Assessment.objects.values_list("assessor_id", flat=True)) == {user.pk}
    assert not VrmpAction.objects.exclude(owner=None).exists()

    generate_city(children=50, seed=3, append=True)  # reused, not made again
    assert User.objects.filter(email=SEED_USER_EMAIL).count() == 1
    assert User.objects.count() == 1


def test_records_have_history_rows_only_when_asked():
    generate_city(children=50, seed=8)

    assert Assessment.objects.exists()
    assert not Assessment.history.exists() and not VrmpAction.history.exists()
    assert Child.history.count() == 50  # the children's own history is written as before


def test_records_are_dated_in_the_demo_worlds_past_with_history():
    generate_city(children=200, seed=8, record_history=True)

    now = seeded_now()
    assert now.date() == data.REFERENCE_DATE
    for model in (
        Assessment,
        Vrmp,
        VrmpVersion,
        VrmpReview,
        VrmpAction,
        MissingEpisode,
        StatutoryProcess,
    ):
        rows = list(model.objects.all())
        assert rows, model
        assert model.history.count() == len(rows)
        for row in rows:
            assert row.created_at.utcoffset() == dt.timedelta(0)
            assert row.created_at <= row.modified_at <= now
            assert row.created_by_id and row.modified_by_id
        record = model.history.order_by("history_id").first()
        original = model.objects.get(pk=record.id)
        assert record.history_type == "+"
        assert record.history_change_reason == "created by seed"
        assert record.history_date == original.modified_at
        assert record.history_user_id == original.modified_by_id


def test_children_are_the_same_with_or_without_records():
    generate_city(children=100, seed=21, records=False)
    without = list(Child.objects.order_by("id").values_list("id", "given_name", "legal_status"))
    assert not Assessment.objects.exists() and not MissingEpisode.objects.exists()
    Child.objects.all().delete()

    generate_city(children=100, seed=21)

    assert list(Child.objects.order_by("id").values_list("id", "given_name", "legal_status")) == (
        without
    )


def test_the_remembered_proposed_level_is_always_the_engines():
    """RiskMaker.propose remembers levels under a key; check the key against the engine,
    for the bundled catalogue and for one with a rule that names an indicator."""
    bundled = Catalogue.objects.get(is_active=True)
    named = copy.deepcopy(bundled.content)
    named["rules"].append(
        {"level": "high", "indicator_at_least": {"indicator": "online.grooming", "grade": "low"}}
    )
    staff = Staff(leads=((None, None),), police=())
    rng = random.Random(4)
    for content in (bundled.content, named):
        maker = RiskMaker(
            rng=random.Random(1),
            catalogue=Catalogue(content=content),
            agencies={"police": None},
            staff=staff,
        )
        codes = engine.indicator_codes(content)
        for _ in range(3000):
            grades = {
                code: rng.choice(("low", "medium", "high"))
                for code in rng.sample(codes, rng.randint(0, 7))
            }
            assert maker.propose(grades) == engine.propose_level(content, grades)[0], grades


def test_seeding_restores_the_garbage_collector_and_sqlite_cache():
    sqlite = connection.vendor == "sqlite"
    before = None
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            (before,) = cursor.fetchone()
    assert gc.isenabled()

    generate_city(children=10, seed=1)

    assert gc.isenabled()
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone() == (before,)
