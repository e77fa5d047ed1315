"""Reading a filled-in form back, question by question (``read_form``)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from docx import Document

from mace.referrals.sections import SECTIONS
from mace.referrals.wordform.cleaning import _clean_perpetrators, _clean_section, _infer_subject
from mace.referrals.wordform.common import (
    _W,
    FORM_ID,
    FormUnreadable,
    ParsedForm,
    _label_index,
    _norm,
    _perpetrator_index,
)

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
