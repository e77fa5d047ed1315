"""Form helpers every app's pages share: the browser's date and time pickers, date fields
with GOV.UK error messages, and showing a service's ValidationError on a form.

Nothing here knows an app: it imports Django only, so every app's forms and views may use it.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M"
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """The browser's date picker; the GOV.UK field tag reads ``input_type``."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATE_FORMAT)


class TimeInput(forms.TimeInput):
    """The browser's time picker (hours and minutes)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=TIME_FORMAT)


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker; the GOV.UK field tag reads ``input_type``."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_LOCAL_FORMAT)


class IsoDateField(forms.DateField):
    """A date shown as the date input expects (YYYY-MM-DD)."""

    widget = DateInput

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return value.strftime(DATE_FORMAT)
        return value


class LocalDateTimeField(forms.DateTimeField):
    """A date and time in Europe/London, shown as the datetime-local input expects."""

    widget = DateTimeLocalInput

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as exc:
            if getattr(exc, "code", None) != "ambiguous_timezone":
                raise
            raise forms.ValidationError(
                "This time happens twice, or not at all, when the clocks change: "
                "enter a time just before or after",
                code="ambiguous_timezone",
            ) from exc

    def prepare_value(self, value):
        if isinstance(value, dt.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime(DATETIME_LOCAL_FORMAT)
        return value


def date_field(
    label: str, *, required: bool = True, help_text: str = "", example: str = "2027-02-12"
) -> IsoDateField:
    """A date with the browser's picker and messages that name the field ("Enter the due
    date"); ``example`` is the date shown in the hint and the message for a date that is
    not real."""
    return IsoDateField(
        label=label,
        required=required,
        help_text=help_text or f"For example {example}",
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, for example {example}",
        },
    )


def datetime_field(label: str, *, required: bool, help_text: str = "") -> LocalDateTimeField:
    """A UK date and time with the browser's picker; the label is a question or phrase such
    as "When the episode started", which the required message repeats."""
    return LocalDateTimeField(
        label=label,
        required=required,
        help_text=help_text or "UK time, for example 28/03/2026 22:30",
        error_messages={
            "required": f"Enter {label[0].lower()}{label[1:].rstrip('?')}",
            "invalid": "Enter a real date and time, for example 28/03/2026 22:30",
        },
    )


def attach_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if it names one, else at
    the top of the form."""
    form.errors  # noqa: B018  (cleans a bound form first, so errors can be added)
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
