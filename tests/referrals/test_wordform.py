"""The Word referral form: written from the sections, read back field by field like a person
filled it in, and every answer cleaned as the web form cleans it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from mace.referrals.sections import SECTIONS
from mace.referrals.wordform import build_form, read_form
from tests.factories import CONCERN_LABELS, PEOPLE, TYPED, fill_form

# What the referral should hold, from what the referrer typed (TYPED).
EXPECTED = {
    **{name: TYPED[name] for name in TYPED},
    "subject": "child",
    "child_date_of_birth": dt.date(2010, 3, 27),
    "child_age_estimate": 15,
    "child_postcode": "LS9 7QT",
    "child_in_need": "yes",
    "child_protection": "no",
    "looked_after": "s20",
    "care_leaver": "unknown",
    "open_to_social_work": "yes",
    "known_to_police": "yes",
    "known_to_youth_justice": "yes",
    "known_to_camhs": "no",
    "concerns": ["cce", "county_lines", "missing"],
    "exploitation_identified_before": "unknown",
    "risk_level": "medium",
    "parents_aware": "yes",
    "parents_consent": "no",
    "parents_protective": "unknown",
    "lawful_basis": "safeguarding",
}


def _question(row) -> str:
    return row.cells[0].paragraphs[0].text.strip()


def test_the_blank_form_has_a_table_per_section_and_a_version_marker():
    document = Document(io.BytesIO(build_form()))
    assert document.core_properties.identifier == "mace-referral-form:1"
    questions = [_question(row) for table in document.tables for row in table.rows]
    assert "Is the child on a Child in Need plan?" in questions
    assert len(document.tables) == len(SECTIONS)
    perpetrators = document.tables[[s.slug for s in SECTIONS].index("perpetrators")]
    assert len(perpetrators.rows) == 1 + 4
    assert perpetrators.rows[0].cells[0].text == "Name"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Vulnerability and Risk Management Plan" in text
    assert "secure mailbox" in text


def test_choice_questions_list_their_answers_and_concerns_can_be_marked():
    document = Document(io.BytesIO(build_form()))
    cells = {_question(row): row.cells for table in document.tables for row in table.rows}
    assert "Yes / No / Not known" in cells["Known to police?"][0].text
    assert "Section 20" in cells["Is the child looked after?"][0].text
    concern_lines = cells["What are you concerned about?"][1].text.splitlines()
    assert concern_lines[0] == "☐ Child sexual exploitation"
    assert len(concern_lines) == 7


def test_a_blank_form_reads_back_as_nothing_answered():
    parsed = read_form(data=build_form())
    assert parsed.recognised
    assert parsed.fields == {"subject": "child"}
    assert parsed.perpetrators == []
    assert parsed.problems[0] == "The form has no answers."


def test_every_field_filled_in_reads_back_as_filled(db):
    data = fill_form(answers=TYPED, concerns=list(CONCERN_LABELS), people=PEOPLE)
    parsed = read_form(data=data)
    assert parsed.problems == []
    assert parsed.fields == EXPECTED
    assert set(parsed.fields) == {name for s in SECTIONS for name in s.fields}
    assert parsed.perpetrators == PEOPLE


@pytest.mark.parametrize(
    "typed",
    [
        "27/03/2010",
        "27/3/2010",
        "27-03-2010",
        "27.03.2010",
        "27 March 2010",
        "27th Mar 2010",
        "March 27, 2010",
        "2010-03-27",
        "27/03/10",
    ],
)
def test_dates_in_common_uk_formats_are_understood(typed):
    parsed = read_form(data=fill_form(answers={"child_date_of_birth": typed}))
    assert parsed.fields["child_date_of_birth"] == dt.date(2010, 3, 27)


def test_answers_that_cannot_be_used_are_problems_and_left_out():
    parsed = read_form(
        data=fill_form(
            answers={
                "child_date_of_birth": "sometime in 2010",
                "child_in_need": "Maybe",
                "known_to_police": "Yes / No / Not known",
                "child_postcode": "LS9 7QT AND MORE TEXT",
                "referrer_email": "priya at leeds",
                "child_age_estimate": "14 or 15",
                "child_given_name": "Jay",
            }
        )
    )
    assert parsed.fields == {"child_given_name": "Jay", "subject": "child"}
    text = "\n".join(parsed.problems)
    assert "Date of birth: Date of birth must be a real date" in text
    assert "“sometime in 2010”" in text
    assert "Is the child on a Child in Need plan?: “Maybe” is not one of Yes / No / Not known" in (
        text
    )
    assert "Known to police?" in text
    assert "Home postcode" in text
    assert "Your secure work email address" in text
    assert "Approximate age" in text
    assert "taken as about a child" in text


def test_questions_are_found_by_label_not_position():
    document = Document(
        io.BytesIO(fill_form(answers={"child_given_name": "Jay", "child_family_name": "Smith"}))
    )
    child = next(t for t in document.tables if _question(t.rows[0]) == "First name(s)")
    first, second = child.rows[0]._tr, child.rows[1]._tr
    first.addprevious(second)  # the referrer swapped two rows
    extra = child.add_row()  # and added a question of their own, at the end
    extra.cells[0].text = "Anything else"
    extra.cells[1].text = "Has a younger cousin at risk too"
    child._tbl.remove(extra._tr)
    child._tbl.insert(2, extra._tr)
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = read_form(data=buffer.getvalue())
    assert parsed.fields["child_given_name"] == "Jay"
    assert parsed.fields["child_family_name"] == "Smith"
    assert parsed.problems[-1] == (
        "A question not on the form, “Anything else”, was answered: "
        "“Has a younger cousin at risk too”"
    )


@pytest.mark.parametrize(
    ("answer_lines", "expected"),
    [
        (["☒ Child sexual exploitation", "☐ County lines"], ["cse"]),
        (["X Child criminal exploitation", "☐ Going missing"], ["cce"]),
        (["Child sexual exploitation", "Going missing"], ["cse", "missing"]),  # others deleted
        (["CSE, county lines"], ["cse", "county_lines"]),
    ],
)
def test_concerns_are_read_by_label_whether_marked_or_kept(answer_lines, expected):
    document = Document(io.BytesIO(build_form()))
    row = next(r for t in document.tables for r in t.rows if _question(r).startswith("What are"))
    row.cells[1].text = "\n".join(answer_lines)
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_form(data=buffer.getvalue()).fields["concerns"] == expected


def test_a_word_document_that_is_not_the_form_is_not_recognised():
    document = Document()
    document.add_paragraph("Dear MACE, please see my referral below.")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = read_form(data=buffer.getvalue())
    assert not parsed.recognised
    assert parsed.problems == ["This Word document is not the MACE referral form."]


def test_the_form_is_recognised_by_its_questions_when_the_marker_is_lost():
    document = Document(io.BytesIO(fill_form(answers={"child_given_name": "Jay"})))
    document.core_properties.identifier = ""
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = read_form(data=buffer.getvalue())
    assert parsed.version == "unmarked"
    assert parsed.fields["child_given_name"] == "Jay"
