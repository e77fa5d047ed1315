"""A page's query count does not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mace.accounts.models import Role
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_child_list_query_count_is_independent_of_cohort_size(make_user, signed_in):
    client = signed_in(make_user(Role.COORDINATOR))
    ChildFactory.create_batch(3)
    few = _queries(client, reverse("people:child_list"))
    ChildFactory.create_batch(40)
    many = _queries(client, reverse("people:child_list"))
    assert few == many


def test_access_log_query_count_is_independent_of_log_size(make_user, signed_in):
    from mace.audit.models import Event
    from mace.audit.services import event_record

    coordinator = make_user(Role.COORDINATOR)
    client = signed_in(make_user(Role.AUDITOR))
    child = ChildFactory()
    event_record(actor=coordinator, verb=Event.Verb.CHILD_VIEWED, child=child)
    few = _queries(client, reverse("audit:log"))
    for extra in ChildFactory.create_batch(30):
        event_record(actor=coordinator, verb=Event.Verb.CHILD_VIEWED, child=extra)
    many = _queries(client, reverse("audit:log"))
    assert few == many
