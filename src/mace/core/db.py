"""Database housekeeping that services and the demo share."""

from __future__ import annotations

from django.db import connection


def statistics_refresh() -> None:
    """On PostgreSQL, ANALYZE: bring the planner's row counts up to date after a bulk write.

    The planner chooses joins by how many rows it believes each table holds. A seed writes
    thousands of rows in one transaction, where autovacuum cannot see them; if the table was
    vacuumed while empty, the planner believes it still is and nests loops over what are
    now thousands of rows (a demo seed's agenda query took minutes that way). ANALYZE inside
    the transaction counts the rows it has written itself. SQLite plans without such counts:
    nothing to do there.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
