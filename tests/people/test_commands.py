"""`mace link`: CSV lists in, matched pairs out."""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ChildAddressFactory, ChildFactory

HEADER = "id,given_name,family_name,date_of_birth,sex,postcode,address\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def lists(tmp_path):
    a = _write(
        tmp_path / "a.csv",
        HEADER
        + "1,William,Smith,2011-04-03,male,LS8 5AB,12 Harehills Grove Leeds\n"
        + "2,Jade,Brown,,,,\n"
        + "3,Kai,Patel,2012-07-09,,LS9 7QT,\n"
        + "4,Zainab,Hussain,2010-12-01,female,,\n",
    )
    b = _write(
        tmp_path / "b.csv",
        # Columns in another order, one missing (sex), empty cells: all allowed.
        "family_name,given_name,id,postcode,date_of_birth,address\n"
        + "Smith,Bill,x,LS85AB,2011-03-04,\n"
        + "Patel,Kai,z,,09/07/2012,\n"
        + "Else,Someone,w,LS1 1AA,2011-04-03,\n"
        + "Begum,Ruby,v,,2010-12-01,\n",
    )
    return a, b


def test_link_writes_the_pairs_at_or_above_the_threshold(lists, tmp_path):
    a, b = lists
    out = tmp_path / "matches.csv"
    call_command("link", a=a, b=b, out=out, verbosity=0)
    rows = _read(out)
    assert list(rows[0]) == ["id_a", "id_b", "score"]
    assert [(r["id_a"], r["id_b"]) for r in rows] == [("1", "x"), ("3", "z")]
    assert all(0.9 <= float(r["score"]) <= 1 for r in rows)


def test_link_threshold_and_explain(lists, tmp_path):
    a, b = lists
    out = tmp_path / "matches.csv"
    call_command("link", a=a, b=b, out=out, threshold=0.0, explain=True, verbosity=0)
    rows = _read(out)
    assert len(rows) > 2
    first = rows[0]
    assert (first["id_a"], first["id_b"]) == ("1", "x")
    assert "date of birth: day and month transposed (+" in first["reasons"]
    assert "given name: nickname or short form of the same name (+" in first["reasons"]


def test_link_shows_a_summary(lists, tmp_path):
    a, b = lists
    stdout = StringIO()
    call_command("link", a=a, b=b, out=tmp_path / "m.csv", stdout=stdout)
    assert "2 pairs at or above 0.9 among 4 records in A and 4 in B" in stdout.getvalue()


def test_link_can_fit_save_and_reuse_a_model(lists, tmp_path):
    a, b = lists
    saved = tmp_path / "model.json"
    call_command("link", a=a, b=b, out=tmp_path / "m1.csv", fit=True, save_model=saved, verbosity=0)
    assert saved.is_file()
    call_command("link", a=a, b=b, out=tmp_path / "m2.csv", model=saved, verbosity=0)
    assert _read(tmp_path / "m1.csv") == _read(tmp_path / "m2.csv")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: {"a": d / "nowhere.csv", "b": d / "b.csv"}, "--a: no such file"),
        (
            lambda d: {"a": _write(d / "x.csv", "name,dob\nAmy,2010-01-01\n"), "b": d / "b.csv"},
            "--a: x.csv has no 'id' column (found: name, dob)",
        ),
        (
            lambda d: {
                "a": _write(d / "x.csv", HEADER + "1,A,B,,,,\n1,C,D,,,,\n"),
                "b": d / "b.csv",
            },
            "--a: id '1' appears on lines 2 and 3",
        ),
        (lambda d: {"a": d / "a.csv", "b": d / "b.csv", "threshold": 1.5}, "between 0 and 1"),
        (lambda d: {"a": d / "a.csv", "fit": True}, "--fit learns from two lists"),
    ],
)
def test_link_explains_bad_input(lists, tmp_path, setup, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("link", out=tmp_path / "m.csv", verbosity=0, **setup(tmp_path))


def test_link_reports_dates_it_cannot_read_and_carries_on(lists, tmp_path):
    _, b = lists
    a = _write(tmp_path / "odd.csv", HEADER + "1,Kai,Patel,sometime in 2012,,,\n")
    stderr = StringIO()
    call_command("link", a=a, b=b, out=tmp_path / "m.csv", stderr=stderr, stdout=StringIO())
    assert "1 dates of birth not understood, treated as empty (lines 2)" in stderr.getvalue()


@pytest.mark.django_db
def test_link_without_b_searches_the_children_recorded(tmp_path):
    child = ChildFactory(
        given_name="Zainab", family_name="Hussain", date_of_birth=dt.date(2010, 12, 1)
    )
    ChildAddressFactory(child=child, postcode="LS7 3QT")
    ChildFactory(given_name="Ruby", family_name="Begum", date_of_birth=dt.date(2010, 12, 1))
    a = _write(
        tmp_path / "missing-from-school.csv",
        HEADER + "m1,Zainab,Hussein,01/12/2010,F,LS7 3QT,\nm2,Nobody,Known,2009-05-05,,,\n",
    )
    out = tmp_path / "known.csv"
    call_command("link", a=a, out=out, verbosity=0, explain=True)
    rows = _read(out)
    assert [(r["id_a"], r["id_b"]) for r in rows] == [("m1", str(child.pk))]
    assert "family name: spelling variant" in rows[0]["reasons"]
    from mace.audit.models import Event

    logged = Event.objects.filter(verb=Event.Verb.COHORT_LINKED)
    assert [e.child_id for e in logged] == [child.pk]
    assert logged[0].payload["pairs"] == 1 and logged[0].payload["out"] == str(out)
