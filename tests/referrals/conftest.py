"""Fixtures of the referrals tests: the intake's corpus of messages, with the limits and the
failing service it is run against (the intake's own tests and its command's use it)."""

from __future__ import annotations

import functools

import pytest

from tests.factories import CORPUS


@pytest.fixture
def small_limits(settings):
    settings.MACE_INTAKE_MAX_ATTACHMENT_MB = 1


@pytest.fixture
def failing_service(monkeypatch):
    """referral_receive raises for a message whose text says EXPLODE."""
    from mace.referrals.intake import run

    real = run.referral_receive

    def receive(**kwargs):
        if "EXPLODE" in kwargs["narrative"]:
            raise RuntimeError("the database said no")
        return real(**kwargs)

    monkeypatch.setattr(run, "referral_receive", receive)


@functools.cache
def _corpus() -> tuple[bytes, ...]:
    return tuple(make() for _, make, _, _ in CORPUS)


@pytest.fixture
def corpus(small_limits, failing_service) -> list[bytes]:
    """Every message of the corpus, with a 1 MB attachment limit and a failing service."""
    return list(_corpus())
