"""Fixtures of the casefile's selector tests."""

from __future__ import annotations

import pytest

from mace.web import registry


@pytest.fixture
def sources(monkeypatch):
    """The registries as the apps left them, restored after the test."""
    monkeypatch.setattr(registry, "_chronology_sources", dict(registry._chronology_sources))
    monkeypatch.setattr(registry, "_task_sources", dict(registry._task_sources))
    monkeypatch.setattr(registry, "_task_counts", dict(registry._task_counts))
