"""statistics_refresh: the planner's row counts catch up with rows written in the same
transaction (PostgreSQL); nothing is sent to SQLite."""

import pytest
from django.db import connection

from mace.core.db import statistics_refresh
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _planned_rows(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def test_the_planner_counts_the_rows_this_transaction_wrote(django_assert_num_queries):
    ChildFactory.create_batch(30)
    if connection.vendor == "postgresql":
        statistics_refresh()
        assert _planned_rows("people_child") == 30
    else:
        with django_assert_num_queries(0):
            statistics_refresh()
