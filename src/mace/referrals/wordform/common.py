"""What writing and reading the form share: its identity, the marks, what a read
form holds, and the questions' labels by field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django import forms

from mace.referrals.forms.steps import PerpetratorForm, step_form_class
from mace.referrals.sections import PERPETRATOR_FIELDS, SECTIONS, Section

FORM_ID = "mace-referral-form"
FORM_VERSION = "1"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PERPETRATOR_ROWS = 4
EMPTY_BOX = "☐"
MARKS = "xX☒☑✓✔✗✘■"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class ParsedForm:
    """What a filled-in Word form said, cleaned; answers that could not be used are problems."""

    fields: dict[str, Any] = field(default_factory=dict)
    perpetrators: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    version: str = ""  # the form version read, "" when the document is not the referral form

    @property
    def recognised(self) -> bool:
        return bool(self.version)


class FormUnreadable(Exception):
    """The document could not be opened as a Word document."""


@cache
def _form_fields(part: Section) -> dict[str, forms.Field]:
    return dict(step_form_class(part)().fields)


@cache
def _label_index() -> dict[str, str]:
    """Normalised question label to field name, for every question on the form."""
    index = {}
    for part in SECTIONS:
        for name, form_field in _form_fields(part).items():
            index[_norm(str(form_field.label))] = name
    return index


@cache
def _perpetrator_labels() -> dict[str, str]:
    form_fields = PerpetratorForm().fields
    return {name: str(form_fields[name].label) for name in PERPETRATOR_FIELDS}


@cache
def _perpetrator_index() -> dict[str, str]:
    return {_norm(label): name for name, label in _perpetrator_labels().items()}


def _norm(text: str) -> str:
    """Lower case, apostrophes dropped, anything but letters and digits a single space."""
    text = text.lower().replace("’", "").replace("'", "").replace("‘", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
