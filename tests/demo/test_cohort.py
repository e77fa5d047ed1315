"""The children the demo's meetings may discuss: read at a fixed size, whatever the city's
(on a city of its own, so outside the seeded city's package)."""

from __future__ import annotations

from collections import Counter

import pytest

from mace.demo.generator import generate_city
from mace.demo.meetings import COHORT_SIZE, _cohort

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]


def test_the_cohort_is_read_at_a_fixed_size():
    generate_city(children=400, seed=4)

    cohort = _cohort()

    assert len(cohort) == COHORT_SIZE
    assert all(not child.restricted for child, _ in cohort)
    assert Counter(level for _, level in cohort).most_common(1)[0][0] in ("high", "medium")
