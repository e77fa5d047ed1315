"""`mace link` with two lists: learns from them by default, keeps one match each."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mace.linkage import engine
from mace.linkage.csvfiles import COLUMNS
from mace.linkage.households import household_lists
from mace.linkage.records import PersonRecord


def _write(path: Path, records: list[PersonRecord]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for r in records:
            dob = r.date_of_birth.isoformat() if r.date_of_birth else ""
            writer.writerow([r.id, r.given_name, r.family_name, dob, r.sex, r.postcode, r.address])
    return path


def _pairs(path: Path) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [(row["id_a"], row["id_b"]) for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def families():
    return household_lists(children=400, seed=5)


@pytest.fixture
def files(families, tmp_path):
    return _write(tmp_path / "a.csv", families.a), _write(tmp_path / "b.csv", families.b)


def test_two_lists_are_linked_with_a_model_learnt_from_them(families, files, tmp_path):
    a, b = files
    out, stdout = tmp_path / "m.csv", StringIO()
    call_command("link", a=a, b=b, out=out, stdout=stdout)
    assert "Model: learnt from the two lists; each record's best match kept" in (stdout.getvalue())
    model = engine.model_fit(a=families.a, b=families.b)
    expected = engine.link_records(families.a, families.b, model=model)
    assert _pairs(out) == [(m.id_a, m.id_b) for m in expected]
    ids_a = [x for x, _ in _pairs(out)]
    ids_b = [y for _, y in _pairs(out)]
    assert len(set(ids_a)) == len(ids_a) and len(set(ids_b)) == len(ids_b)
    hits = len(set(_pairs(out)) & families.truth)
    assert hits / len(ids_a) >= 0.99 and hits / len(families.truth) >= 0.95


def test_the_bundled_model_and_every_pair_on_request(families, files, tmp_path):
    a, b = files
    stdout = StringIO()
    call_command("link", a=a, b=b, out=tmp_path / "bundled.csv", bundled_model=True, stdout=stdout)
    assert "Model: bundled\n" in stdout.getvalue()
    expected = engine.link_records(families.a, families.b, model=engine.default_model())
    assert _pairs(tmp_path / "bundled.csv") == [(m.id_a, m.id_b) for m in expected]
    call_command(
        "link", a=a, b=b, out=tmp_path / "all.csv", all_pairs=True, threshold=0.5, verbosity=0
    )
    call_command("link", a=a, b=b, out=tmp_path / "one.csv", threshold=0.5, verbosity=0)
    every, one = _pairs(tmp_path / "all.csv"), _pairs(tmp_path / "one.csv")
    assert set(one) < set(every)
    assert len({x for x, _ in every}) < len(every)


def test_small_lists_use_the_bundled_model_and_say_so(tmp_path):
    people = [
        PersonRecord(id="1", given_name="Kai", family_name="Patel", postcode="LS9 7QT"),
        PersonRecord(id="2", given_name="Zainab", family_name="Hussain"),
    ]
    a = _write(tmp_path / "a.csv", people)
    b = _write(tmp_path / "b.csv", people)
    stdout = StringIO()
    call_command("link", a=a, b=b, out=tmp_path / "m.csv", stdout=stdout)
    assert (
        f"Model: bundled (lists of fewer than {engine.MIN_FIT_RECORDS} records are too few to "
        "learn from; --fit learns all the same)"
    ) in stdout.getvalue()
    stdout = StringIO()
    call_command("link", a=a, b=b, out=tmp_path / "m.csv", fit=True, stdout=stdout)
    assert "Model: learnt from the two lists" in stdout.getvalue()


def test_explain_gives_the_household_weighing_of_a_household_pair(files, tmp_path):
    a, b = files
    out = tmp_path / "m.csv"
    call_command("link", a=a, b=b, out=out, explain=True, verbosity=0)
    with out.open(newline="", encoding="utf-8") as handle:
        reasons = [row["reasons"] for row in csv.DictReader(handle)]
    household = [r for r in reasons if "against another member of the household: " in r]
    assert len(household) > len(reasons) / 2
    assert any("given name same, date of birth same; sex same (+" in r for r in household)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"fit": True, "bundled_model": True}, "Give one of --fit, --model and --bundled-model"),
        ({"model": "m.json", "bundled_model": True}, "not --model and --bundled-model"),
    ],
)
def test_one_model_choice_at_a_time(files, tmp_path, options, message):
    a, b = files
    if "model" in options:
        options = {**options, "model": tmp_path / options["model"]}
    with pytest.raises(CommandError, match=message):
        call_command("link", a=a, b=b, out=tmp_path / "m.csv", verbosity=0, **options)
