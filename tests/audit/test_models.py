"""The audit log is append-only in the model: no save, delete or update changes a row."""

from __future__ import annotations

import pytest

from mace.accounts.models import Role
from mace.audit.models import AppendOnlyError, Event
from mace.audit.services import event_record

pytestmark = pytest.mark.django_db


def test_the_log_cannot_be_changed_through_the_model_or_queryset(make_user):
    event = event_record(actor=make_user(Role.COORDINATOR), verb=Event.Verb.SIGNED_IN)
    event.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.all().update(reason="tampered")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
