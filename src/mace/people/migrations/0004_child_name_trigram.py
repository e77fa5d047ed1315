"""Trigram indexes for the cohort search on PostgreSQL (docs/adr/0024-speed-at-100k.md).

The search matches each word anywhere in a child's given, family or preferred name or an
alias (``icontains``), or exactly, ignoring case, the case-system ID (``iexact``). On
PostgreSQL Django writes those as ``UPPER(col::text) LIKE UPPER(%s)`` and
``UPPER(col::text) = UPPER(%s)``; a B-tree on the column serves neither, so the search read
every child. These indexes are on the very expressions the queries use: a GIN index with
pg_trgm's ``gin_trgm_ops`` on ``UPPER(name)`` for each name (LIKE '%word%'), and a B-tree
on ``UPPER(case_system_id)``, so that the planner ORs bitmap index scans instead.

PostgreSQL only, and not in the models' Meta: an operator class and GIN are not portable,
and SQLite keeps its simple scan (the demo's database). The migration state is unchanged,
so ``makemigrations`` sees nothing to do; on SQLite every step is a no-op.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = (
    ("people_child_given_name_trgm", "people_child", "gin (UPPER(given_name) gin_trgm_ops)"),
    ("people_child_family_name_trgm", "people_child", "gin (UPPER(family_name) gin_trgm_ops)"),
    (
        "people_child_preferred_name_trgm",
        "people_child",
        "gin (UPPER(preferred_name) gin_trgm_ops)",
    ),
    ("people_childalias_name_trgm", "people_childalias", "gin (UPPER(name) gin_trgm_ops)"),
    ("people_child_case_system_id_upper", "people_child", "btree (UPPER(case_system_id))"),
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, using in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING {using}")
    # Statistics on the indexed expressions, for the planner's estimates.
    for table in sorted({table for _name, table, _using in INDEXES}):
        schema_editor.execute(f"ANALYZE {table}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _using in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0003_break_glass_review_finding")]

    operations = [
        # CREATE EXTENSION pg_trgm (a trusted extension: the database's owner may create
        # it); TrigramExtension itself does nothing on another database.
        TrigramExtension(),
        migrations.RunPython(forward, backward),
    ]
