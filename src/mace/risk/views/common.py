"""What every page of a child's record does first: fetch the child through the selectors."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from mace.people import selectors as people_selectors
from mace.risk.permissions import can_record_for_child
from mace.web.forms import attach_errors
from mace.web.pages import record_context


def child_for(request, child_id: uuid.UUID):
    """The child, authorised and logged. Http404 if not visible; a restricted record raises
    RestrictedRecord, which mace.people.middleware turns into the break-glass page."""
    return people_selectors.child_get_for_user(user=request.user, child_id=child_id)


def child_for_recording(request, child_id: uuid.UUID):
    """As child_for, and the user must be allowed to record on the record (else 403)."""
    child = child_for(request, child_id)
    if not can_record_for_child(request.user, child):
        raise PermissionDenied("You can read this record but not add to it.")
    return child


@dataclass(frozen=True)
class RecordPage:
    """How one kind of record on a child's record is read, added and changed."""

    section: str  # the record's section, e.g. "missing"
    noun: str  # e.g. "Missing episode"
    name: str  # the template's name for the object, e.g. "episode"
    get: Callable  # (child, obj_id) -> obj, 404 if not the child's
    form_class: type
    create: Callable  # (actor, child, data) -> obj
    update: Callable  # (actor, obj, data) -> obj
    list_url: str
    form_template: str
    detail_template: str


def record_edit(request, child_id: uuid.UUID, obj_id: uuid.UUID | None, page: RecordPage):
    """Add (obj_id None) or change one record; readers get a read-only page, and 403 on POST."""
    if obj_id is None:
        child, obj = child_for_recording(request, child_id), None
    else:
        child = child_for(request, child_id)
        obj = page.get(child, obj_id)
        if not can_record_for_child(request.user, child):
            if request.method != "GET":
                raise PermissionDenied("You can read this record but not add to it.")
            context = record_context(request, child, page.section)
            context[page.name] = obj
            return render(request, page.detail_template, context)
    form = page.form_class(request.POST or None, initial=page.form_class.initial_from(obj))
    if request.method == "POST" and form.is_valid():
        try:
            if obj is None:
                page.create(request.user, child, form.cleaned_data)
            else:
                page.update(request.user, obj, form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{page.noun} {'recorded' if obj is None else 'updated'}")
            return redirect(page.list_url, child_id=child.pk)
    context = record_context(request, child, page.section)
    context.update({"form": form, page.name: obj})
    return render(request, page.form_template, context)
