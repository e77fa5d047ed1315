"""The action plan (items, dated progress with its RAG status) and assurance activities:
written by Silver, a chair or the coordinator, each write audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.governance.models import RAG, AssuranceFinding, Objective
from mace.governance.services.plan import (
    assurance_activity_record,
    objectives_ensure,
    plan_item_update_progress,
)
from tests.factories import ChildFactory, escalated, finding_made, plan_item_made

pytestmark = pytest.mark.django_db

MANAGERS = [Role.SILVER, Role.CHAIR, Role.COORDINATOR]
OTHERS = [Role.GOLD, Role.MEMBER, Role.ANALYST, Role.AUDITOR]


def test_the_plan_starts_with_the_national_three_objectives():
    assert list(Objective.objects.values_list("title", flat=True)) == [
        "Tackling offenders",
        "Reducing vulnerability",
        "Supporting victims and survivors",
    ]
    assert objectives_ensure() == 0


@pytest.mark.parametrize("role", MANAGERS)
def test_silver_and_the_organisers_add_an_item_audited(make_user, role, audited):
    actor = make_user(role)
    escalation = escalated(make_user(Role.CHAIR))
    finding = finding_made()
    item = plan_item_made(actor, escalations=[escalation], findings=[finding], rag=RAG.RED)

    assert item.rag == RAG.RED and item.owner == actor
    assert list(item.escalations.all()) == [escalation]
    assert list(item.findings.all()) == [finding]
    audited(Event.Verb.PLAN_ITEM_ADDED, actor=actor, child=None, obj=item)


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_adds_an_item(make_user, role):
    with pytest.raises(PermissionDenied):
        plan_item_made(make_user(role), owner=make_user(Role.SILVER))


def test_an_item_says_what_is_missing(make_user):
    actor = make_user(Role.SILVER)
    with pytest.raises(ValidationError) as caught:
        plan_item_made(actor, title="", owner=make_user(Role.MEMBER), due_date=None, rag="blue")
    assert set(caught.value.message_dict) == {"title", "owner", "due_date", "rag"}


@pytest.mark.parametrize("role", MANAGERS)
def test_progress_is_dated_and_moves_the_rag_status_audited(make_user, role, audited):
    actor = make_user(role)
    item = plan_item_made(make_user(Role.SILVER))
    update = plan_item_update_progress(
        actor=actor, item=item, text="Two schools trained", rag=RAG.GREEN, on=dt.date(2026, 3, 1)
    )
    item.refresh_from_db()

    assert (update.on, update.rag, update.created_by) == (dt.date(2026, 3, 1), RAG.GREEN, actor)
    assert item.rag == RAG.GREEN
    event = audited(Event.Verb.PLAN_PROGRESS_RECORDED, actor=actor, obj=item)
    assert event.payload == {"rag_before": "amber", "rag": "green", "on": "2026-03-01"}


def test_progress_is_today_unless_dated_and_never_in_the_future(make_user):
    actor = make_user(Role.SILVER)
    item = plan_item_made(actor)
    assert plan_item_update_progress(actor=actor, item=item, text="x", rag=RAG.RED).on == (
        clock.today()
    )
    with pytest.raises(ValidationError) as caught:
        plan_item_update_progress(
            actor=actor, item=item, text="", rag="", on=clock.today() + dt.timedelta(days=1)
        )
    assert set(caught.value.message_dict) == {"text", "rag", "on"}


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_records_progress(make_user, role):
    item = plan_item_made(make_user(Role.SILVER))
    with pytest.raises(PermissionDenied):
        plan_item_update_progress(actor=make_user(role), item=item, text="x", rag=RAG.RED)


def _audit(actor, **fields):
    values = {
        "title": "Missing episodes audit",
        "standard": "Return home interviews within 72 hours",
        "carried_out_on": dt.date(2026, 2, 10),
        "carried_out_by": "Police, social care and health leads",
        "summary": "Interviews late in half the cases",
    }
    values.update(fields)
    return assurance_activity_record(actor=actor, **values)


@pytest.mark.parametrize("role", [Role.CHAIR, Role.COORDINATOR])
def test_an_assurance_activity_is_recorded_with_its_children_and_findings(make_user, role, audited):
    actor = make_user(role)
    children = ChildFactory.create_batch(2)
    activity = _audit(
        actor,
        children=children,
        findings=[("Interviews late", AssuranceFinding.Rating.NOT_MET), ("", "met")],
    )

    assert set(activity.children.all()) == set(children)
    assert [(f.text, f.rating) for f in activity.findings.all()] == [("Interviews late", "not_met")]
    event = audited(Event.Verb.ASSURANCE_RECORDED, actor=actor, child=None, obj=activity)
    assert event.payload == {"children": 2, "findings": 1}


def test_silver_audits_only_children_it_can_see(make_user):
    silver = make_user(Role.SILVER)
    unseen = ChildFactory()
    with pytest.raises(ValidationError) as caught:
        _audit(silver, children=[unseen])
    assert "children" in caught.value.message_dict
    seen = ChildFactory()
    escalated(make_user(Role.CHAIR), children=[seen])
    assert list(_audit(silver, children=[seen]).children.all()) == [seen]


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_records_an_assurance_activity(make_user, role):
    with pytest.raises(PermissionDenied):
        _audit(make_user(role))


def test_an_assurance_activity_says_what_is_missing(make_user):
    with pytest.raises(ValidationError) as caught:
        _audit(
            make_user(Role.SILVER),
            title="",
            standard="",
            carried_out_by="",
            summary="",
            carried_out_on=clock.today() + dt.timedelta(days=1),
            findings=[("Late", "bad")],
        )
    assert set(caught.value.message_dict) == {
        "title",
        "standard",
        "carried_out_by",
        "summary",
        "carried_out_on",
        "findings",
    }
