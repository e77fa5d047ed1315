"""The inspection data pack: who is in it and what it says of each child (hand-counted),
the export logged for each child, who may have it, the period form, the CSV (formula-safe)
and the PDF, and a number of queries that does not grow with the children."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.governance.permissions import GOVERNANCE_ROLES, may_export_inspection_pack
from mace.governance.selectors.inspection import inspection_rows
from mace.meetings.models import Outcome
from mace.risk.models import Assessment, Catalogue, MissingEpisode, StatutoryProcess
from mace.risk.services.vrmp import vrmp_create
from tests.factories import ChildAddressFactory, ChildFactory, WardFactory, held_meeting
from tests.factories.referrals import submitted_referral

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
START, END = dt.date(2026, 4, 1), dt.date(2026, 6, 30)


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def _assess(child, user, level: str, day: dt.date) -> Assessment:
    return Assessment.objects.create(
        child=child,
        catalogue=Catalogue.objects.get(is_active=True),
        assessor=user,
        assessed_on=day,
        status=Assessment.Status.COMPLETED,
        proposed_level=level,
        final_level=level,
        completed_at=at(day),
    )


def _missing(child, started: dt.datetime, *, hours_away=None, interview_after_hours=None):
    ended = started + dt.timedelta(hours=hours_away) if hours_away is not None else None
    interviewed = (
        ended + dt.timedelta(hours=interview_after_hours)
        if interview_after_hours is not None
        else None
    )
    return MissingEpisode.objects.create(
        child=child,
        kind=MissingEpisode.Kind.MISSING,
        started_at=started,
        ended_at=ended,
        interview_completed_at=interviewed,
        interview_status="completed" if interviewed else "not_yet",
    )


@pytest.fixture
def world(make_user):
    """Leah: referred 10 April and discussed 6 May (a full record). Tomasz: discussed on 24
    June only. Bethany: referred at 23:30 on the period's last day. Zephyrine: referred
    half an hour after the period and discussed the day before it (not in the pack).
    Ottoline: referred in the period, a restricted record nobody here may open."""
    coordinator = make_user(Role.COORDINATOR)
    ward = WardFactory(name="Gipton and Harehills")
    leah = ChildFactory(
        given_name="Leah",
        family_name="Brannigan",
        date_of_birth=dt.date(2010, 8, 15),
        case_system_id="LCS-204711",
    )
    ChildAddressFactory(child=leah, ward=ward)
    tomasz = ChildFactory(
        given_name="Tomasz",
        family_name="Wierzbicki",
        case_system_id="=2+5",  # a formula, if a spreadsheet were let run it
    )
    bethany = ChildFactory(given_name="Bethany", family_name="Arkwright")
    zephyrine = ChildFactory(given_name="Zephyrine", family_name="Quillfeather")
    ottoline = ChildFactory(given_name="Ottoline", family_name="Fairweather-Grist", restricted=True)

    submitted_referral(child=leah, submitted_at=at(dt.date(2026, 4, 10)))
    submitted_referral(child=leah, submitted_at=at(dt.date(2026, 3, 2)))  # before the period
    submitted_referral(child=bethany, submitted_at=at(END, 23, 30))
    submitted_referral(child=zephyrine, submitted_at=at(END + dt.timedelta(days=1), 0, 30))
    submitted_referral(child=ottoline, submitted_at=at(dt.date(2026, 5, 1)))
    held_meeting(
        dt.date(2026, 5, 6),
        actor=coordinator,
        children=[(leah, {"risk_level": "high", "outcome": Outcome.CONTINUE})],
    )
    held_meeting(
        dt.date(2026, 6, 24),
        actor=coordinator,
        children=[(tomasz, {"risk_level": "low", "outcome": Outcome.STEP_DOWN})],
    )
    held_meeting(
        START - dt.timedelta(days=1),
        actor=coordinator,
        children=[(zephyrine, {"risk_level": "medium"})],
    )

    _assess(leah, coordinator, "high", dt.date(2026, 4, 20))
    _assess(leah, coordinator, "medium", dt.date(2026, 8, 3))  # after the period: now
    vrmp_create(
        actor=coordinator,
        child=leah,
        vulnerabilities="Excluded from school in March",
        next_review_date=dt.date(2027, 1, 14),
    )
    _missing(leah, at(dt.date(2026, 3, 1)), hours_away=5, interview_after_hours=10)  # before
    _missing(leah, at(dt.date(2026, 4, 12), 22), hours_away=14, interview_after_hours=48)
    _missing(leah, at(dt.date(2026, 5, 20), 21), hours_away=30, interview_after_hours=100)
    _missing(leah, at(dt.date(2026, 6, 29), 23))  # not yet back
    for kind, started, ended in (
        (StatutoryProcess.Kind.CHILD_PROTECTION, dt.date(2026, 2, 1), None),
        (StatutoryProcess.Kind.CHILD_IN_NEED, dt.date(2025, 9, 1), dt.date(2026, 3, 15)),
        (StatutoryProcess.Kind.NRM_REFERRAL, dt.date(2026, 7, 10), None),
        (StatutoryProcess.Kind.STRATEGY_DISCUSSION, dt.date(2026, 3, 1), START),
    ):
        StatutoryProcess.objects.create(child=leah, kind=kind, started_on=started, ended_on=ended)
    return {
        "coordinator": coordinator,
        "leah": leah,
        "tomasz": tomasz,
        "bethany": bethany,
        "zephyrine": zephyrine,
        "ottoline": ottoline,
    }


def test_the_pack_lists_the_children_referred_or_discussed_with_their_figures(world):
    rows = inspection_rows(user=world["coordinator"], start=START, end=END)
    assert [row.name for row in rows] == [
        "Bethany Arkwright",
        "Leah Brannigan",
        "Tomasz Wierzbicki",
        "A restricted record",
    ]
    bethany, leah, tomasz, locked = rows
    assert leah.case_system_id == "LCS-204711"
    assert (leah.date_of_birth, leah.age) == (dt.date(2010, 8, 15), 15)
    assert leah.ward == "Gipton and Harehills"
    assert leah.referred_on == [dt.date(2026, 4, 10)]
    assert leah.discussed_on == [dt.date(2026, 5, 6)]
    assert (leah.risk_now, leah.risk_at_end) == ("Medium", "High")
    assert leah.vrmp == "Active, next review 14 Jan 2027"
    # Three episodes began in the period; two ended; one interview came within 72 hours.
    assert (leah.missing_episodes, leah.missing_returned, leah.interviews_within_72_hours) == (
        3,
        2,
        1,
    )
    # CP open throughout, the strategy discussion ended on the first day; CIN ended before
    # and the NRM referral began after.
    assert leah.statutory == ["Child Protection plan", "Strategy discussion"]  # by start
    assert leah.outcomes == ["6 May 2026: Continue at MACE (High)"]

    assert tomasz.referred_on == [] and tomasz.discussed_on == [dt.date(2026, 6, 24)]
    assert (tomasz.risk_now, tomasz.vrmp, tomasz.missing_episodes) == ("Not assessed", "None", 0)
    assert tomasz.outcomes == ["24 Jun 2026: Step down (Low / emerging)"]
    assert bethany.referred_on == [END] and bethany.outcomes == []

    assert locked.locked and locked.child_id == world["ottoline"].pk
    assert (locked.case_system_id, locked.referred_on, locked.missing_episodes) == ("", [], None)


def test_each_child_in_it_is_logged_as_exported_and_the_report_with_its_parameters(world):
    coordinator = world["coordinator"]
    inspection_rows(user=coordinator, start=START, end=END, file_format="pdf")
    exported = Event.objects.filter(verb=Event.Verb.CHILD_EXPORTED)
    assert sorted(e.child_id for e in exported) == sorted(
        world[name].pk for name in ("leah", "tomasz", "bethany")
    )
    period = {"kind": "inspection", "start": "2026-04-01", "end": "2026-06-30", "format": "pdf"}
    assert all(e.payload == period and e.actor_id == coordinator.pk for e in exported)
    listed = Event.objects.get(verb=Event.Verb.RESTRICTED_LISTED)
    assert listed.child_id == world["ottoline"].pk
    report = Event.objects.get(verb=Event.Verb.REPORT_GENERATED)
    assert report.payload == {**period, "children": 3, "restricted": 1}
    assert report.child_id is None


def test_the_auditor_gets_the_same_children_and_a_chair_none(world, make_user):
    rows = inspection_rows(user=make_user(Role.AUDITOR), start=START, end=END)
    assert [row.name for row in rows][:3] == [
        "Bethany Arkwright",
        "Leah Brannigan",
        "Tomasz Wierzbicki",
    ]
    assert rows[3].locked
    with pytest.raises(PermissionDenied):
        inspection_rows(user=make_user(Role.CHAIR), start=START, end=END)


def _get(client, start=START, end=END, **extra):
    query = {
        "start_day": start.day,
        "start_month": start.month,
        "start_year": start.year,
        "end_day": end.day,
        "end_month": end.month,
        "end_year": end.year,
        **extra,
    }
    return client.get(reverse("governance:inspection"), query)


@pytest.mark.parametrize("role", Role.values)
def test_only_the_coordinator_and_the_auditor_may_open_or_download_it(
    role, make_user, signed_in, world
):
    client = signed_in(make_user(role))
    allowed = role in (Role.COORDINATOR, Role.AUDITOR)
    page = client.get(reverse("governance:inspection"))
    assert (page.status_code == 200) is allowed
    if not allowed:
        assert page.status_code == (403 if role in GOVERNANCE_ROLES else 404)
    download = _get(client, format="csv")
    assert (download.status_code == 200) is allowed
    assert Event.objects.filter(verb=Event.Verb.CHILD_EXPORTED).exists() is allowed


def test_the_governance_nav_links_to_it_for_those_allowed_only(make_user, signed_in):
    for role in GOVERNANCE_ROLES:
        user = make_user(role)
        page = signed_in(user).get(reverse("governance:plan")).content.decode()
        assert ("Inspection data pack" in page) is may_export_inspection_pack(user), role


def test_a_date_that_is_not_real_is_an_error_on_its_field_and_what_was_typed_stays(
    make_user, signed_in, world
):
    client = signed_in(world["coordinator"])
    query = {
        "start_day": "31",
        "start_month": "2",
        "start_year": "2026",
        "end_day": "30",
        "end_month": "6",
        "end_year": "2026",
        "format": "csv",
    }
    response = client.get(reverse("governance:inspection"), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    form = response.context["form"]
    assert form.errors == {"start": ["From must be a real date"]}
    page = response.content.decode()
    assert 'value="31"' in page and 'value="30"' in page
    assert not Event.objects.filter(verb=Event.Verb.CHILD_EXPORTED).exists()


def test_an_end_before_the_start_is_an_error_on_the_end(signed_in, world):
    response = _get(signed_in(world["coordinator"]), start=END, end=START, format="pdf")
    assert response.context["form"].errors == {
        "end": ["The end of the period must be on or after its start"]
    }
    assert not Event.objects.filter(verb=Event.Verb.REPORT_GENERATED).exists()


def test_the_csv_has_a_row_per_child_and_runs_no_formula(signed_in, world):
    response = _get(signed_in(world["coordinator"]), format="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="mace-inspection-20260401-20260630.csv"'
    )
    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert header[:3] == ["MACE record ID", "Case system ID", "Name"]
    by_name = {row[2]: dict(zip(header, row, strict=True)) for row in rows}
    assert list(by_name) == [
        "Bethany Arkwright",
        "Leah Brannigan",
        "Tomasz Wierzbicki",
        "A restricted record",
    ]
    leah = by_name["Leah Brannigan"]
    assert leah["MACE record ID"] == str(world["leah"].pk)
    assert leah["Referred on"] == "2026-04-10"
    assert leah["Discussed at MACE on"] == "2026-05-06"
    assert leah["Missing episodes in period"] == "3"
    assert leah["Return interviews within 72 hours"] == "1"
    assert leah["Statutory processes open in period"] == (
        "Child Protection plan; Strategy discussion"
    )
    assert by_name["Tomasz Wierzbicki"]["Case system ID"] == "'=2+5"
    assert set(by_name["A restricted record"].values()) == {"", "A restricted record"}
    assert "Fairweather" not in response.content.decode()
    assert "Quillfeather" not in response.content.decode()


def test_the_pdf_is_a_landscape_table_marked_official_sensitive(signed_in, world):
    response = _get(signed_in(world["coordinator"]), format="pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    # Words, whatever the table's cells wrapped.
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "OFFICIAL-SENSITIVE" in text
    assert "1 April 2026 to 30 June 2026" in text
    assert "Leah Brannigan" in text
    assert "LCS-204711" in text
    assert "3 (2; 1)" in text  # Leah's missing episodes, returned, interviews within 72 hours
    assert "Continue at MACE" in text
    assert "Quillfeather" not in text and "Fairweather" not in text


def _children_with_records(coordinator, n: int, day: dt.date) -> None:
    children = [ChildFactory() for _ in range(n)]
    for child in children:
        ChildAddressFactory(child=child)
        submitted_referral(child=child, submitted_at=at(day))
        _assess(child, coordinator, "high", day)
        vrmp_create(
            actor=coordinator,
            child=child,
            vulnerabilities="Older associates",
            next_review_date=day + dt.timedelta(weeks=12),
        )
        _missing(child, at(day, 20), hours_away=10, interview_after_hours=24)
        StatutoryProcess.objects.create(
            child=child, kind=StatutoryProcess.Kind.CHILD_IN_NEED, started_on=day
        )
    held_meeting(
        day + dt.timedelta(days=7),
        actor=coordinator,
        children=[(child, {"risk_level": "high"}) for child in children],
        capacity=n,
    )


def _queries(coordinator) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        rows = inspection_rows(user=coordinator, start=START, end=END)
    return len(captured), len(rows)


def test_the_queries_do_not_grow_with_the_children(make_user, django_assert_max_num_queries):
    coordinator = make_user(Role.COORDINATOR)
    _children_with_records(coordinator, 2, dt.date(2026, 4, 15))
    with_two, rows = _queries(coordinator)
    assert rows == 2
    _children_with_records(coordinator, 4, dt.date(2026, 5, 13))
    with django_assert_max_num_queries(with_two):
        rows = inspection_rows(user=coordinator, start=START, end=END)
    assert len(rows) == 6


def test_the_auditors_home_page_leads_to_the_pack(make_user, signed_in):
    page = signed_in(make_user(Role.AUDITOR)).get("/").content.decode()
    assert f'href="{reverse("governance:inspection")}"' in page
