"""The record-links hook: links a higher app adds beside a lower app's record."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mace.web import registry


@pytest.fixture
def clean(monkeypatch):
    monkeypatch.setattr(registry, "_record_links", {})


def test_links_come_from_every_source_in_name_order(clean):
    registry.register_record_links("b", lambda *, user, obj: [("Second", f"/b/{obj.pk}")])
    registry.register_record_links("a", lambda *, user, obj: [("First", "/a/")] if user else [])
    obj = SimpleNamespace(pk=7)
    assert registry.record_links(user="someone", obj=obj) == [("First", "/a/"), ("Second", "/b/7")]
    assert registry.record_links(user=None, obj=obj) == [("Second", "/b/7")]


def test_registering_a_name_again_replaces_it(clean):
    registry.register_record_links("a", lambda *, user, obj: [("Old", "/old/")])
    registry.register_record_links("a", lambda *, user, obj: [("New", "/new/")])
    assert registry.record_links(user=None, obj=SimpleNamespace(pk=1)) == [("New", "/new/")]
