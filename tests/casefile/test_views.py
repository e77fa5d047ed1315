"""The pages that compose several apps (mace.casefile.views): each role's home page (its
counts add up to "Your tasks", a child is listed once), the child's summary and chronology,
"Your tasks", and the auditor's break-glass review (naming the child, each child named
logged) and change history. Opening a child's record is logged. Who may see a child's
record is tested as a matrix in tests/security/test_visibility_matrix.py (the chronology
is one of the record's reading pages there)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role, User
from mace.audit.models import Event
from mace.casefile.views import HOME_TEMPLATES
from mace.core import clock
from mace.meetings.models import Minutes
from mace.people import services as people_services
from mace.people.models import ChildAccess
from mace.risk.services.missing import missing_episode_record
from mace.risk.services.vrmp import vrmp_action_add, vrmp_create, vrmp_review
from tests.factories import (
    AgencyFactory,
    ChildAddressFactory,
    ChildAliasFactory,
    ChildFactory,
    meeting_on,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _plan(user, child):
    next_review = TODAY() + dt.timedelta(weeks=12)
    return vrmp_create(
        actor=user, child=child, vulnerabilities="Exclusion", next_review_date=next_review
    ).vrmp


# Home pages.


@pytest.mark.parametrize("role", Role.values)
def test_each_role_lands_on_its_own_home_page(role, make_user, signed_in):
    client = signed_in(make_user(role))
    response = client.get(reverse("web:home"))
    if role == Role.REFERRER:  # a referrer's work is their referrals
        assert response.status_code == 302
        assert response.url == reverse("referrals:list")
        return
    assert response.status_code == 200
    assert response.templates[0].name == HOME_TEMPLATES[role]


def test_the_chairs_home_lists_their_next_meeting_and_minutes_to_approve(make_user, signed_in):
    chair = make_user(Role.CHAIR)
    coming = meeting_on(timezone.localdate() + dt.timedelta(days=2), chair=chair)
    held = meeting_on(timezone.localdate() - dt.timedelta(days=3), chair=chair, status="held")
    Minutes.objects.create(meeting=held, text="Draft")
    other = meeting_on(timezone.localdate() - dt.timedelta(days=3), chair=make_user(Role.CHAIR))
    Minutes.objects.create(meeting=other, text="Someone else's")

    page = signed_in(chair).get("/").content.decode()

    assert f"/meetings/{coming.pk}/" in page
    assert f"/meetings/{held.pk}/minutes/" in page
    assert f"/meetings/{other.pk}/minutes/" not in page


def test_the_navigation_and_home_page_lead_to_the_administration_pages(admin_client):
    response = admin_client.get(reverse("web:home"))
    content = response.content.decode()
    assert reverse("administration:index") in content
    for name in ("user_list", "agency_list", "domain_list", "series_list", "catalogue_list"):
        assert reverse(f"administration:{name}") in content
    assert 'href="/admin/"' not in content


def test_the_home_page_shows_the_counts(admin_client, invite):
    invite()
    response = admin_client.get(reverse("web:home"))
    assert response.context["invitation_count"] == 1
    assert response.context["user_count"] == User.objects.filter(is_active=True).count()
    assert 'data-testid="invitation-count">1<' in response.content.decode()


# The child's summary and chronology.


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


def test_child_page_query_count_is_independent_of_aliases_and_addresses(make_user, signed_in):
    client = signed_in(make_user(Role.COORDINATOR))
    small = ChildFactory()
    ChildAliasFactory(child=small)
    ChildAddressFactory(child=small)
    large = ChildFactory()
    ChildAliasFactory.create_batch(12, child=large)
    ChildAddressFactory.create_batch(15, child=large)
    ChildFactory.create_batch(20)  # more children in the cohort

    few = _queries(client, reverse("people:child_detail", args=[small.id]))
    many = _queries(client, reverse("people:child_detail", args=[large.id]))
    assert few == many
    assert many <= 25


def test_chronology_query_count_does_not_grow_with_the_record(make_user, signed_in):
    user = make_user(Role.COORDINATOR)
    client = signed_in(user)
    small, large = ChildFactory(), ChildFactory()
    today = timezone.localdate()
    for child, n in ((small, 1), (large, 6)):
        plan = vrmp_create(
            actor=user, child=child, next_review_date=today + dt.timedelta(weeks=12)
        ).vrmp
        for i in range(n):
            vrmp_review(
                actor=user,
                vrmp=plan,
                reviewed_on=today - dt.timedelta(days=i),
                effect="yes",
                next_review_date=today + dt.timedelta(weeks=4),
            )
            start = timezone.now() - dt.timedelta(days=10 + i)
            missing_episode_record(actor=user, child=child, kind="missing", started_at=start)

    def count(child):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("risk:chronology", args=[child.id])).status_code == 200
        return len(ctx.captured_queries)

    assert count(small) == count(large)


def test_the_chronology_filters_by_kind_in_the_order_the_apps_gave(make_user, signed_in):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    _plan(user, child)
    missing_episode_record(
        actor=user, child=child, kind="missing", started_at=timezone.now() - dt.timedelta(days=3)
    )
    client = signed_in(user)

    page = client.get(reverse("risk:chronology", args=[child.id])).content.decode()
    only_missing = client.get(
        reverse("risk:chronology", args=[child.id]), {"kind": "missing"}
    ).content.decode()

    labels = ["Statutory processes", "VRMP versions", "Risk assessments", "Missing episodes"]
    labels += ["MACE discussions", "Referrals and triage"]
    assert [page.index(f">{label}</label>") for label in labels] == sorted(
        page.index(f">{label}</label>") for label in labels
    )
    assert "VRMP started" in page and "VRMP started" not in only_missing
    assert 'value="missing" checked' in only_missing


# "Your tasks".


def test_task_list_page_shows_overdue_actions_and_completes_them(make_user, signed_in):
    coordinator = make_user(Role.COORDINATOR)
    agency = AgencyFactory(name="Police")
    member = make_user(Role.MEMBER, agency=agency)
    plan = _plan(coordinator, ChildFactory())
    action = vrmp_action_add(
        actor=coordinator,
        vrmp=plan,
        description="Return home interview check",
        owner_agency=agency,
        owner=member,
        due_date=TODAY() - dt.timedelta(days=1),
    )
    client = signed_in(member)
    page = client.get(reverse("tasks:list")).content.decode()
    assert "Return home interview check" in page and "Overdue" in page
    missing_note = client.post(reverse("tasks:action_complete", args=[action.id]), {"note": ""})
    assert "Say what was done to complete the action" in missing_note.content.decode()
    client.post(reverse("tasks:action_complete", args=[action.id]), {"note": "Done 20 Nov"})
    action.refresh_from_db()
    assert action.status == "done"


def test_the_task_list_shows_each_apps_section_in_page_order(make_user, signed_in):
    page = signed_in(make_user(Role.MEMBER)).get(reverse("tasks:list")).content.decode()

    headings = ["VRMP actions you own", "Actions from MACE meetings", "VRMP reviews overdue"]
    positions = [page.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "You own no open actions." in page
    assert "You own no open actions from MACE meetings." in page
    assert "No plan you lead is overdue for review." in page


# The auditor's break-glass review and the change history.


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


Finding = ChildAccess.ReviewFinding


def _url(grant) -> str:
    return reverse("audit:break_glass_review", args=[grant.pk])


def test_the_queue_and_the_review_page_name_the_child_and_log_it(glass, signed_in):
    client = signed_in(glass["auditor"])
    listing = client.get(reverse("audit:break_glass_list")).content.decode()
    assert "Maisie Holroyd" in listing
    page = client.get(_url(glass["grant"])).content.decode()
    assert "Maisie Holroyd" in page
    logged = Event.objects.filter(
        verb=Event.Verb.CHILDREN_LISTED, actor=glass["auditor"], child=glass["child"]
    )
    assert sorted(e.payload["page"] for e in logged) == [
        "break_glass_review",
        "break_glass_reviews",
    ]


def test_the_page_keeps_what_was_typed_and_says_what_is_missing(glass, signed_in):
    client = signed_in(glass["auditor"])
    response = client.post(
        _url(glass["grant"]), {"finding": Finding.NOT_JUSTIFIED, "note": "No meeting that day"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter what follows" in page
    assert "No meeting that day</textarea>" in page
    response = client.post(
        _url(glass["grant"]),
        {
            "finding": Finding.NOT_JUSTIFIED,
            "note": "No meeting that day",
            "follow_up": "Raised with their line manager",
        },
    )
    assert response.status_code == 302
    listing = client.get(reverse("audit:break_glass_list")).content.decode()
    assert "Not justified" in listing and "Raised with their line manager" in listing


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.AUDITOR])
def test_only_the_auditor_opens_the_review(glass, signed_in, make_user, role):
    client = signed_in(make_user(role))
    assert client.get(_url(glass["grant"])).status_code in (403, 404)
    assert client.get(reverse("audit:break_glass_list")).status_code in (403, 404)


def test_the_home_pages_count_equals_the_rows_of_your_tasks(member_world, signed_in):
    client = signed_in(member_world["member"])
    home = client.get(reverse("web:home")).context
    tasks = client.get(reverse("tasks:list")).context
    rows = sum(len(section.rows) for section in tasks["sections"])
    assert rows == 4  # two MACE actions, one VRMP action, one plan overdue for review
    assert home["task_count"] == rows
    assert "4 to do" in client.get(reverse("web:home")).content.decode()


def test_a_child_is_listed_once_whatever_the_grants(member_world, signed_in):
    home = signed_in(member_world["member"]).get(reverse("web:home")).context
    children = [grant.child_id for grant in home["grants"]]
    assert sorted(children) == sorted([member_world["kai"].pk, member_world["ruby"].pk])


def test_the_home_page_lists_the_seats_next_meeting_and_the_chairs_minutes(silver, signed_in):
    with clock.set_to(dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC)):
        seat_home = signed_in(silver["seat"]).get(reverse("web:home")).context
        assert silver["coming"] in seat_home["next_meetings"]
        chair_home = signed_in(silver["chair"]).get(reverse("web:home")).context
        assert [m.meeting for m in chair_home["minutes_to_approve"]] == [silver["held"]]
