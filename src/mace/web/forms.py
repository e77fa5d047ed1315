"""Form helpers every app's pages share: the GOV.UK date input (day, month, year), the
browser's time picker, GOV.UK error messages, and showing a service's ValidationError on a
form.

and the period (from, to) that the trends page, the dashboards, the reports and the inspection
pack each ask for.

Nothing here knows an app: it imports Django and core's GOV.UK form base only, so every app's
forms and views may use it.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from mace.core.forms import GovukForm

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


class GovukDateInput(forms.Widget):
    """The GOV.UK date input: three boxes for day, month and year, named ``<name>_day``,
    ``<name>_month`` and ``<name>_year`` (the Design System's pattern, instead of the
    browser's picker whose format differs from the hint). A single ``<name>`` value (an
    ISO date from an API client or an older page) is read as it is."""

    PARTS = ("day", "month", "year")
    input_type = "date-parts"

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data.get(name)
        day, month, year = ((data.get(f"{name}_{part}") or "").strip() for part in self.PARTS)
        if not (day or month or year):
            return ""
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part in self.PARTS)

    @staticmethod
    def parts(value) -> dict[str, str]:
        """Day, month and year to show in the boxes: a date's, or what was typed."""
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        text = str(value or "")
        if text.count("-") == 2:
            year, month, day = text.split("-")
            return {"day": day, "month": month, "year": year}
        if text.count("/") == 2:  # typed as one UK date: 31/02/2011
            day, month, year = text.split("/")
            return {"day": day, "month": month, "year": year}
        return {"day": text, "month": "", "year": ""}  # kept as typed, to be corrected


class GovukDateField(forms.DateField):
    """A date typed as day, month and year, with the Design System's error messages:
    "Enter the due date", "Due date must include a month", "Due date must be a real date"."""

    widget = GovukDateInput

    def __init__(self, *, label: str, error_messages: dict | None = None, **kwargs):
        named = label[:1].upper() + label[1:]
        messages = {"invalid": f"{named} must be a real date", **(error_messages or {})}
        super().__init__(
            label=label, input_formats=[DATE_FORMAT], error_messages=messages, **kwargs
        )
        self._named = named

    def to_python(self, value):
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            missing = [
                part for part, text in (("day", day), ("month", month), ("year", year)) if not text
            ]
            if missing and len(missing) < 3:
                raise ValidationError(
                    f"{self._named} must include a {' and a '.join(missing)}", code="incomplete"
                )
            if not all(text.isdigit() for text in (day, month, year)) or len(year) != 4:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def date_field(
    label: str, *, required: bool = True, help_text: str = "", example: str = "12 2 2027"
) -> GovukDateField:
    """A date as the GOV.UK date input (day, month, year) with messages that name the field
    ("Enter the due date", "Due date must be a real date"); ``example`` is shown in the
    hint, as the Design System writes it ("For example, 27 3 2007")."""
    return GovukDateField(
        label=label,
        required=required,
        help_text=help_text or f"For example, {example}",
        error_messages={"required": f"Enter the {label[:1].lower()}{label[1:]}"},
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


LONGEST_PERIOD = relativedelta(years=10)


class PeriodForm(GovukForm):
    """A period, both days included: it ends on or after its start, and is at most
    ``longest`` (None: any length). The trends page uses it as it is; the dashboards, the
    reports and the inspection pack extend it with their own rules."""

    longest: relativedelta | None = LONGEST_PERIOD

    start = date_field("From", example="1 1 2026")
    end = date_field("To", example="31 12 2026")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end of the period must be on or after its start")
            elif self.longest and end > start + self.longest:
                self.add_error("end", f"The period can be at most {self.longest.years} years")
        return data
