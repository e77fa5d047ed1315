"""The context every page of a child's record shares, and the hook apps add to it with."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mace.web import pages


@pytest.fixture
def providers(monkeypatch):
    """An empty registry for the test (the apps' own providers are put back after)."""
    monkeypatch.setattr(pages, "_record_context_providers", {})
    return pages._record_context_providers


def test_the_record_context_names_the_child_and_the_section(providers):
    request, child = SimpleNamespace(user="u"), object()

    assert pages.record_context(request, child, "summary") == {
        "child": child,
        "section": "summary",
    }


def test_registered_providers_add_to_every_record_page(providers):
    pages.register_record_context("who", lambda user, child: {"who": (user, child)})
    request, child = SimpleNamespace(user="u"), object()

    assert pages.record_context(request, child, "vrmp")["who"] == ("u", child)


def test_risk_says_whether_the_user_may_record():
    assert "can_record" in pages._record_context_providers
