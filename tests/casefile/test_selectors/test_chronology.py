"""The chronology (mace.casefile.selectors.chronology) reads the sources the domain apps
register in their ready(); it knows their order only from the sources' positions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mace.casefile.selectors.chronology import child_chronology, chronology_kinds
from mace.web import registry
from mace.web.registry import Entry, register_chronology
from tests.factories import ChildFactory


def test_each_domain_app_registers_its_sources_in_ready():
    chronology = [source.name for source in registry.chronology_sources()]
    assert chronology == ["statutory", "vrmp", "assessments", "missing", "meetings", "referrals"]
    assert list(registry._task_sources) == [
        "vrmp",
        "meetings",
        "contexts",
        "contexts.actions",
        "governance.escalate",
    ]


def test_the_filter_lists_the_kinds_in_the_sources_order():
    assert list(chronology_kinds()) == [
        "statutory",
        "vrmp",
        "vrmp_review",
        "vrmp_action",
        "assessment",
        "missing",
        "return_interview",
        "mace_discussion",
        "mace_action",
        "referral",
    ]


@pytest.mark.django_db
def test_a_registered_source_is_read_newest_first_and_filtered_by_kind(sources):
    now = timezone.now()

    def entries(*, child):
        return [
            Entry(when=now - dt.timedelta(days=2), kind="note", title="Older"),
            Entry(when=now, kind="note", title="Newer"),
            Entry(when=now - dt.timedelta(days=1), kind="call", title="A call"),
        ]

    register_chronology("test", entries, kinds={"note": "Notes", "call": "Calls"}, position=0)
    child = ChildFactory()

    titles = [e.title for e in child_chronology(child=child) if e.kind in {"note", "call"}]
    assert titles == ["Newer", "A call", "Older"]
    assert [e.title for e in child_chronology(child=child, kinds={"note"})] == ["Newer", "Older"]
    assert list(chronology_kinds())[:2] == ["note", "call"]
