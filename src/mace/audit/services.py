"""Writing the audit log. Every other app calls these; nothing else writes Event rows."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from mace.audit.models import Event
from mace.core import context


def _actor_fields(actor) -> dict:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_email": "", "actor_role": ""}
    return {"actor": actor, "actor_email": actor.email, "actor_role": actor.role}


def _request_fields() -> dict:
    ctx = context.current()
    return {
        "path": ctx.path[:500],
        "method": ctx.method,
        "ip_address": ctx.ip_address,
        "user_agent": ctx.user_agent[:300],
    }


def _object_fields(obj: models.Model | None) -> dict:
    if obj is None:
        return {"object_type": "", "object_id": ""}
    return {"object_type": obj._meta.label, "object_id": str(obj.pk)}


def event_record(
    *,
    actor,
    verb: str,
    child=None,
    obj: models.Model | None = None,
    reason: str = "",
    payload: dict | None = None,
    actor_email: str = "",
) -> Event:
    """Append one audit event, with who, whom, what, when, from where and why."""
    fields = _actor_fields(actor)
    if not fields["actor_email"] and actor_email:
        fields["actor_email"] = actor_email[:254]
    return Event.objects.create(
        verb=verb,
        child=child,
        reason=reason,
        payload=payload or {},
        **fields,
        **_request_fields(),
        **_object_fields(obj if obj is not None else child),
    )


def access_record(
    *,
    actor,
    child,
    verb: str = Event.Verb.CHILD_VIEWED,
    reason: str = "",
    payload: dict | None = None,
) -> Event:
    """Log one read of a child's data."""
    return event_record(actor=actor, verb=verb, child=child, reason=reason, payload=payload)


def access_record_many(
    *,
    actor,
    children: Iterable,
    verb: str = Event.Verb.CHILDREN_LISTED,
    payload: dict | None = None,
) -> int:
    """Log that each of these children was shown to the actor (one query for the page)."""
    base = {**_actor_fields(actor), **_request_fields(), "verb": verb, "payload": payload or {}}
    rows = [
        Event(child=child, object_type=child._meta.label, object_id=str(child.pk), **base)
        for child in children
    ]
    Event.objects.bulk_create(rows)
    return len(rows)
