"""A practitioner completes a risk assessment, departs from the proposed level with a
rationale, and sees it on the child's chronology."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.risk.models import Assessment
from tests.factories import AgencyFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_assessment_with_an_override_appears_on_the_chronology(page, axe_check, sign_in, fill_date):
    agency = AgencyFactory(name="Youth Justice Service")
    user = UserFactory(role=Role.CHAIR, agency=agency, full_name="Nadia Rahman")
    child = ChildFactory(given_name="Jayden", family_name="Whitaker")
    sign_in(page, user)

    page.goto(f"/children/{child.id}/")
    axe_check(page)
    page.get_by_role("link", name="Risk assessments").click()
    axe_check(page)
    page.get_by_role("link", name="Start a risk assessment").click()
    page.get_by_role("heading", name="Child Exploitation Risk Identification Tool").wait_for()
    axe_check(page)

    money = page.get_by_role("group", name="Unexplained money, clothes, gifts or several phones")
    money.get_by_label("Medium").check()
    page.locator("#id_evidence-money-unexplained").fill("Two phones and new trainers")
    # A mistake: a date in the future is refused, and the grades stay as chosen.
    fill_date(page, "Date of assessment", dt.date(2099, 1, 1))
    page.get_by_role("button", name="Continue to the overall level").click()
    page.locator(".govuk-error-summary").wait_for()
    assert money.get_by_label("Medium").is_checked()
    assert page.locator("#id_evidence-money-unexplained").input_value() == (
        "Two phones and new trainers"
    )
    axe_check(page)
    fill_date(page, "Date of assessment", dt.date(2026, 11, 20))
    page.get_by_role("button", name="Continue to the overall level").click()

    page.get_by_role("heading", name="Overall level of risk").wait_for()
    assert "Medium" in page.get_by_test_id("proposed-level").inner_text()
    axe_check(page)
    page.get_by_label("High", exact=True).check()
    page.get_by_role("button", name="Complete the assessment").click()
    page.locator(".govuk-error-summary").wait_for()  # an override needs a rationale
    axe_check(page)
    rationale = "Seen getting into cars with older males; mother reports threats"
    page.get_by_label("If your judgement differs from the proposed level, why?").fill(rationale)
    page.get_by_role("button", name="Complete the assessment").click()

    assert page.get_by_test_id("final-level").inner_text().strip() == "High"
    assert rationale in page.get_by_test_id("override-rationale").inner_text()
    axe_check(page)

    page.get_by_role("link", name="Chronology").click()
    chronology = page.get_by_test_id("chronology").inner_text()
    assert "Initial risk assessment completed" in chronology
    assert rationale in chronology
    assert "Nadia Rahman, Youth Justice Service" in chronology
    axe_check(page)

    assessment = Assessment.objects.get(child=child)
    assert (assessment.proposed_level, assessment.final_level) == ("medium", "high")
    assert page.csp_violations == []
