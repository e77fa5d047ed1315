"""The registries the casefile reads know no app: the apps register into them."""

from __future__ import annotations

import ast
from pathlib import Path

from mace.web import registry


def test_the_registry_imports_no_app():
    tree = ast.parse(Path(registry.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    ]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [name for name in imported if name.startswith("mace")]


def test_registering_a_name_again_replaces_it(monkeypatch):
    monkeypatch.setattr(registry, "_chronology_sources", {})
    monkeypatch.setattr(registry, "_task_sources", {})
    monkeypatch.setattr(registry, "_task_counts", {})

    registry.register_chronology("a", list, kinds={"x": "X"}, position=2)
    registry.register_chronology("a", list, kinds={"y": "Y"}, position=1)
    registry.register_tasks("t", list, count=len)
    registry.register_tasks("t", tuple, count=bool)

    [source] = registry.chronology_sources()
    assert (source.kinds, source.position) == ({"y": "Y"}, 1)
    assert registry.task_sources() == [tuple]
    assert registry.task_counts() == [bool]


def test_item_panels_are_shown_in_position_order_and_none_shows_nothing(monkeypatch):
    monkeypatch.setattr(registry, "_item_panels", {})
    seen = []

    def second(*, request, item):
        seen.append((request, item))
        return ("b.html", {"n": 2})

    registry.register_item_panel("b", second, position=20)
    registry.register_item_panel("a", lambda *, request, item: ("a.html", {"n": 1}), position=10)
    registry.register_item_panel("hidden", lambda *, request, item: None, position=5)

    assert registry.item_panels(request="req", item="item") == [
        ("a.html", {"n": 1}),
        ("b.html", {"n": 2}),
    ]
    assert seen == [("req", "item")]
    registry.register_item_panel("b", lambda *, request, item: None, position=20)
    assert registry.item_panels(request="req", item="item") == [("a.html", {"n": 1})]


def test_finding_links_are_shown_in_name_order_and_none_shows_nothing(monkeypatch):
    monkeypatch.setattr(registry, "_finding_links", {})
    seen = []

    def second(*, user, finding):
        seen.append((user, finding))
        return ("B", "/b")

    registry.register_finding_link("b", second)
    registry.register_finding_link("a", lambda *, user, finding: ("A", "/a"))
    registry.register_finding_link("hidden", lambda *, user, finding: None)

    assert registry.finding_links(user="u", finding="f") == [("A", "/a"), ("B", "/b")]
    assert seen == [("u", "f")]


def test_contexts_registers_its_panel_and_tasks():
    assert "contexts.connections" in registry._item_panels
    assert any(
        getattr(source, "__module__", "") == "mace.contexts.sources"
        for source in registry.task_sources()
    )
