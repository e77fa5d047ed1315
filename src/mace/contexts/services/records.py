"""Opening, changing and closing contexts; their names, notes and plan actions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.contexts.models import Context, ContextAction, ContextName, ContextNote, Node
from mace.contexts.services.common import require_recorder, stamp
from mace.core import clock
from mace.core.actions import completion_note_clean, owned_action_mark_done

# The fields each kind of context keeps (beyond name, summary, ward and status).
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Context.Kind.PLACE: ("place_kind", "address", "postcode", "latitude", "longitude"),
    Context.Kind.PEER_GROUP: ("age_from", "age_to", "activities"),
    Context.Kind.PERSON: (
        "date_of_birth",
        "approximate_age",
        "description",
        "certainty",
        "person_status",
    ),
    Context.Kind.THEME: ("exploitation_type",),
}
COMMON_FIELDS = ("name", "summary", "ward", "exploitation_type")
NODE_KIND = {
    Context.Kind.PLACE: Node.Kind.PLACE,
    Context.Kind.PEER_GROUP: Node.Kind.PEER_GROUP,
    Context.Kind.PERSON: Node.Kind.PERSON,
    Context.Kind.THEME: Node.Kind.THEME,
}


def _errors(context: Context) -> dict[str, str]:
    errors = {}
    today = clock.today()
    if not (context.name or "").strip():
        errors["name"] = {
            Context.Kind.PERSON: "Enter the name the person is known by",
            Context.Kind.PLACE: "Enter the name of the place",
            Context.Kind.PEER_GROUP: "Enter a name for the group",
            Context.Kind.THEME: "Enter the theme",
        }.get(context.kind, "Enter a name")
    if context.kind == Context.Kind.PLACE and not context.place_kind:
        errors["place_kind"] = "Choose what kind of place this is"
    if context.kind == Context.Kind.PLACE and (context.latitude is None) != (
        context.longitude is None
    ):
        errors["latitude"] = "Enter both the latitude and the longitude, or neither"
    if context.latitude is not None and not (49 <= float(context.latitude) <= 61):
        errors["latitude"] = "Latitude must be in the UK, between 49 and 61"
    if context.longitude is not None and not (-9 <= float(context.longitude) <= 2):
        errors["longitude"] = "Longitude must be in the UK, between -9 and 2"
    ages = (context.age_from, context.age_to)
    if context.kind == Context.Kind.PEER_GROUP and None not in ages and ages[0] > ages[1]:
        errors["age_to"] = "The oldest age must be the same as or above the youngest"
    if context.kind == Context.Kind.PERSON:
        if not context.certainty:
            errors["certainty"] = "Say whether the person is suspected or known"
        if context.date_of_birth and context.date_of_birth > today:
            errors["date_of_birth"] = "Date of birth must be in the past"
        if context.approximate_age is not None and not 10 <= context.approximate_age <= 100:
            errors["approximate_age"] = "Approximate age must be between 10 and 100"
    return errors


def _names_clean(names) -> list[tuple[str, str]]:
    cleaned = []
    for name, kind in names or ():
        name = " ".join((name or "").split())
        if name and kind in ContextName.Kind.values and (name, kind) not in cleaned:
            cleaned.append((name, kind))
    return cleaned


def context_open(
    *, actor, kind: str, name: str, names=(), opened_on=None, system: bool = False, **fields
) -> Context:
    """Open a contextual case: a place, peer group, person of concern or theme, with its
    network node. ``names`` are (name, kind) pairs a person goes by (aliases, street names).

    ``system=True`` is for receivers only (a referral's acceptance opens the persons it
    names): the system is the actor, so ``actor`` must be None."""
    if system:
        if actor is not None:
            raise ValueError("The system opens a record without an actor")
    else:
        require_recorder(actor)
    if kind not in Context.Kind.values:
        raise ValidationError({"kind": "Choose a place, peer group, person of concern or theme"})
    allowed = set(COMMON_FIELDS) | set(KIND_FIELDS[kind])
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not fields of a {kind}: {', '.join(sorted(unknown))}")
    context = Context(
        kind=kind, name=" ".join((name or "").split()), opened_on=opened_on or clock.today()
    )
    for field, value in fields.items():
        setattr(context, field, value if value is not None else _empty(field))
    errors = _errors(context)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        stamp(context, actor, verb=Event.Verb.CONTEXT_OPENED, new=True, payload={"kind": kind})
        context.save()
        Node.objects.create(kind=NODE_KIND[kind], context=context)
        for alias, alias_kind in _names_clean(names):
            row = ContextName(context=context, name=alias, kind=alias_kind)
            row.created_by = row.modified_by = actor
            row.save()
        if kind == Context.Kind.PERSON and not context.names.filter(kind="name").exists():
            ContextName.objects.create(
                context=context, name=context.name, kind=ContextName.Kind.NAME, created_by=actor
            )
    return context


def _empty(field: str):
    return None if Context._meta.get_field(field).null else ""


def context_update(*, actor, context: Context, **fields) -> Context:
    require_recorder(actor)
    allowed = set(COMMON_FIELDS) | set(KIND_FIELDS[context.kind])
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not fields of a {context.kind}: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        context = Context.objects.select_for_update().get(pk=context.pk)
        for field, value in fields.items():
            setattr(context, field, value if value is not None else _empty(field))
        errors = _errors(context)
        if errors:
            raise ValidationError(errors)
        stamp(context, actor, verb=Event.Verb.CONTEXT_CHANGED, new=False)
        context.save(update_fields=[*fields, "modified_by", "modified_at"])
    return context


def context_name_add(*, actor, context: Context, name: str, kind: str) -> ContextName:
    require_recorder(actor)
    cleaned = _names_clean([(name, kind)])
    if not cleaned:
        raise ValidationError({"name": "Enter the name, alias or street name"})
    with transaction.atomic():
        row = ContextName(context=context, name=cleaned[0][0], kind=cleaned[0][1])
        stamp(row, actor, verb=Event.Verb.CONTEXT_CHANGED, new=True)
        row.save()
    return row


def context_close(*, actor, context: Context, reason: str, on: dt.date | None = None) -> Context:
    require_recorder(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the record is closed"})
    with transaction.atomic():
        context = Context.objects.select_for_update().get(pk=context.pk)
        if context.status == Context.Status.CLOSED:
            raise ValidationError({"reason": "This record is already closed"})
        context.status = Context.Status.CLOSED
        context.closed_on = on or clock.today()
        context.closed_reason = reason
        stamp(context, actor, verb=Event.Verb.CONTEXT_CLOSED, new=False, reason=reason)
        context.save(
            update_fields=["status", "closed_on", "closed_reason", "modified_by", "modified_at"]
        )
    return context


def context_note_add(*, actor, context: Context, text: str) -> ContextNote:
    require_recorder(actor)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the note"})
    with transaction.atomic():
        note = ContextNote(context=context, text=text)
        stamp(note, actor, verb=Event.Verb.CONTEXT_NOTE_ADDED, new=True)
        note.save()
    return note


def context_action_add(
    *, actor, context: Context, description: str, owner_agency, due_date: dt.date, owner=None
) -> ContextAction:
    """An action of the context's plan; its owner sees the context while it is open."""
    require_recorder(actor)
    description = (description or "").strip()
    errors = {}
    if not description:
        errors["description"] = "Describe the action"
    if owner_agency is None:
        errors["owner_agency"] = "Choose the agency that owns the action"
    if due_date is None:
        errors["due_date"] = "Enter the date the action is due"
    elif due_date < clock.today():
        errors["due_date"] = "The due date must be today or later"
    if owner is not None and owner_agency is not None and owner.agency_id != owner_agency.pk:
        errors["owner"] = "The owner must work for the agency that owns the action"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = ContextAction(
            context=context,
            description=description,
            owner_agency=owner_agency,
            owner=owner,
            due_date=due_date,
        )
        stamp(action, actor, verb=Event.Verb.CONTEXT_ACTION_ADDED, new=True)
        action.save()
    return action


def context_action_complete(*, actor, action: ContextAction, note: str) -> ContextAction:
    """Done, with a note: by its owner, or by a recorder."""
    note = completion_note_clean(note)
    with transaction.atomic():
        action = ContextAction.objects.select_for_update().get(pk=action.pk)
        if action.owner_id != getattr(actor, "pk", None):
            require_recorder(actor)
        if not actor.is_active:
            raise PermissionDenied("This account is switched off.")
        fields = owned_action_mark_done(action, note=note)
        stamp(action, actor, verb=Event.Verb.CONTEXT_ACTION_COMPLETED, new=False)
        action.save(update_fields=[*fields, "modified_by", "modified_at"])
    return action
