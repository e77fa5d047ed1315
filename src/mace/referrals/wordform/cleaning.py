"""Answers cleaned as the web form cleans them: choices (with the words people
write for them), concerns ticked, dates, the subject, perpetrators."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django import forms

from mace.referrals.forms.steps import PerpetratorForm, step_form_class
from mace.referrals.sections import Section
from mace.referrals.wordform.common import (
    EMPTY_BOX,
    MARKS,
    ParsedForm,
    _form_fields,
    _norm,
    _perpetrator_labels,
)

# Answers people write that the choice labels do not spell out (normalised, see _norm).
_YES_NO_UNKNOWN = {
    "y": "yes",
    "n": "no",
    "unknown": "unknown",
    "dont know": "unknown",
    "do not know": "unknown",
    "nk": "unknown",
    "not sure": "unknown",
    "unsure": "unknown",
}
_SYNONYMS: dict[str, dict[str, str]] = {
    "subject": {
        "yes": "child",
        "named child": "child",
        "no": "context",
        "place": "context",
        "group": "context",
        "space": "context",
        "no named child": "context",
    },
    "looked_after": {
        "n": "no",
        "not looked after": "no",
        "accommodated": "s20",
        "care order": "s31",
        "full care order": "s31",
        "interim care order": "s38",
        "dont know": "unknown",
        "do not know": "unknown",
    },
    "risk_level": {
        "none": "none",
        "no risk": "none",
        "emerging": "low",
        "low": "low",
        "med": "medium",
        "moderate": "medium",
        "not used": "",
        "na": "",
        "n a": "",
    },
    "lawful_basis": {
        "consented": "consent",
        "with consent": "consent",
        "without consent": "safeguarding",
        "safeguarding condition": "safeguarding",
        "dpa 2018": "safeguarding",
        "public task": "public_task",
        "article 6 1 e": "public_task",
    },
    "concerns": {
        "cse": "cse",
        "sexual exploitation": "cse",
        "cce": "cce",
        "criminal exploitation": "cce",
        "gangs": "gang",
        "gang": "gang",
        "trafficking": "trafficking",
        "modern slavery": "trafficking",
        "online": "online",
        "missing": "missing",
    },
}
_DATE_FORMATS = (
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d/%m/%y",
    "%d-%m-%y",
    "%d.%m.%y",
)


def _clean_section(part: Section, given: dict[str, list[str]], parsed: ParsedForm) -> None:
    form_fields = _form_fields(part)
    data: dict[str, Any] = {}
    for name, lines in given.items():
        value, problems = _form_value(name, form_fields[name], lines)
        parsed.problems.extend(problems)
        if value is not None:
            data[name] = value
    form = step_form_class(part)(data=data)
    form.is_valid()
    for name in data:
        if name in form.errors:
            answer = " ".join(given[name])
            errors = " ".join(str(e).rstrip(".") for e in form.errors[name])
            parsed.problems.append(f"{form_fields[name].label}: {errors} (answer “{answer}”)")
        elif name in form.cleaned_data:
            parsed.fields[name] = form.cleaned_data[name]


def _form_value(name: str, form_field: forms.Field, lines: list[str]) -> tuple[Any, list[str]]:
    """The answer as the step form expects it, or None and why it could not be used."""
    text = " ".join(lines)
    if name == "concerns":
        return _concerns(form_field, lines)
    if isinstance(form_field, forms.ChoiceField):
        value = _choose(name, form_field.choices, text)
        if value is None:
            options = " / ".join(str(label) for _, label in form_field.choices)
            return None, [f"{form_field.label}: “{text}” is not one of {options}"]
        return value, []
    if isinstance(form_field, forms.DateField):
        return _parse_date(text) or text, []
    if isinstance(form_field, forms.IntegerField):
        numbers = re.findall(r"\d+", text)
        return (numbers[0] if len(numbers) == 1 else text), []
    if isinstance(form_field.widget, forms.Textarea):
        return "\n".join(lines), []
    return ", ".join(lines), []


def _choose(name: str, choices, text: str) -> str | None:
    """The choice a free-text answer means: by value, label or common wording, else None."""
    answer = _norm(re.sub(rf"^[\s\[\](){re.escape(MARKS)}]+(?=\w)", "", text.strip()))
    if not answer:
        return None
    synonyms = _SYNONYMS.get(name, _YES_NO_UNKNOWN)
    candidates = [(_norm(p), value) for value, label in choices for p in _phrases(value, label)]
    candidates += [(_norm(phrase), value) for phrase, value in synonyms.items()]
    candidates = [(phrase, value) for phrase, value in candidates if phrase]
    squashed = answer.replace(" ", "")
    exact = {value for phrase, value in candidates if phrase.replace(" ", "") == squashed}
    if len(exact) == 1:
        return exact.pop()
    if "/" in text:  # "Yes / No" left as printed, or two answers
        return None
    words = answer.split()
    longest = 0
    found: set[str] = set()
    for phrase, value in candidates:
        size = len(phrase.split())
        if words[:size] == phrase.split() and size >= longest:
            found = {value} if size > longest else found | {value}
            longest = size
    return found.pop() if len(found) == 1 else None


def _phrases(value: str, label) -> tuple[str, ...]:
    label = str(label)
    return (value, label, re.sub(r"\(.*\)", "", label))


def _concerns(form_field: forms.Field, lines: list[str]) -> tuple[list[str] | None, list[str]]:
    """Concerns marked with an X, or those left when the others were deleted."""
    prefix = re.compile(rf"^[\s\[\](){re.escape(MARKS)}{EMPTY_BOX}□*•\-]*")
    suffix = re.compile(rf"[\s\[\](){re.escape(MARKS)}{EMPTY_BOX}□*]*$")
    choices = list(form_field.choices)
    found: list[tuple[bool, str]] = []
    problems = []
    for line in lines:
        start = prefix.match(line).group(0)
        end = suffix.search(line[len(start) :]).group(0)
        marked = any(c in MARKS for c in start + end)
        body = line[len(start) : len(line) - len(end)] if end else line[len(start) :]
        for piece in re.split(r",|;| and | & ", body):
            if not piece.strip():
                continue
            value = _choose("concerns", choices, piece)
            if value is None:
                problems.append(f"{form_field.label}: “{piece.strip()}” is not one of the concerns")
            else:
                found.append((marked, value))
    if any(marked for marked, _ in found):
        chosen = {value for marked, value in found if marked}
    elif len(found) == len(choices) and len(lines) == len(choices):
        problems.append(f"{form_field.label}: the list was left as printed, so none was chosen")
        return None, problems
    else:
        chosen = {value for _, value in found}
    return [value for value, _ in choices if value in chosen], problems


def _parse_date(text: str) -> str | None:
    """An ISO date from the common UK ways of writing one, or None."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"\bsept\b", "sep", cleaned.replace(",", " "), flags=re.IGNORECASE)
    cleaned = " ".join(cleaned.split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _infer_subject(parsed: ParsedForm) -> None:
    if parsed.fields.get("subject"):
        return
    names_child = any(name.startswith("child_") for name in parsed.fields)
    is_context = not names_child and bool(parsed.fields.get("context_description"))
    parsed.fields["subject"] = "context" if is_context else "child"
    about = "a place, space or group" if is_context else "a child"
    parsed.problems.append(
        f"The form did not say whether the referral is about a named child; taken as about {about}."
    )


def _clean_perpetrators(rows: list[dict[str, str]], parsed: ParsedForm) -> None:
    labels = _perpetrator_labels()
    for number, row in enumerate(rows, start=1):
        for key in [k for k in row if k.startswith("?")]:
            text = row.pop(key)
            parsed.problems.append(f"Suspected perpetrator {number}, “{key[1:]}”: “{text}”")
        if not row:
            continue
        form = PerpetratorForm(data=row)
        form.is_valid()
        person = {}
        for name, text in row.items():
            if name in form.errors:
                errors = " ".join(str(e).rstrip(".") for e in form.errors[name])
                parsed.problems.append(
                    f"Suspected perpetrator {number}, {labels[name]}: {errors} (answer “{text}”)"
                )
            else:
                person[name] = form.cleaned_data[name]
        if person:
            parsed.perpetrators.append(person)
