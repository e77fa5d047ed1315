"""Writing the blank form from the referral sections (``build_form``)."""

from __future__ import annotations

import io
from functools import cache

from django import forms
from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm, Pt

from mace.referrals.sections import PERPETRATOR_FIELDS, SECTIONS, Section
from mace.referrals.wordform.common import (
    EMPTY_BOX,
    FORM_ID,
    FORM_VERSION,
    PERPETRATOR_ROWS,
    _form_fields,
    _perpetrator_labels,
)

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
