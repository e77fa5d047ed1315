"""The database itself refuses to change or delete a row of the audit log
(mace.audit.triggers)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.audit.services import event_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_event SET reason = 'tampered'", "DELETE FROM audit_event"]
)
def test_the_database_refuses_changes_to_the_log(sql, make_user):
    event_record(actor=make_user(Role.COORDINATOR), verb=Event.Verb.SIGNED_IN)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert Event.objects.filter(reason="tampered").count() == 0
    assert Event.objects.count() >= 1
