"""Comparison levels: names, nicknames, aliases, dates of birth, postcodes, empty fields."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.linkage.compare import (
    COMPARISONS,
    DOB_LEVELS,
    FAMILY_LEVELS,
    GIVEN_LEVELS,
    POSTCODE_LEVELS,
    compare_detailed,
    date_level,
    prepare,
)
from mace.linkage.records import PersonRecord


def _levels(a: PersonRecord, b: PersonRecord) -> dict[str, str]:
    detailed = compare_detailed(prepare(record=a), prepare(record=b))
    return {c.name: c.levels[level] for c, (level, _) in zip(COMPARISONS, detailed, strict=True)}


# --- Comparison levels --------------------------------------------------------------------


def test_bill_is_a_nickname_of_william():
    levels = _levels(
        PersonRecord(id="a", given_name="William", family_name="Smith"),
        PersonRecord(id="b", given_name="Bill", family_name="Smith"),
    )
    assert levels["given_name"] == GIVEN_LEVELS[2] == "nickname or short form of the same name"
    assert levels["family_name"] == "same"


def test_a_spelling_variant_and_a_sound_alike_are_told_apart_from_a_different_name():
    def given(x: str, y: str) -> str:
        return _levels(PersonRecord(id="a", given_name=x), PersonRecord(id="b", given_name=y))[
            "given_name"
        ]

    assert given("Tyrone", "Tyronne") == "spelling variant"
    assert given("Katherine", "Cathryn") == "sounds alike"
    assert given("Oliver", "Priya") == "different"
    assert given("Mary-Jane", "Mary") == "one part of the name matches"


def test_swapped_given_and_family_names_are_recognised():
    levels = _levels(
        PersonRecord(id="a", given_name="Hussain", family_name="Amir"),
        PersonRecord(id="b", given_name="Amir", family_name="Hussain"),
    )
    assert levels["given_name"] == levels["family_name"] == "given and family names swapped"
    assert "given and family names swapped" in FAMILY_LEVELS


def test_an_alias_counts_as_a_name_and_says_so():
    a = PersonRecord(id="a", given_name="Tyler", family_name="Brooks", aliases=("Shorty",))
    b = PersonRecord(id="b", given_name="Shorty", family_name="Brooks")
    (level, note), *_ = compare_detailed(prepare(record=a), prepare(record=b))
    assert GIVEN_LEVELS[level] == "same"
    assert note == ' (alias "Shorty")'


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ((2011, 4, 3), (2011, 4, 3), "same"),
        ((2011, 4, 3), (2011, 3, 4), "day and month transposed"),
        ((2011, 4, 3), (2012, 4, 3), "one of day, month or year differs"),
        ((2011, 4, 30), (2011, 5, 2), "within 31 days"),
        ((2011, 4, 3), (2009, 10, 23), "different"),
    ],
)
def test_date_of_birth_levels(a, b, label):
    assert DOB_LEVELS[date_level(dt.date(*a), dt.date(*b))] == label


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ("LS8 5AB", "ls85ab", "same"),
        ("LS8 5AB", "LS8 5QT", "same sector"),
        ("LS8 5AB", "LS8 1QT", "same district"),
        ("4223", "4232", "one character differs"),
        ("LS8 5AB", "BD1 1AA", "different"),
    ],
)
def test_postcode_levels(a, b, label):
    levels = _levels(PersonRecord(id="a", postcode=a), PersonRecord(id="b", postcode=b))
    assert levels["postcode"] == label
    assert label in POSTCODE_LEVELS


def test_an_empty_field_is_missing_not_different():
    levels = _levels(
        PersonRecord(id="a", given_name="Ava", family_name=""),
        PersonRecord(
            id="b", given_name="Ava", family_name="Khan", date_of_birth=dt.date(2010, 1, 2)
        ),
    )
    assert levels["family_name"] == levels["date_of_birth"] == levels["postcode"] == "missing"
