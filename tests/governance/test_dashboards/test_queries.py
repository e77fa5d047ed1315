"""Each dashboard reads a fixed number of queries, however many children and records: the
count on the hand-built city holds with more of everything."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mace.governance.selectors.dashboards import dashboard_build, dashboard_for
from tests.factories.dashboards import END, GOLD_START, START, more_of_everything

pytestmark = pytest.mark.django_db

STARTS = {"mace": START, "silver": START, "gold": GOLD_START}


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


@pytest.mark.parametrize("audience", ["mace", "silver", "gold"])
def test_the_same_queries_for_more_data(city, audience, django_assert_max_num_queries):
    def build():
        dashboard_build(audience=audience, start=STARTS[audience], end=END, exact=False)

    def page():
        dashboard_for(
            user=city.gold if audience == "gold" else city.chair,
            audience=audience,
            start=STARTS[audience],
            end=END,
        )

    small_build, small_page = _queries(build), _queries(page)
    assert small_build <= {"mace": 12, "silver": 12, "gold": 16}[audience]
    more_of_everything(city)
    with django_assert_max_num_queries(small_build):
        build()
    with django_assert_max_num_queries(small_page):
        page()
