"""Period reports (issue 13 item 5): `mace report` and the site's form, on the hand-built
city (tests/factories/dashboards.py). A report is its dashboard for the period: exact for
MACE, suppressed for Silver and Gold whoever writes it; the PDF's text holds the tables'
figures; every report is logged with its parameters and each child it names as exported."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core.suppression import HIDDEN, SMALL
from mace.governance.selectors.dashboards import dashboard_build
from tests.factories.dashboards import END, GOLD_START, START

pytestmark = pytest.mark.django_db

WRITERS = {Role.COORDINATOR, Role.CHAIR, Role.ANALYST, Role.SILVER, Role.GOLD}


def _report(tmp_path, audience, fmt, start=START, end=END) -> bytes:
    out = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        audience,
        "--from",
        start.isoformat(),
        "--to",
        end.isoformat(),
        "--format",
        fmt,
        "--out",
        str(out),
        verbosity=0,
    )
    return out.read_bytes()


def _sections(text: str) -> dict[str, list[list[str]]]:
    """The CSV's tables by title (a title row, then the table, then a blank row)."""
    rows = list(csv.reader(io.StringIO(text)))
    sections, title = {}, None
    for row in rows[1:]:
        if not row:
            title = None
        elif title is None:
            title = row[0]
            sections[title] = []
        else:
            sections[title].append(row)
    return sections


def test_the_mace_pdf_holds_the_tables_figures(city, tmp_path):
    # Referrals in January to March, by triage outcome (test_mace.py counts them by hand):
    # accepted 1, 0, 1; five referrals in all.
    pdf = _report(tmp_path, "mace", "pdf")
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = " ".join(page.extract_text() for page in pages)
    assert pages[0].mediabox.width > pages[0].mediabox.height  # its stylesheet: A4 landscape
    assert "MACE report" in text and "OFFICIAL-SENSITIVE" in text
    assert re.search(r"Accepted\s+1\s+0\s+1\s+2", text), "the accepted row and its total"
    assert "Time to triage against the target of 5 working days" in text
    assert "Not yet triaged" in text
    event = Event.objects.get(verb=Event.Verb.REPORT_GENERATED)
    assert event.actor is None
    assert event.payload == {
        "report": "mace",
        "from": "2026-01-01",
        "to": "2026-03-31",
        "format": "pdf",
        "suppressed": False,
        "figures": 6,
        "children_named": 0,
    }


def test_the_mace_csv_is_exact(city, tmp_path):
    sections = _sections(_report(tmp_path, "mace", "csv").decode())
    referrals = next(rows for title, rows in sections.items() if title.startswith("Referrals"))
    assert referrals[0] == ["Outcome", "Jan 2026", "Feb 2026", "Mar 2026", "Total"]
    assert ["Accepted", "1", "0", "1", "2"] in referrals


def test_the_gold_csv_is_suppressed_as_the_gold_dashboard_is(city, tmp_path):
    text = _report(tmp_path, "gold", "csv", start=GOLD_START).decode()
    sections = _sections(text)
    board = dashboard_build(audience="gold", start=GOLD_START, end=END, exact=False)
    scale = board.figure("scale_level")
    assert sections[scale.title] == scale.table.rows()
    # High risk was 1 then 2 children (test_gold.py): neither count is printed.
    high = next(row for row in sections[scale.title] if row[0] == "High")
    assert all(cell in (SMALL, HIDDEN, "0") or int(cell) >= 5 for cell in high[1:])
    assert SMALL in text


def test_the_gold_report_names_only_the_child_escalated_to_gold(city, tmp_path):
    html = _report(tmp_path, "gold", "html", start=GOLD_START).decode()
    assert "Bryn Wrenfold" in html  # escalated to Gold
    assert "Quillfeather" not in html  # Amber: at high risk, counted only
    assert "Harrowgate" not in html  # Dylan: his escalation to Gold closed
    assert "<svg" in html and 'href="data:text/css;base64,' in html  # styles travel with it
    exported = Event.objects.filter(verb=Event.Verb.CHILD_EXPORTED)
    assert [e.child_id for e in exported] == [city.children["bryn"].pk]
    assert exported[0].payload["report"] == "gold"
    generated = Event.objects.get(verb=Event.Verb.REPORT_GENERATED)
    assert generated.payload["children_named"] == 1 and generated.payload["suppressed"]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-13-01", "2026-03-31", "Not a date"),
        ("2026-03-31", "2026-01-01", "on or after its start"),
    ],
)
def test_a_bad_period_is_refused_in_words(city, tmp_path, start, end, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "report", "mace", "--from", start, "--to", end, "--out", str(tmp_path / "r.pdf")
        )
    assert not (tmp_path / "r.pdf").exists()
    assert not Event.objects.filter(verb=Event.Verb.REPORT_GENERATED).exists()


def test_the_terminal_shows_what_was_written(city, tmp_path):
    out = io.StringIO()
    call_command(
        "report",
        "silver",
        "--from",
        START.isoformat(),
        "--to",
        END.isoformat(),
        "--format",
        "csv",
        "--out",
        str(tmp_path / "silver.csv"),
        stdout=out,
    )
    assert "Wrote" in out.getvalue() and "silver report" in out.getvalue()


# --- From the site --------------------------------------------------------------------


@pytest.mark.parametrize("role", Role.values)
def test_who_may_write_a_report(make_user, signed_in, role):
    response = signed_in(make_user(role)).get(reverse("governance:report_new"))
    assert response.status_code == (200 if role in WRITERS else 404)


def test_silver_writes_the_gold_report_without_gold_s_children(city, signed_in):
    client = signed_in(city.silver)
    form = client.get(reverse("governance:report_new")).content.decode()
    assert 'value="mace"' not in form  # MACE's report stays in the core group
    response = client.post(
        reverse("governance:report_new"),
        {
            "audience": "gold",
            "start": GOLD_START.isoformat(),
            "end": END.isoformat(),
            "format": "csv",
        },
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="mace-gold-report-20251001-20260331.csv"'
    )
    text = response.content.decode()
    assert "Wrenfold" not in text and "A child" in text  # Bryn opens to Gold's members only
    assert not Event.objects.filter(verb=Event.Verb.CHILD_EXPORTED).exists()
    event = Event.objects.get(verb=Event.Verb.REPORT_GENERATED)
    assert event.actor == city.silver and event.payload["report"] == "gold"


def test_gold_writes_its_report_naming_its_child(city, signed_in):
    response = signed_in(city.gold).post(
        reverse("governance:report_new"),
        {
            "audience": "gold",
            "start": GOLD_START.isoformat(),
            "end": END.isoformat(),
            "format": "html",
        },
    )
    assert "Bryn Wrenfold" in response.content.decode()
    event = Event.objects.get(verb=Event.Verb.CHILD_EXPORTED)
    assert event.actor == city.gold and event.child == city.children["bryn"]


def test_silver_cannot_write_the_mace_report(city, signed_in):
    response = signed_in(city.silver).post(
        reverse("governance:report_new"),
        {"audience": "mace", "start": START.isoformat(), "end": END.isoformat(), "format": "csv"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Select a valid choice" in page
    assert not Event.objects.filter(verb=Event.Verb.REPORT_GENERATED).exists()


def test_a_bad_period_keeps_what_was_typed(city, signed_in):
    response = signed_in(city.coordinator).post(
        reverse("governance:report_new"),
        {"audience": "silver", "start": "2026-03-31", "end": "2026-01-01", "format": "pdf"},
    )
    page = response.content.decode()
    assert "The end of the period must be on or after its start" in page
    assert 'value="silver" checked>' in page and 'value="pdf" checked>' in page
    assert 'name="start_day" type="text" inputmode="numeric" value="31"' in page
    assert not Event.objects.filter(verb=Event.Verb.REPORT_GENERATED).exists()
