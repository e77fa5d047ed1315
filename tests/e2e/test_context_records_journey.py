"""The analyst opens a person of concern, links a phone (a grading left out is asked for,
nothing typed is lost), assesses a peer group and retracts a mistaken link."""

from __future__ import annotations

import pytest

from mace.accounts.models import Role
from mace.contexts.models import Context, ContextAssessment, Link
from tests.factories import ChildFactory, UserFactory, context_made, linked

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_analyst_records_a_person_and_a_group(page, axe_check, sign_in):
    analyst = UserFactory(role=Role.ANALYST, full_name="Imran Qureshi")
    sign_in(page, analyst)
    page.get_by_role("link", name="Contexts").first.click()
    page.get_by_role("link", name="Open a person of concern").click()
    page.get_by_label("Name", exact=True).fill("Connor Haigh")
    page.get_by_label("Approximate age").fill("26")
    page.get_by_label("Alias or street name").fill("Tiny")
    page.get_by_role("radio", name="Street name").check()
    page.get_by_role("button", name="Open the record").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.get_by_label("Name", exact=True).input_value() == "Connor Haigh"
    axe_check(page)
    page.get_by_label("Suspected", exact=True).check()
    page.get_by_role("button", name="Open the record").click()
    page.get_by_role("heading", name="Connor Haigh").wait_for()
    assert "Tiny" in page.content()
    axe_check(page)

    page.get_by_role("link", name="Link to another record").click()
    page.get_by_label("Or a phone, vehicle or online account").select_option("phone")
    page.get_by_label("The number, registration or account").fill("07700 900714")
    page.get_by_label("How they are related").select_option("uses")
    page.get_by_role("button", name="Record the link").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.get_by_label("The number, registration or account").input_value() == "07700 900714"
    axe_check(page)
    page.get_by_label("2: untested").check()
    page.get_by_label("B: known indirectly and corroborated").check()
    page.get_by_label("P: lawful sharing permitted").check()
    page.get_by_role("button", name="Record the link").click()
    page.get_by_test_id("links").wait_for()
    assert "07700 900714" in page.get_by_test_id("links").inner_text()
    assert Link.objects.get().grading == "2BP"

    group = context_made(Context.Kind.PEER_GROUP, "Boys around Seacroft Green", actor=analyst)
    mistaken = linked(ChildFactory(given_name="Leo", family_name="Brannigan"), group, "member")
    page.goto(f"/contexts/{group.pk}/")
    assert "an association, not an accusation" in page.content()
    axe_check(page)
    page.get_by_role("link", name="Start an assessment").click()
    axe_check(page)
    page.get_by_role("button", name="Complete the assessment").click()
    page.locator(".govuk-error-summary").wait_for()
    for legend in page.locator("fieldset legend").all():
        text = legend.inner_text()
        if text.startswith("Members harm each other"):
            page.get_by_role("group", name=text).get_by_label("High").check()
        elif not text.startswith("Context weighting"):
            page.get_by_role("group", name=text).get_by_label("Not present").check()
    page.get_by_label("Evidence").first.fill("Two stabbings near the shops this year")
    page.get_by_label("Level of risk this context poses (agreed)").select_option("high")
    page.get_by_role("radio", name="Must change first").check()
    page.get_by_label("Why it must change first, soon, or be watched").fill(
        "The group's violence drives the risk to the boys known to MACE"
    )
    page.get_by_role("button", name="Complete the assessment").click()
    page.get_by_role("heading", name="Contextual assessment").wait_for()
    assert ContextAssessment.objects.get(context=group).status == "completed"

    page.get_by_role("link", name="Retract this link").click()
    page.get_by_label("Why is the link retracted?").fill("A namesake: a different Leo")
    page.get_by_role("button", name="Retract a link").click()
    page.get_by_role("heading", name="Boys around Seacroft Green").wait_for()
    mistaken.refresh_from_db()
    assert mistaken.status == Link.Status.RETRACTED
    axe_check(page)
    assert page.csp_violations == []
