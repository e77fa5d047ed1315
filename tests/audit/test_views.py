"""The auditor's access log (mace.audit.views): searching by user, child and date, the CSV
export (itself logged), for the auditor only, with a query count that does not grow with
the log; the admin site offers no way to edit it."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.audit.services import event_record
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_admin_site_offers_no_way_to_edit_the_log(make_user, signed_in):
    admin = make_user(Role.ADMIN, is_superuser=True)
    client = signed_in(admin)
    assert client.get("/admin/audit/event/").status_code == 404


def _log_rows(user, child):
    event_record(actor=user, verb=Event.Verb.CHILD_VIEWED, child=child)


def test_auditor_searches_by_user_child_and_date(make_user, signed_in):
    alice = make_user(Role.COORDINATOR, email="alice@test.example")
    bob = make_user(Role.CHAIR, email="bob@test.example")
    amira = ChildFactory(given_name="Amira", family_name="Hussain")
    tyler = ChildFactory(given_name="Tyler", family_name="Brennan")
    _log_rows(alice, amira)
    _log_rows(bob, tyler)
    client = signed_in(make_user(Role.AUDITOR))
    url = reverse("audit:log")

    by_user = client.get(url, {"actor_email": "alice@", "verb": "child.viewed"})
    assert by_user.context["page"].paginator.count == 1
    by_child = client.get(url, {"child": "Brennan", "verb": "child.viewed"})
    assert [e.actor_email for e in by_child.context["page"]] == ["bob@test.example"]
    by_id = client.get(url, {"child": str(amira.id)})
    assert {e.child_id for e in by_id.context["page"]} == {amira.id}
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    future = client.get(url, {"date_from": tomorrow, "verb": "child.viewed"})
    assert future.context["page"].paginator.count == 0


def test_a_bad_date_range_is_explained(make_user, signed_in):
    client = signed_in(make_user(Role.AUDITOR))
    page = client.get(
        reverse("audit:log"), {"date_from": "2026-11-10", "date_to": "2026-11-01"}
    ).content.decode()
    assert "The to date must be the same as or after the from date" in page


def test_auditor_exports_the_log_as_csv_and_the_export_is_logged(make_user, signed_in):
    user = make_user(Role.COORDINATOR, email="carol@test.example")
    child = ChildFactory()
    _log_rows(user, child)
    auditor = make_user(Role.AUDITOR)
    client = signed_in(auditor)
    response = client.get(reverse("audit:log_export"), {"actor_email": "carol@"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["child_id"] == str(child.id)
    assert rows[0]["verb"] == "child.viewed"
    assert Event.objects.filter(verb=Event.Verb.LOG_EXPORTED, actor=auditor).exists()


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.AUDITOR])
def test_only_the_auditor_reads_the_log(role, make_user, signed_in):
    client = signed_in(make_user(role))
    assert client.get(reverse("audit:log")).status_code == 404
    assert client.get(reverse("audit:log_export")).status_code == 404
    assert client.get(reverse("audit:break_glass_list")).status_code == 404


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


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
