"""What every page of a child's record does first: fetch the child through the selectors."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError

from mace.people import selectors as people_selectors
from mace.risk.permissions import can_record_for_child


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


def record_context(request, child, section: str) -> dict:
    """Context every child-record page needs: the child, the section, may the user record."""
    return {
        "child": child,
        "section": section,
        "can_record": can_record_for_child(request.user, child),
    }


def attach_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
