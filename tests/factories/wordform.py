"""The Word referral form filled in as a referrer would in Word: what they type (``TYPED``),
the people they name, and the concerns they mark."""

from __future__ import annotations

import io

from docx import Document

from mace.referrals.sections import PERPETRATOR_FIELDS
from mace.referrals.wordform import build_form

# What a referrer types into the form.
TYPED = {
    "referrer_name": "Priya Shah",
    "referrer_agency": "Leeds Youth Justice Service",
    "referrer_role": "Case manager",
    "referrer_email": "priya.shah@leeds.gov.uk",
    "referrer_phone": "0113 222 4444",
    "subject": "A child",
    "child_given_name": "Jay",
    "child_family_name": "Smith",
    "child_aliases": "JJ, Little J",
    "child_date_of_birth": "27/03/2010",
    "child_age_estimate": "15",
    "child_gender": "Male",
    "child_first_language": "English",
    "child_ethnicity": "White British",
    "child_nationality": "British",
    "child_send": "ADHD; EHC plan",
    "child_address": "12 Hill Street, Leeds",
    "child_postcode": "ls9 7qt",
    "child_placement_address": "3 Park Road, Bradford",
    "child_school": "Leeds City Academy",
    "child_year_group": "Year 10",
    "child_gp": "Dr Khan, Burmantofts Health Centre",
    "child_household": "Two younger sisters\nAn older brother, 19",
    "child_in_need": "Yes",
    "child_protection": "No",
    "looked_after": "Section 20",
    "care_leaver": "Not known",
    "open_to_social_work": "yes",
    "allocated_social_worker": "Sam Jones",
    "case_system_id": "LCS-123456",
    "known_to_police": "Yes",
    "known_to_youth_justice": "Y",
    "known_to_camhs": "No",
    "concerns": None,  # marked with X below
    "exploitation_identified_before": "Don't know",
    "risk_level": "Medium",
    "risk_analysis": "Escalating: new phone, older associates, cash.",
    "push_factors": "Conflict at home\nExcluded in September",
    "pull_factors": "Money, status, belonging",
    "missing_episodes": "Three in a month, found in Bradford twice",
    "context_description": "Park near the shopping parade",
    "places_of_concern": "Takeaway on Harehills Lane",
    "peer_groups": "Older boys from the estate",
    "online_spaces": "Snapchat group",
    "parents_aware": "Yes",
    "parents_consent": "No",
    "parents_protective": "Not known",
    "lawful_basis": "Without consent: necessary to safeguard the child (DPA 2018 safeguarding "
    "condition)",
    "sharing_reason": "Mother's partner may be involved",
    "what_tried": "Youth work, school meetings",
    "why_mace": "Plan is not having the desired effect",
    "cross_border": "Bradford",
}

PEOPLE = [
    {
        "name": "Dean Walker",
        "aliases": "D-Man",
        "date_of_birth": "about 25",
        "address": "Flat 4, 20 Mill Lane, Leeds",
        "phone": "07700 900123",
        "vehicle": "Black Audi A3",
        "ethnicity": "White British",
        "relationship": "Older 'boyfriend'",
    },
    {"name": "Unknown male", "aliases": "Tiny", "vehicle": "Grey Golf"},
]

CONCERN_LABELS = {
    "cce": "Child criminal exploitation",
    "county_lines": "County lines",
    "missing": "Going missing",
}


def _question(row) -> str:
    return row.cells[0].paragraphs[0].text.strip()


def fill_form(
    *, answers: dict[str, str | None], concerns: list[str] = (), people: list[dict] = ()
) -> bytes:
    """The blank form with answers typed in, as a referrer would in Word."""
    from mace.referrals.forms.steps import LABELS

    document = Document(io.BytesIO(build_form()))
    by_label = {label: name for name, label in LABELS.items()}
    for table in document.tables:
        if len(table.columns) != 2:
            continue
        for row in table.rows:
            name = by_label.get(_question(row))
            if name == "concerns" and concerns:
                for paragraph in row.cells[1].paragraphs:
                    if any(CONCERN_LABELS[c] in paragraph.text for c in concerns):
                        paragraph.text = paragraph.text.replace("☐", "☒")
            elif name and answers.get(name):
                row.cells[1].text = answers[name]
    if people:
        table = next(t for t in document.tables if len(t.columns) == len(PERPETRATOR_FIELDS))
        for row, person in zip(table.rows[1:], people, strict=False):
            for cell, field in zip(row.cells, PERPETRATOR_FIELDS, strict=True):
                cell.text = person.get(field, "")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filled_referral_form(**overrides) -> bytes:
    """A complete form for one child, with a suspected perpetrator and a UK date."""
    return fill_form(
        answers={**TYPED, **overrides}, concerns=list(CONCERN_LABELS), people=PEOPLE[:1]
    )
