"""The shared form helpers: date and time pickers, date fields, a service's errors on a form."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError

from mace.web.forms import (
    DateInput,
    GovukDateInput,
    TimeInput,
    attach_errors,
    date_field,
    datetime_field,
)


class _Form(forms.Form):
    due = date_field("Due date")
    seen = datetime_field("When the child was seen?", required=True)
    at = forms.TimeField(widget=TimeInput())


def test_a_date_field_names_itself_in_its_messages():
    form = _Form({"due_day": "31", "due_month": "2", "due_year": "2027", "seen": "", "at": "10:00"})

    assert not form.is_valid()
    assert form.errors["due"] == ["Due date must be a real date"]
    assert form.errors["seen"] == ["Enter when the child was seen"]
    assert _Form({"at": "10:00"}).errors["due"] == ["Enter the due date"]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("12", "", "2027", "Due date must include a month"),
        ("", "", "2027", "Due date must include a day and a month"),
        ("12", "2", "27", "Due date must be a real date"),
        ("twelve", "2", "2027", "Due date must be a real date"),
    ],
)
def test_a_date_typed_in_parts_says_what_is_missing_or_wrong(day, month, year, message):
    data = {"due_day": day, "due_month": month, "due_year": year, "at": "10:00"}
    assert _Form(data).errors["due"] == [message]


def test_a_date_in_parts_or_as_one_iso_value_gives_the_same_date():
    parts = {"due_day": "1", "due_month": "2", "due_year": "2027", "at": "10:00"}
    whole = {"due": "2027-02-01", "at": "10:00"}
    for data in (parts, whole):
        form = _Form(data)
        form.is_valid()
        assert form.cleaned_data["due"] == dt.date(2027, 2, 1)


def test_a_date_field_can_show_another_example():
    field = date_field("End date", required=False, example="28 3 2026")

    assert not field.required
    assert field.help_text == "For example, 28 3 2026"
    assert field.error_messages["invalid"] == "End date must be a real date"


def test_the_date_input_shows_day_month_and_year_and_the_time_picker_is_the_browsers():
    assert GovukDateInput.parts(dt.date(2027, 2, 12)) == {"day": "12", "month": "2", "year": "2027"}
    assert GovukDateInput.parts("2027-13-45") == {"day": "45", "month": "13", "year": "2027"}
    assert GovukDateInput.parts(None) == {"day": "", "month": "", "year": ""}
    assert DateInput().input_type == "date"
    assert TimeInput().input_type == "time"
    assert TimeInput().format_value(dt.time(9, 5)) == "09:05"


def test_the_field_tag_renders_the_govuk_date_input_keeping_what_was_typed():
    from django.template import Context, Template

    form = _Form({"due_day": "31", "due_month": "2", "due_year": "2027", "at": "10:00"})
    form.is_valid()
    html = Template("{% load govuk %}{% govuk_field form.due %}").render(Context({"form": form}))
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Due date</legend>' in html
    )
    for part, value in (("day", "31"), ("month", "2"), ("year", "2027")):
        assert f'name="due_{part}" type="text" inputmode="numeric" value="{value}"' in html
    assert "Due date must be a real date" in html
    assert 'id="id_due"' in html  # the error summary's link lands on the day box


def test_a_service_error_lands_on_its_field_or_at_the_top():
    form = _Form({"due": "2027-02-12", "seen": "2027-02-12T10:00", "at": "10:00"})
    assert form.is_valid()

    attach_errors(form, ValidationError({"due": "Too late", "elsewhere": "Not a field"}))
    attach_errors(form, ValidationError("Something else"))

    assert form.errors["due"] == ["Too late"]
    assert form.non_field_errors() == ["Not a field", "Something else"]


def test_errors_can_be_attached_to_a_form_not_yet_validated():
    form = _Form({"due": "2027-02-12", "seen": "2027-02-12T10:00", "at": "10:00"})

    attach_errors(form, ValidationError({"due": "Too late"}))

    assert form.errors["due"] == ["Too late"]
