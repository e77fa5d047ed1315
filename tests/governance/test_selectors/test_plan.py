"""The action plan, assurance, recommendations and challenges as their readers see them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.governance.models import RAG
from mace.governance.selectors.plan import (
    assurance_page,
    challenges_page,
    plan_page,
    recommendations_page,
)
from mace.governance.services.plan import assurance_activity_record, plan_item_update_progress
from tests.factories import ChildFactory, escalated, plan_item_made

pytestmark = pytest.mark.django_db

READERS = [Role.SILVER, Role.GOLD, Role.CHAIR, Role.COORDINATOR]
NOT_READERS = [Role.MEMBER, Role.ANALYST, Role.REFERRER, Role.AUDITOR, Role.ADMIN]


def test_the_plan_counts_its_items_by_rag_status(make_user):
    silver = make_user(Role.SILVER)
    for rag in (RAG.RED, RAG.RED, RAG.GREEN):
        plan_item_made(silver, rag=rag)
    item = plan_item_made(silver)
    plan_item_update_progress(actor=silver, item=item, text="Done", rag=RAG.COMPLETE)

    page = plan_page(user=make_user(Role.GOLD))

    assert page["by_rag"] == [
        ("red", "Red", 2),
        ("amber", "Amber", 0),
        ("green", "Green", 1),
        ("complete", "Complete", 1),
    ]
    assert [o.title for o in page["objectives"]][0] == "Tackling offenders"


@pytest.mark.parametrize("role", NOT_READERS)
def test_the_pages_are_refused_to_other_roles(make_user, role):
    user = make_user(role)
    for page in (plan_page, assurance_page, recommendations_page, challenges_page):
        with pytest.raises(Http404):
            page(user=user)


def test_the_children_audited_are_shown_as_each_reader_may_see_them(make_user):
    chair = make_user(Role.CHAIR)
    escalated_child, other = ChildFactory(), ChildFactory()
    escalated(chair, children=[escalated_child])
    assurance_activity_record(
        actor=chair,
        title="Audit",
        standard="Standard",
        carried_out_on=dt.date(2026, 2, 1),
        carried_out_by="Leads",
        summary="Found",
        children=[escalated_child, other],
    )
    silver = make_user(Role.SILVER)

    (activity,) = assurance_page(user=silver)
    shown = {row.child.pk: row.locked for row in activity.children_shown}

    assert shown == {escalated_child.pk: False, other.pk: True}
    logged = set(
        Event.objects.filter(actor=silver, verb=Event.Verb.CHILDREN_LISTED).values_list(
            "child_id", flat=True
        )
    )
    assert logged == {escalated_child.pk}
    (for_gold,) = assurance_page(user=make_user(Role.GOLD))
    assert all(row.locked for row in for_gold.children_shown)
