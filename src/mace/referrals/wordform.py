"""The Word referral form: written from mace.referrals.sections, read back field by field.

Referrers download the form (``mace referral-form``, or the link on the site), type their
answers in the right-hand column and email it to the secure mailbox. Intake reads it back by
question label, not by position, so a row a referrer adds or moves shifts nothing; every
answer is cleaned through the same step forms as the web form.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm, Pt

from mace.referrals.forms.steps import PerpetratorForm, step_form_class
from mace.referrals.sections import PERPETRATOR_FIELDS, SECTIONS, Section

FORM_ID = "mace-referral-form"
FORM_VERSION = "1"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PERPETRATOR_ROWS = 4
EMPTY_BOX = "☐"
MARKS = "xX☒☑✓✔✗✘■"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

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


# Writing the form.


def build_form() -> bytes:
    """The blank Word referral form, as the bytes of a .docx file."""
    address = getattr(settings, "MACE_INTAKE_ADDRESS", "") or "the MACE secure mailbox"
    return _build(settings.MACE_SERVICE_NAME, settings.MACE_PARTNERSHIP_NAME, address)


@cache
def _build(service: str, partnership: str, address: str) -> bytes:
    """The form for these names; cached, as python-docx takes a while to write it."""
    document = Document()
    properties = document.core_properties
    properties.identifier = f"{FORM_ID}:{FORM_VERSION}"
    properties.title = "MACE referral form"
    properties.subject = service
    properties.author = partnership
    properties.last_modified_by = partnership
    properties.comments = "Type answers in the right-hand column; do not change the questions."
    _page_setup(document.sections[0], landscape=False)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = f"MACE referral form, version {FORM_VERSION}. {partnership}."
    _write_guidance(document, service=service, partnership=partnership, address=address)
    for part in SECTIONS:
        if part.slug == "perpetrators":
            _write_perpetrators(document, part)
        else:
            _write_section(document, part)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(page, *, landscape: bool) -> None:
    width, height = Cm(21), Cm(29.7)
    page.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Cm(2))


def _write_guidance(document, *, service: str, partnership: str, address: str) -> None:
    document.add_heading(f"{service}: referral form", level=0)
    document.add_paragraph(
        f"{partnership}. Use this form to refer a child, or a place, space "
        "or group where children are at risk of exploitation, to the Multi-Agency Child "
        "Exploitation (MACE) meeting."
    )
    document.add_heading("Before you refer", level=2)
    for text in (
        "If a child is in immediate danger, call 999.",
        "If you think a child is suffering, or likely to suffer, significant harm, refer to "
        "children's social care first. MACE does not replace a strategy meeting or a child "
        "protection conference.",
        "MACE discusses children at low or emerging risk of exploitation, and children at high "
        "risk whose Vulnerability and Risk Management Plan is not having the desired effect. It "
        "also discusses places, spaces and groups where children are at risk.",
        "The child does not need to be known to children's social work.",
    ):
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("How to fill in this form", level=2)
    for text in (
        "Type your answers in the right-hand column. Do not change the questions in the "
        "left-hand column: the form is read automatically.",
        "Where a question lists its answers (for example Yes / No / Not known), type one of them.",
        "Write dates like 27/03/2010 or 27 March 2010. Leave a question blank if you do not know.",
        "Use one form for each child. You can add rows to the suspected perpetrators table.",
    ):
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Where to send it", level=2)
    for text in (
        f"Email the completed form as a Word document (.docx), from your secure work email, "
        f"to {address}.",
        "Do not convert it to PDF, protect it with a password or save it as a macro-enabled "
        "document: the mailbox cannot read those and holds them back for checking.",
    ):
        document.add_paragraph(text, style="List Bullet")


def _write_section(document, part: Section) -> None:
    document.add_heading(part.title, level=1)
    if part.intro:
        document.add_paragraph().add_run(part.intro).italic = True
    if not part.for_context:
        note = "Leave this section blank if the referral is about a place, space or group."
        document.add_paragraph().add_run(note).italic = True
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    form_fields = _form_fields(part)
    for name in part.fields:
        form_field = form_fields[name]
        question, answer = table.add_row().cells
        question.width, answer.width = Cm(6.5), Cm(10.5)
        question.paragraphs[0].add_run(str(form_field.label)).bold = True
        guide = _guidance_for(name, form_field)
        if guide:
            run = question.add_paragraph().add_run(guide)
            run.italic = True
            run.font.size = Pt(9)
        if name == "concerns":
            labels = [str(label) for _, label in form_field.choices]
            answer.paragraphs[0].text = f"{EMPTY_BOX} {labels[0]}"
            for label in labels[1:]:
                answer.add_paragraph(f"{EMPTY_BOX} {label}")


def _guidance_for(name: str, form_field: forms.Field) -> str:
    if name == "concerns":
        return "Mark each that applies with an X, or delete the ones that do not apply"
    if name == "child_date_of_birth":
        return "For example 27/03/2010"
    if isinstance(form_field, forms.ChoiceField):
        return "Answer " + " / ".join(str(label) for _, label in form_field.choices)
    return str(form_field.help_text or "")


def _write_perpetrators(document, part: Section) -> None:
    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(landscape, landscape=True)
    document.add_heading(part.title, level=1)
    document.add_paragraph().add_run(
        f"{part.intro} One row for each person; add rows if you need them."
    ).italic = True
    labels = _perpetrator_labels()
    table = document.add_table(rows=1 + PERPETRATOR_ROWS, cols=len(PERPETRATOR_FIELDS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, PERPETRATOR_FIELDS, strict=True):
        cell.paragraphs[0].add_run(labels[name]).bold = True
    portrait = document.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(portrait, landscape=False)


# Reading it back.


def read_form(*, data: bytes) -> ParsedForm:
    """Read a filled-in Word referral form: each answer by its question, cleaned."""
    try:
        document = Document(io.BytesIO(data))
        identifier = document.core_properties.identifier or ""
        tables = _read_tables(document)
    except Exception as exc:
        raise FormUnreadable(f"{type(exc).__name__}: {exc}") from exc
    parsed = ParsedForm()
    if identifier.startswith(f"{FORM_ID}:"):
        parsed.version = identifier.split(":", 1)[1] or "unknown"
    elif len(tables.questions_seen) >= 3:
        parsed.version = "unmarked"  # our questions, but the marker was lost on re-saving
    if not parsed.recognised:
        parsed.problems.append("This Word document is not the MACE referral form.")
        return parsed
    for part in SECTIONS:
        given = {name: tables.answers[name] for name in part.fields if name in tables.answers}
        if given:
            _clean_section(part, given, parsed)
    if not parsed.fields and not tables.people:
        parsed.problems.insert(0, "The form has no answers.")
    _infer_subject(parsed)
    parsed.problems.extend(tables.problems)
    _clean_perpetrators(tables.people, parsed)
    return parsed


@dataclass
class _Tables:
    answers: dict[str, list[str]] = field(default_factory=dict)
    questions_seen: set[str] = field(default_factory=set)
    people: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _read_tables(document) -> _Tables:
    """Answer lines by field name from every question row, and the perpetrator rows."""
    found = _Tables()
    for table in document.element.body.iter(f"{_W}tbl"):
        rows = table.findall(f"{_W}tr")
        if rows and _is_perpetrator_heading(rows[0]):
            found.people.extend(_people(rows))
            continue
        for row in rows:
            _read_question_row(row, found)
    return found


def _read_question_row(row, found: _Tables) -> None:
    cells = _cells(row)
    if len(cells) < 2:
        return
    question_lines = _lines(cells[0])
    question = question_lines[0] if question_lines else ""
    answer = [line for cell in cells[1:] for line in _lines(cell)]
    name = _label_index().get(_norm(question))
    if name is None:
        if question and answer:
            found.problems.append(
                f"A question not on the form, “{question}”, was answered: “{' '.join(answer)}”"
            )
        return
    found.questions_seen.add(name)
    if not answer:
        return
    if name in found.answers and found.answers[name] != answer:
        found.problems.append(
            f"{question}: answered twice; the first answer was used, the second was "
            f"“{' '.join(answer)}”"
        )
    else:
        found.answers[name] = answer


def _is_perpetrator_heading(row) -> bool:
    index = _perpetrator_index()
    return sum(1 for cell in _cells(row) if _norm(" ".join(_lines(cell))) in index) >= 3


def _people(rows) -> list[dict[str, str]]:
    """Each person in the suspected perpetrators table, by column heading."""
    index = _perpetrator_index()
    headings = [" ".join(_lines(cell)) for cell in _cells(rows[0])]
    columns = [index.get(_norm(heading)) for heading in headings]
    people = []
    for row in rows[1:]:
        person: dict[str, str] = {}
        for heading, column, cell in zip(headings, columns, _cells(row), strict=False):
            text = ", ".join(_lines(cell))
            if text:
                person[column or f"?{heading or 'a column without a heading'}"] = text
        if person:
            people.append(person)
    return people


def _cells(row) -> list:
    """The row's cells (w:tc), including cells wrapped in a content control."""
    cells = []
    for child in row:
        if child.tag == f"{_W}tc":
            cells.append(child)
        elif child.tag == f"{_W}sdt":
            cells.extend(child.iter(f"{_W}tc"))
    return cells


def _lines(cell) -> list[str]:
    """The non-blank lines of text in a cell, tracked deletions left out."""
    lines = []
    for paragraph in cell.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            else:
                parts.append(" " if node.tag == f"{_W}tab" else "\n")
        lines.extend(line.strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


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
