"""A referrer without an account signs in by emailed link, fills the referral over several
pages, makes a mistake, leaves, comes back after signing out, and sends it; the
coordinator then triages it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from mace.accounts.models import Role
from mace.referrals.models import Referral
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _gov_uk_allowed():
    """The default allowed domains come from a data migration, which an earlier browser
    test's flush removes: put back the one these journeys use."""
    from mace.referrals.models import AllowedDomain

    AllowedDomain.objects.get_or_create(
        pattern="*.gov.uk", defaults={"description": "Central and local government"}
    )


def _sign_in_by_link(page, email):
    page.goto("/refer/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Your work email address").fill(email)
    page.get_by_role("button", name="Email me a sign-in link").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    link = re.search(r"https?://[^/\s]+(/refer/sign-in/[^/\s]+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Your referrals").wait_for()


def test_referral_over_several_pages_with_a_mistake_and_a_resumed_draft(
    page, axe_check, settings, fill_date
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page.goto("/refer/")
    axe_check(page)
    _sign_in_by_link(page, "dee.sharma@leeds.gov.uk")
    axe_check(page)
    page.get_by_role("button", name="Make a new referral").click()

    page.get_by_role("heading", name="About you").wait_for()
    axe_check(page)
    page.get_by_label("Your full name").fill("Dee Sharma")
    page.get_by_label("Your agency or organisation").fill("Harehills Academy")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Who or what the referral is about").wait_for()
    page.get_by_label("A child").check()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="The child").wait_for()
    page.get_by_label("First name(s)").fill("Kayden")
    page.get_by_label("Last name").fill("Oduya")
    fill_date(page, "Date of birth", dt.date(2099, 5, 14))  # a mistake: in the future
    page.get_by_label("School or college").fill("Harehills Academy")
    page.get_by_role("button", name="Save and continue").click()
    page.locator(".govuk-error-summary").wait_for()
    assert (
        "The date of birth must be in the past" in page.locator(".govuk-error-summary").inner_text()
    )
    assert page.get_by_label("First name(s)").input_value() == "Kayden"
    assert page.get_by_label("School or college").input_value() == "Harehills Academy"
    axe_check(page)
    fill_date(page, "Date of birth", dt.date(2011, 5, 14))
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("heading", name="Your referrals").wait_for()

    # Sign out, come back the next day through a new link, and carry on.
    page.get_by_test_id("sign-out").click()
    _sign_in_by_link(page, "dee.sharma@leeds.gov.uk")
    page.get_by_role("link", name=re.compile(r"MACE-")).click()
    page.get_by_role("heading", name="The child").wait_for()
    assert page.get_by_label("Last name").input_value() == "Oduya"
    page.get_by_role("link", name="Concerns and risk").click()
    page.get_by_label("Child criminal exploitation").check()
    page.get_by_label("Going missing").check()
    assert page.get_by_label("Child criminal exploitation").is_checked()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Places, peer groups and online spaces").wait_for()
    assert Referral.objects.get().concerns == ["cce", "missing"], Referral.objects.get().concerns
    page.get_by_role("link", name="Suspected perpetrators").click()
    page.get_by_role("heading", name="Suspected perpetrators").wait_for()
    page.get_by_label("Name", exact=True).fill("Unknown male")
    page.get_by_label("Aliases or street names").fill("Tiny")
    page.get_by_role("button", name="Add another person").click()
    page.get_by_role("group", name="Person 2").wait_for()
    axe_check(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Parents, consent and sharing").wait_for()
    page.get_by_role("group", name="Have they consented to it?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("Without consent: necessary to safeguard the child").check()
    page.get_by_label("If you are sharing without consent, why is it necessary?").fill(
        "Mother's partner may be involved"
    )
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("heading", name="Why MACE").wait_for()
    page.get_by_label("Why is a MACE discussion warranted?").fill(
        "Found in Bradford twice in a month; new phone and trainers"
    )
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Check your referral before sending it").wait_for()
    axe_check(page)
    page.get_by_role("button", name="Send the referral").click()
    page.wait_for_load_state()
    assert "There is a problem" not in page.content(), page.locator("main").inner_text()[:1500]
    page.get_by_role("heading", name="Referral sent").wait_for()
    axe_check(page)

    referral = Referral.objects.get()
    assert referral.status == Referral.Status.NEW
    assert (referral.child_given_name, referral.child_school) == ("Kayden", "Harehills Academy")
    assert referral.concerns == ["cce", "missing"]
    assert [(p.name, p.aliases) for p in referral.perpetrators.all()] == [("Unknown male", "Tiny")]
    assert page.csp_violations == []


def test_coordinator_triages_a_referral(page, axe_check, sign_in, settings):
    from tests.factories import submitted_referral

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    coordinator = UserFactory(role=Role.COORDINATOR)
    referral = submitted_referral()
    sign_in(page, coordinator)
    page.get_by_role("link", name="Triage", exact=True).click()
    axe_check(page)
    page.get_by_role("link", name=referral.reference).click()
    axe_check(page)
    page.get_by_label("None of these: create a new child").check()
    page.get_by_role("button", name="Confirm").click()
    page.get_by_test_id("linked-child").wait_for()
    page.get_by_label("Accept for a child-focused MACE").check()
    page.get_by_label("Reason").fill("Emerging risk of criminal exploitation: meets the criteria")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()
    assert "There is a problem" not in page.content(), page.locator("main").inner_text()[:1500]
    page.get_by_role("heading", name="Triage queue").wait_for()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert "meets the criteria" in mail.outbox[-1].body
    assert page.csp_violations == []
