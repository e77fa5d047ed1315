"""How often a series meets, chosen in words; the calendar rule only as an advanced
option (issue 11.5)."""

from __future__ import annotations

import pytest
from django import forms

from mace.core.forms import GovukForm
from mace.web.recurrence import (
    recurrence_clean,
    recurrence_fields_add,
    rule_from_parts,
    rule_in_words,
    rule_parts,
)


class _Series(GovukForm):
    name = forms.CharField()
    rrule = forms.CharField(max_length=300)
    location = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        recurrence_fields_add(self, rule=self.initial.get("rrule", ""))

    def clean(self):
        data = super().clean()
        recurrence_clean(self)
        return data


def _cleaned(data: dict):
    form = _Series({"name": "Child-focused MACE", **data})
    valid = form.is_valid()
    return form, valid


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "Every 2 weeks on Wednesday"),
        ("FREQ=WEEKLY;BYDAY=MO", "Every week on Monday"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU", "Every 2 months on the second Tuesday"),
        ("FREQ=MONTHLY;INTERVAL=6;BYDAY=1TH", "Every 6 months on the first Thursday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "Every month on the last Friday"),
        ("FREQ=DAILY;COUNT=3", "Calendar rule FREQ=DAILY;COUNT=3"),
    ],
)
def test_a_rule_reads_in_words(rule, words):
    assert rule_in_words(rule) == words


def test_words_and_rules_go_both_ways():
    for rule in ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"):
        assert rule_from_parts(**rule_parts(rule)) == rule
    assert rule_parts("FREQ=MONTHLY;BYDAY=TU") is None  # which Tuesday? not said in words


def test_the_form_asks_in_words_before_the_advanced_rule():
    form = _Series()
    assert list(form.fields) == ["name", "every", "unit", "weekday", "week", "rrule", "location"]
    assert not form.fields["rrule"].required


def test_the_words_make_the_rule():
    form, valid = _cleaned({"every": "2", "unit": "weeks", "weekday": "WE"})
    assert valid, form.errors
    assert form.cleaned_data["rrule"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
    form, valid = _cleaned({"every": "2", "unit": "months", "weekday": "TU", "week": "2"})
    assert form.cleaned_data["rrule"] == "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"


def test_a_typed_rule_wins_and_a_monthly_choice_needs_its_week():
    form, _ = _cleaned({"every": "2", "unit": "weeks", "weekday": "WE", "rrule": "FREQ=DAILY"})
    assert form.cleaned_data["rrule"] == "FREQ=DAILY"
    form, valid = _cleaned({"every": "2", "unit": "months", "weekday": "TU"})
    assert not valid and form.errors["week"] == ["Select which week of the month"]
    form, valid = _cleaned({})
    assert not valid and form.errors["every"] == ["Enter how often the meeting happens"]


def test_a_series_rule_fills_in_the_words_on_the_change_form():
    form = _Series(initial={"name": "Silver", "rrule": "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"})
    assert (form.fields["every"].initial, form.fields["unit"].initial) == (2, "months")
    assert (form.fields["weekday"].initial, form.fields["week"].initial) == ("TU", "2")
    assert form.initial["rrule"] == ""  # said in words, so the advanced box stays empty
