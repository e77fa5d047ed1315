"""Where an accepted referral went, a line from each app that registers a source
(mace.referrals.placements)."""

from __future__ import annotations

import pytest

from mace.referrals import placements
from tests.factories import submitted_referral

pytestmark = pytest.mark.django_db


def test_the_placement_lines_come_from_the_apps_that_register(monkeypatch):
    monkeypatch.setattr(placements, "_sources", {})
    referral = submitted_referral()
    assert placements.placement_lines(user=None, referral=referral) == []

    placements.register_placement("here", lambda user, r: f"{r.reference} is here.")
    placements.register_placement("silent", lambda user, r: "")
    assert placements.placement_lines(user=None, referral=referral) == [
        f"{referral.reference} is here."
    ]
