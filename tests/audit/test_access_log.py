"""Every read of a child's data writes an access-log row; nobody can change the log."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import AppendOnlyError, Event
from mace.audit.services import event_record
from mace.people import services as people_services
from tests.factories import ChildAccessFactory, ChildFactory

pytestmark = pytest.mark.django_db


def test_opening_a_child_record_writes_who_whom_what_when_where(make_user, signed_in):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    client = signed_in(user)
    before = timezone.now()
    client.get(
        reverse("people:child_detail", args=[child.id]),
        REMOTE_ADDR="10.1.2.3",
        HTTP_USER_AGENT="Test browser",
    )
    row = Event.objects.get(verb=Event.Verb.CHILD_VIEWED)
    assert row.actor == user
    assert row.actor_email == user.email
    assert row.actor_role == Role.COORDINATOR
    assert row.child_id == child.id
    assert row.path == f"/children/{child.id}/"
    assert row.method == "GET"
    assert row.ip_address == "10.1.2.3"
    assert row.user_agent == "Test browser"
    assert row.at >= before


def test_a_refused_read_writes_no_access_row(make_user, signed_in):
    child = ChildFactory()
    client = signed_in(make_user(Role.MEMBER))
    client.get(reverse("people:child_detail", args=[child.id]))
    assert not Event.objects.filter(verb=Event.Verb.CHILD_VIEWED).exists()


def test_every_child_shown_in_a_search_is_logged(make_user, signed_in):
    children = ChildFactory.create_batch(3, family_name="Begum")
    ChildFactory(family_name="Kowalski")
    client = signed_in(make_user(Role.CHAIR))
    client.get(reverse("people:child_list"), {"q": "Begum"})
    logged = set(
        Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED).values_list("child_id", flat=True)
    )
    assert logged == {c.id for c in children}


def test_break_glass_is_logged_with_its_reason_and_queued_for_review(make_user, signed_in):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory(restricted=True)
    client = signed_in(user)
    reason = "Police called: child missing tonight, need placement address"
    response = client.post(reverse("people:break_glass", args=[child.id]), {"reason": reason})
    assert response.status_code == 302
    event = Event.objects.get(verb=Event.Verb.BREAK_GLASS)
    assert event.reason == reason
    assert event.child_id == child.id
    grant = child.access_grants.get(basis="break_glass")
    assert grant.reviewed_at is None
    hours = (grant.expires_at - grant.starts_at).total_seconds() / 3600
    assert hours == pytest.approx(4)
    view = client.get(reverse("people:child_detail", args=[child.id]))
    assert view.status_code == 200


def test_break_glass_without_a_reason_is_refused_and_keeps_the_text(make_user, signed_in):
    child = ChildFactory(restricted=True)
    client = signed_in(make_user(Role.COORDINATOR))
    response = client.post(reverse("people:break_glass", args=[child.id]), {"reason": "urgent"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "at least 20 characters" in page
    assert ">urgent</textarea>" in page
    assert not child.access_grants.exists()


def test_auditor_reviews_break_glass(make_user, signed_in):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory(restricted=True)
    grant = people_services.break_glass_open(
        actor=user, child_id=child.id, reason="Strategy discussion in ten minutes, need record"
    )
    auditor = make_user(Role.AUDITOR)
    client = signed_in(auditor)
    listing = client.get(reverse("audit:break_glass_list")).content.decode()
    assert "Strategy discussion in ten minutes" in listing
    client.post(
        reverse("audit:break_glass_review", args=[grant.id]),
        {"finding": "justified", "note": "Justified: spoke to TM"},
    )
    grant.refresh_from_db()
    assert grant.reviewed_by == auditor
    assert Event.objects.filter(verb=Event.Verb.BREAK_GLASS_REVIEWED).count() == 1


def test_only_the_auditor_reviews_break_glass(make_user):
    from django.core.exceptions import PermissionDenied

    user = make_user(Role.COORDINATOR)
    child = ChildFactory(restricted=True)
    grant = people_services.break_glass_open(
        actor=user, child_id=child.id, reason="Needed for an urgent strategy discussion"
    )
    with pytest.raises(PermissionDenied):
        people_services.break_glass_review(
            actor=user, grant_id=grant.id, finding="justified", note="fine"
        )


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


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_event SET reason = 'tampered'", "DELETE FROM audit_event"]
)
def test_the_database_refuses_changes_to_the_log(sql, make_user):
    event_record(actor=make_user(Role.COORDINATOR), verb=Event.Verb.SIGNED_IN)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert Event.objects.filter(reason="tampered").count() == 0
    assert Event.objects.count() >= 1


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


def test_member_grant_from_an_invitation_expires(make_user):
    from mace.people.selectors import children_visible_to

    member = make_user(Role.MEMBER)
    grant = ChildAccessFactory(user=member)
    assert list(children_visible_to(member)) == [grant.child]
    later = grant.expires_at + dt.timedelta(seconds=1)
    assert list(children_visible_to(member, at=later)) == []


def test_child_changes_are_kept_in_history(make_user, signed_in):
    child = ChildFactory(family_name="Smith")
    child.family_name = "Smyth"
    child.save()
    client = signed_in(make_user(Role.AUDITOR))
    page = client.get(reverse("audit:child_history", args=[child.id])).content.decode()
    assert "family_name" in page
    assert "Smith" in page
    assert "Smyth" in page
    assert Event.objects.filter(verb=Event.Verb.CHILD_HISTORY_VIEWED, child=child).exists()
