"""The auditor reviews a break-glass access: the queue names the child, a finding of "not
justified" asks what follows, and the review lands in the reviewed list."""

from __future__ import annotations

import pytest

from mace.accounts.models import Role
from mace.people import services as people_services
from mace.people.models import ChildAccess
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_auditor_reviews_a_break_glass_access(page, axe_check, sign_in):
    child = ChildFactory(given_name="Maisie", family_name="Holroyd", restricted=True)
    opener = UserFactory(role=Role.COORDINATOR, full_name="Priya Sharma")
    grant = people_services.break_glass_open(
        actor=opener,
        child_id=child.pk,
        reason="Strategy discussion at 2pm today; the social worker needs the history",
    )
    auditor = UserFactory(role=Role.AUDITOR, full_name="Claire Firth")

    sign_in(page, auditor)
    page.goto("/audit/break-glass/")
    queue = page.get_by_test_id("pending-reviews")
    assert "Maisie Holroyd" in queue.inner_text()
    axe_check(page)
    queue.get_by_role("link", name="Review").click()
    assert "Maisie Holroyd" in page.get_by_test_id("reviewed-child").inner_text()
    page.get_by_role("radio", name="Not justified").check()
    page.get_by_label("What did the review find?").fill("No strategy meeting was held that day")
    page.get_by_role("button", name="Record the review").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.get_by_label("What did the review find?").input_value().startswith("No strategy")
    axe_check(page)
    page.get_by_label("If it was not justified, what follows?").fill(
        "Raised with their line manager"
    )
    page.get_by_role("button", name="Record the review").click()
    reviewed = page.get_by_test_id("reviewed").inner_text()
    assert "Not justified" in reviewed and "Raised with their line manager" in reviewed
    axe_check(page)
    grant.refresh_from_db()
    assert grant.review_finding == ChildAccess.ReviewFinding.NOT_JUSTIFIED
    assert page.csp_violations == []
