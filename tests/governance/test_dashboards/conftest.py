from __future__ import annotations

import pytest

from mace.core import clock
from tests.factories.dashboards import TODAY, dash_city


@pytest.fixture(autouse=True)
def _on_10_april_2026():
    """Every dashboard test runs on 10 April 2026 (the figures describe January to March)."""
    with clock.set_to(TODAY):
        yield


@pytest.fixture
def city(db):
    return dash_city()
