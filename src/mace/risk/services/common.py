"""Helpers shared by the risk services."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from mace.audit.services import event_record
from mace.people.models import Child
from mace.risk.permissions import can_record_for_child

R = TypeVar("R", bound=models.Model)


def require_recorder(actor, child: Child) -> None:
    """Refuse unless the actor may record on this child's record."""
    if not can_record_for_child(actor, child):
        raise PermissionDenied("You cannot record on this child's record.")


def stamp_who(obj, actor, *, new: bool) -> None:
    """Record who created and last changed a row written as part of another row's write
    (a plan's version): that write's audit row covers it."""
    if new:
        obj.created_by = actor
    obj.modified_by = actor


def stamp(obj, actor, *, verb: str, new: bool, payload: dict | None = None) -> None:
    """Record who created and last changed a row, and audit the write with the verb that
    says what it was.

    Called inside the service's transaction, before the row is saved: if the save fails,
    the audit row goes with it.
    """
    stamp_who(obj, actor, new=new)
    child = getattr(obj, "child", None)
    if child is None and getattr(obj, "vrmp", None) is not None:
        child = obj.vrmp.child
    event_record(actor=actor, verb=verb, child=child, obj=obj, payload=payload)


@dataclass(frozen=True)
class RecordKind:
    """What the services take and check for one kind of row of a child's record (a missing
    episode, a statutory process)."""

    what: str  # in messages: "Unknown missing episode fields"
    allowed: Sequence[str]  # the fields a service may set
    rules: Callable[[Any], Iterable[tuple[str, str]]]  # (field, message): the model misses
    recorded: str  # the audit verb of a new row (Event.Verb.MISSING_RECORDED)
    changed: str  # the audit verb of a change to a row (Event.Verb.MISSING_CHANGED)
    convert: Callable[[str, Any], Any] | None = None  # a value, by field name, before it is set

    def apply(self, record, fields: dict) -> list[str]:
        """Set the given fields on the row (text stripped, other values converted); refuses
        fields the services do not take. Returns the names set."""
        unknown = set(fields) - set(self.allowed)
        if unknown:
            raise ValueError(f"Unknown {self.what} fields: {sorted(unknown)}")
        for name, value in fields.items():
            if self.convert is not None:
                value = self.convert(name, value)
            setattr(record, name, value.strip() if isinstance(value, str) else value)
        return list(fields)

    def validate(self, record) -> None:
        """The model's own checks, then the rules of this kind of row, reported together."""
        errors: dict[str, list[str]] = {}
        try:
            record.full_clean()
        except ValidationError as exc:
            errors.update(exc.message_dict)
        for field, message in self.rules(record):
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)


def child_record_create(*, actor, record: R, fields: dict, kind: RecordKind) -> R:
    """Save a new row of a child's record: the actor's permission first, then the fields,
    their checks and the audit row in one transaction."""
    require_recorder(actor, record.child)
    with transaction.atomic():
        kind.apply(record, fields)
        kind.validate(record)
        stamp(record, actor, verb=kind.recorded, new=True)
        record.save()
    return record


def child_record_update(*, actor, record: R, fields: dict, kind: RecordKind) -> R:
    """Change a row of a child's record: as ``child_record_create``, on the row locked for
    the transaction, saving only the fields given (and who changed it, and when)."""
    require_recorder(actor, record.child)
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        changed = kind.apply(locked, fields)
        kind.validate(locked)
        stamp(locked, actor, verb=kind.changed, new=False)
        locked.save(update_fields=[*changed, "modified_by", "modified_at"])
    return locked
