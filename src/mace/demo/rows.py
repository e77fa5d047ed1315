"""Fast inserts for seeding: the rows bulk_create_with_history writes, bound with executemany.

Django's bulk_create compiles SQL afresh for every row and field. At 100,000 children
(about 700,000 rows with their history) that compilation was most of the seeding time, so
here each table's INSERT is built once and the rows are bound with ``executemany``. The
rows written are those of ``simple_history.utils.bulk_create_with_history``: the object,
and a "+" history row with a change reason, so a seeded child's history reads "created by
seed". No signals are sent, as with bulk_create.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence

from django.db import connections
from django.db.models import Model
from django.db.models.fields import AutoFieldMixin
from simple_history.utils import get_history_model_for_model

Row = dict[str, object]

# Field types whose Python values need the backend's conversion (UUIDs as hex on SQLite,
# dates and aware datetimes as strings); other values bind as they are.
_CONVERTED_TYPES = frozenset({"UUIDField", "DateField", "DateTimeField", "ForeignKey"})
_MISSING = object()


class _Insert:
    """One table's INSERT statement, and how to turn a row into its parameters."""

    def __init__(self, model: type[Model], *, using: str, fixed: Row):
        connection = connections[using]
        fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
        quote = connection.ops.quote_name
        self.using = using
        # Table and column names come from the model's metadata, quoted; values are bound.
        table = quote(model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        self.columns: list[tuple[str, Callable | None, object]] = []
        for field in fields:
            convert = None
            if field.get_internal_type() in _CONVERTED_TYPES:
                convert = functools.partial(field.get_db_prep_save, connection=connection)
            # A field the rows leave out takes a fixed value, or the field's default
            # (constant defaults only: rows must supply ids and anything else computed).
            default = fixed[field.attname] if field.attname in fixed else field.get_default()
            if convert is not None and default is not None:
                default = convert(default)
            self.columns.append((field.attname, convert, default))

    def params(self, row: Row) -> tuple:
        values = []
        for attname, convert, default in self.columns:
            value = row.get(attname, _MISSING)
            if value is _MISSING:
                values.append(default)
            elif convert is None or value is None:
                values.append(value)
            else:
                values.append(convert(value))
        return tuple(values)

    def execute(self, rows: Sequence[Row]) -> None:
        with connections[self.using].cursor() as cursor:
            cursor.executemany(self.sql, [self.params(row) for row in rows])


class TableWriter:
    """Inserts rows (dicts by attname) into a model's table and, optionally, its history."""

    def __init__(
        self,
        model: type[Model],
        *,
        now: dt.datetime,
        history: bool,
        change_reason: str,
        using: str = "default",
    ):
        stamps = {"created_at": now, "modified_at": now}
        self.table = _Insert(model, using=using, fixed=stamps)
        self.history = None
        if history:
            self.history = _Insert(
                get_history_model_for_model(model),
                using=using,
                fixed={
                    **stamps,
                    "history_date": now,
                    "history_change_reason": change_reason,
                    "history_type": "+",
                    "history_user_id": None,
                },
            )

    def write(self, rows: Sequence[Row]) -> int:
        """Insert the rows (call inside a transaction); return the history rows written."""
        if not rows:
            return 0
        self.table.execute(rows)
        if self.history is None:
            return 0
        self.history.execute(rows)
        return len(rows)
