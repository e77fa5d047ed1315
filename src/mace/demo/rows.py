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
import json
import operator
import uuid
from collections.abc import Callable, Sequence

from django.db import connections
from django.db.models import Model
from django.db.models.fields import AutoFieldMixin
from simple_history.utils import get_history_model_for_model

Row = dict[str, object]

# Field types whose Python values need the backend's conversion (UUIDs as hex on SQLite,
# dates and aware datetimes as strings, JSON as text); other values bind as they are.
_CONVERTED_TYPES = frozenset({"UUIDField", "DateField", "DateTimeField", "ForeignKey", "JSONField"})
_MISSING = object()


def _converter(field, connection) -> Callable | None:
    """How to turn a field's Python value into the parameter the database driver binds."""
    kind = field.get_internal_type()
    if kind not in _CONVERTED_TYPES:
        return None
    slow = functools.partial(field.get_db_prep_save, connection=connection)
    return _sqlite_fast_converter(field, kind, connection, slow) or slow


def _sqlite_fast_converter(field, kind: str, connection, slow: Callable) -> Callable | None:
    """On SQLite, the same result as ``field.get_db_prep_save`` for the plain values the
    generator makes (UUID, date, UTC datetime, dict or list), without Django's layers of
    calls: they were most of the write time. Any other value takes Django's way. Checked
    against Django in tests/demo/test_rows.py.
    """
    if connection.vendor != "sqlite":
        return None
    if kind == "ForeignKey":
        kind = field.target_field.get_internal_type()
        if kind != "UUIDField":
            return None
    if kind == "UUIDField":

        def uuid_hex(value):
            return value.hex if value.__class__ is uuid.UUID else slow(value)

        return uuid_hex
    if kind == "DateField":

        def date_text(value):
            return value.isoformat() if value.__class__ is dt.date else slow(value)

        return date_text
    if kind == "DateTimeField" and connection.timezone is dt.UTC:
        # Django makes an aware datetime naive in the connection's zone (UTC), then str().
        def utc_text(value):
            if value.__class__ is dt.datetime and value.tzinfo is dt.UTC:
                return value.isoformat(" ")[:-6]  # as str() of the naive value: no "+00:00"
            return slow(value)

        return utc_text
    if kind == "JSONField" and field.encoder is None:

        def json_text(value):
            return json.dumps(value) if value.__class__ in (dict, list) else slow(value)

        return json_text
    return None


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
            convert = _converter(field, connection)
            # A field the rows leave out takes a fixed value, or the field's default
            # (constant defaults only: rows must supply ids and anything else computed).
            default = fixed[field.attname] if field.attname in fixed else field.get_default()
            if convert is not None and default is not None:
                default = convert(default)
            self.columns.append((field.attname, convert, default))

    def params(self, row: Row) -> tuple:
        get = row.get
        return tuple(
            [
                default
                if (value := get(attname, _MISSING)) is _MISSING
                else value
                if convert is None or value is None
                else convert(value)
                for attname, convert, default in self.columns
            ]
        )

    def execute(self, rows: Sequence[Row]) -> None:
        self.execute_params([self.params(row) for row in rows])

    def execute_params(self, params: Sequence[tuple]) -> None:
        with connections[self.using].cursor() as cursor:
            cursor.executemany(self.sql, params)


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
        self._table_from_history = None
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
            # The history row holds every column of the object's row, converted the same
            # way: convert each row once, and take the object's parameters from it.
            positions = {attname: i for i, (attname, _, _) in enumerate(self.history.columns)}
            wanted = [attname for attname, _, _ in self.table.columns]
            if all(attname in positions for attname in wanted) and len(wanted) > 1:
                self._table_from_history = operator.itemgetter(*(positions[a] for a in wanted))

    def write(self, rows: Sequence[Row]) -> int:
        """Insert the rows (call inside a transaction); return the history rows written.

        A row may also carry history fields (``history_date``, ``history_user_id``) to
        date its history row and name who made it; the object's table ignores them.
        """
        if not rows:
            return 0
        if self.history is None:
            self.table.execute(rows)
            return 0
        if self._table_from_history is None:
            self.table.execute(rows)
            self.history.execute(rows)
            return len(rows)
        history_params = [self.history.params(row) for row in rows]
        self.table.execute_params([self._table_from_history(p) for p in history_params])
        self.history.execute_params(history_params)
        return len(rows)
