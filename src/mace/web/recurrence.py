"""How often a series meets, in words ("every 2 weeks on Wednesday") and as the calendar
rule (RFC 5545 RRULE) the schedule reads: the series forms ask in words and keep the rule
as an advanced option; the series pages show the words."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

WEEKDAYS = (
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
)
WEEKS = (("1", "first"), ("2", "second"), ("3", "third"), ("4", "fourth"), ("-1", "last"))
UNITS = (("weeks", "Weeks"), ("months", "Months"))
_SIMPLE = re.compile(
    r"^FREQ=(?P<freq>WEEKLY|MONTHLY)(?:;INTERVAL=(?P<interval>\d+))?"
    r";BYDAY=(?P<week>-1|[1-4])?(?P<day>MO|TU|WE|TH|FR)$"
)


def rule_parts(rule: str) -> dict | None:
    """The words of a rule the form can ask in words, or None for any other rule."""
    found = _SIMPLE.match((rule or "").strip().upper())
    if not found:
        return None
    monthly = found["freq"] == "MONTHLY"
    if monthly != bool(found["week"]):
        return None
    return {
        "every": int(found["interval"] or 1),
        "unit": "months" if monthly else "weeks",
        "weekday": found["day"],
        "week": found["week"] or "",
    }


def rule_from_parts(*, every: int, unit: str, weekday: str, week: str = "") -> str:
    if unit == "months":
        return f"FREQ=MONTHLY;INTERVAL={every};BYDAY={week}{weekday}"
    return f"FREQ=WEEKLY;INTERVAL={every};BYDAY={weekday}"


def rule_in_words(rule: str) -> str:
    """ "Every 2 weeks on Wednesday", "Every 2 months on the second Tuesday"; a rule the
    words cannot say is shown as it is."""
    parts = rule_parts(rule)
    if parts is None:
        return f"Calendar rule {rule}"
    day = dict(WEEKDAYS)[parts["weekday"]]
    every, unit = parts["every"], parts["unit"]
    how_often = f"Every {unit[:-1]}" if every == 1 else f"Every {every} {unit}"
    if unit == "months":
        return f"{how_often} on the {dict(WEEKS)[parts['week']]} {day}"
    return f"{how_often} on {day}"


def recurrence_fields_add(form: forms.BaseForm, *, rule: str = "") -> None:
    """Add the in-words fields to a series form (before its rule field), filled in from
    ``rule``; the rule field becomes the optional advanced answer."""
    parts = rule_parts(rule) or {}
    fields = {
        "every": forms.IntegerField(
            label="Every",
            required=False,
            min_value=1,
            max_value=12,
            initial=parts.get("every", 2),
            error_messages={
                "required": "Enter how many weeks or months apart the meetings are",
                "invalid": "Enter a whole number, like 2",
                "min_value": "Enter a number from 1 to 12",
                "max_value": "Enter a number from 1 to 12",
            },
        ),
        "unit": forms.ChoiceField(
            label="Weeks or months",
            choices=UNITS,
            widget=forms.RadioSelect,
            required=False,
            initial=parts.get("unit", "weeks"),
            error_messages={"required": "Select weeks or months"},
        ),
        "weekday": forms.ChoiceField(
            label="On",
            choices=WEEKDAYS,
            required=False,
            initial=parts.get("weekday", "WE"),
            error_messages={"required": "Select the day of the week"},
        ),
        "week": forms.ChoiceField(
            label="Which week of the month (for every few months)",
            choices=[("", "Not monthly"), *WEEKS],
            required=False,
            initial=parts.get("week", ""),
        ),
    }
    rule_field = form.fields["rrule"]
    rule_field.required = False
    rule_field.label = "Or a calendar rule (advanced)"
    rule_field.help_text = (
        "Only for a pattern the choices above cannot say. RFC 5545, as calendars use: "
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
    )
    if parts and form.initial.get("rrule"):
        form.initial["rrule"] = ""
    ordered = {}
    for name, field in form.fields.items():
        if name == "rrule":
            ordered.update(fields)
        ordered[name] = field
    form.fields = ordered


def recurrence_clean(form: forms.BaseForm) -> None:
    """Put the rule in ``cleaned_data["rrule"]``: the advanced rule if one was typed, else
    the one the words make. Called from the form's ``clean``."""
    data = form.cleaned_data
    # The words become the rule: the services take the rule only.
    every, unit, weekday, week = (data.pop(k, None) for k in ("every", "unit", "weekday", "week"))
    if (data.get("rrule") or "").strip():
        return
    if form.has_error("every") or form.has_error("unit") or form.has_error("weekday"):
        return
    if not (every and unit and weekday):
        form.add_error("every", ValidationError("Enter how often the meeting happens"))
        return
    if unit == "months" and not week:
        form.add_error("week", ValidationError("Select which week of the month"))
        return
    data["rrule"] = rule_from_parts(every=every, unit=unit, weekday=weekday, week=week or "")
