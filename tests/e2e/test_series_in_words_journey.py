"""The administrator sets up a meeting series by saying how often it meets in words; the
series page says it back in words (the calendar rule stays an advanced option)."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.meetings.models import MeetingSeries
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_series_is_set_up_in_words(page, axe_check, sign_in, fill_date):
    admin = UserFactory(role=Role.ADMIN, full_name="Daniel Wright")
    sign_in(page, admin)
    page.goto("/administration/series/new/")
    page.get_by_label("Name of the series").fill("Silver")
    page.get_by_role("radio", name="Silver").check()
    page.get_by_label("Every", exact=True).fill("2")
    page.get_by_role("radio", name="Months").check()
    page.get_by_label("On", exact=True).select_option(label="Tuesday")
    page.get_by_role("button", name="Set up the series").click()
    # Monthly, but which week? Said next to the question; what was typed is kept.
    page.locator(".govuk-error-summary").wait_for()
    assert "Select which week of the month" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Every", exact=True).input_value() == "2"
    axe_check(page)
    page.get_by_label("Which week of the month").select_option(label="second")
    fill_date(page, "First meeting date", dt.date.today() + dt.timedelta(days=40))
    page.get_by_label("Start time").fill("13:30")
    page.get_by_role("button", name="Set up the series").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 0, summary.inner_text()
    page.get_by_text("Every 2 months on the second Tuesday").first.wait_for()
    axe_check(page)
    assert MeetingSeries.objects.get().rrule == "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"
    assert page.csp_violations == []
