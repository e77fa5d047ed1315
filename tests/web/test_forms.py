"""The shared form helpers: date and time pickers, date fields, a service's errors on a form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from mace.web.forms import (
    DateInput,
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
    form = _Form({"due": "31/02/2027", "seen": "", "at": "10:00"})

    assert not form.is_valid()
    assert form.errors["due"] == ["Enter the due date as a real date, for example 2027-02-12"]
    assert form.errors["seen"] == ["Enter when the child was seen"]


def test_a_date_field_can_show_another_example():
    field = date_field("End date", required=False, example="28/03/2026")

    assert not field.required
    assert field.help_text == "For example 28/03/2026"
    assert field.error_messages["invalid"].endswith("for example 28/03/2026")


def test_the_pickers_are_the_browsers_and_show_iso_values():
    assert DateInput().input_type == "date"
    assert DateInput().format_value(dt.date(2027, 2, 12)) == "2027-02-12"
    assert TimeInput().input_type == "time"
    assert TimeInput().format_value(dt.time(9, 5)) == "09:05"
    assert _Form().fields["due"].prepare_value(dt.date(2027, 2, 1)) == "2027-02-01"


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
