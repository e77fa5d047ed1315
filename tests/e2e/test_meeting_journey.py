"""The coordinator builds an agenda, runs the meeting for two children (one of them while
the connection drops), the chair approves the minutes, and the owner sees their action."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mace.accounts.models import Role
from mace.meetings.models import Action, Discussion, Meeting, Minutes
from tests.factories import AgencyFactory, ChildFactory, UserFactory, meeting_on

pytestmark = pytest.mark.django_db(transaction=True)


def test_agenda_to_approved_minutes_and_the_owners_action(page, axe_check, sign_in, fill_date):
    police = AgencyFactory(name="West Yorkshire Police")
    coordinator = UserFactory(role=Role.COORDINATOR, full_name="Grace Okafor")
    chair = UserFactory(role=Role.CHAIR, full_name="Imran Hussain")
    owner = UserFactory(role=Role.MEMBER, agency=police, full_name="Tom Brearley")
    day = timezone.localdate() + dt.timedelta(days=6)
    meeting = meeting_on(day, chair=chair, title="Child-focused MACE")
    ChildFactory(given_name="Amara", family_name="Okonkwo-Smith")
    ChildFactory(given_name="Callum", family_name="Featherstone")
    review = day + dt.timedelta(days=28)

    sign_in(page, coordinator)
    page.get_by_role("link", name="Meetings").first.click()
    axe_check(page)
    page.get_by_test_id("upcoming-meetings").get_by_role("link").first.click()
    axe_check(page)

    # Build the agenda: two children, the second moved to the top.
    for name in ("Amara Okonkwo-Smith", "Callum Featherstone"):
        page.get_by_role("link", name="Add an item").click()
        page.get_by_label("Child's name or case-system ID").fill(name)
        page.get_by_role("button", name="Add to the agenda").click()
        page.get_by_test_id("agenda").wait_for()
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Child's name or case-system ID").fill("Nobody Known")
    page.get_by_role("button", name="Add to the agenda").click()
    page.locator(".govuk-error-summary").wait_for()  # no such child: said plainly
    axe_check(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Up Callum Featherstone").click()
    rows = page.get_by_test_id("agenda-item").all_inner_texts()
    assert "Callum" in rows[0] and "10:00" in rows[0]
    assert "Amara" in rows[1] and "10:20" in rows[1]
    axe_check(page)

    # The papers: a page per child, the marking, the distribution list.
    page.get_by_role("link", name="Papers").click()
    page.get_by_text("Callum Featherstone").first.wait_for()
    assert "RESTRICTED" in page.locator("main").inner_text().upper()
    axe_check(page)
    page.get_by_role("link", name="Back to the meeting").click()

    # Run the meeting: the first child while the connection drops.
    page.get_by_role("link", name="Run the meeting").click()
    axe_check(page)
    page.get_by_role("link", name="Callum Featherstone").click()
    page.get_by_role("heading", name="Callum Featherstone", exact=True).wait_for()
    axe_check(page)
    page.context.set_offline(True)
    page.get_by_label("Risk analysis").fill("Found in a trap house in Bradford twice this month")
    page.get_by_text("Not connected").wait_for()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.get_by_text("Saved at").wait_for()
    saved = Discussion.objects.get(item__child__given_name="Callum")
    assert saved.risk_analysis == "Found in a trap house in Bradford twice this month"
    page.get_by_role("group", name="Risk level agreed").get_by_label("High").check()
    page.get_by_role("group", name="Outcome").get_by_label("Continue at MACE").check()
    fill_date(page, "Next review date", review)
    # An action for the owner, from this child's discussion.
    form = page.get_by_test_id("action-form")
    form.get_by_label("What is to be done").fill("Disruption visit to the address")
    form.get_by_label("Owner agency").select_option(label="West Yorkshire Police")
    form.get_by_label("Owner (person)").select_option(label="Tom Brearley (West Yorkshire Police)")
    fill_date(form, "Due date", day + dt.timedelta(days=7))
    form.get_by_role("button", name="Add the action").click()
    page.get_by_test_id("meeting-actions").get_by_text("Disruption visit").wait_for()
    assert page.get_by_label("Risk analysis").input_value().startswith("Found in a trap house")
    assert page.get_by_role("group", name="Risk level agreed").get_by_label("High").is_checked()
    page.get_by_role("button", name="Save and go to the next item").click()

    page.get_by_role("heading", name="Amara Okonkwo-Smith", exact=True).wait_for()
    page.get_by_label("Risk analysis").fill("Older boyfriend, gifts, going missing overnight")
    page.get_by_role("group", name="Risk level agreed").get_by_label("Medium").check()
    page.get_by_role("group", name="Outcome").get_by_label("Recommend a statutory process").check()
    page.get_by_role("button", name="Save and go to the next item").click()
    page.locator(".govuk-error-summary").wait_for()  # which process?
    assert page.get_by_label("Risk analysis").input_value().startswith("Older boyfriend")
    axe_check(page)
    page.get_by_label("Statutory process recommended").fill("Strategy discussion under s47")
    page.get_by_role("button", name="Save and go to the next item").click()

    page.get_by_test_id("run-items").wait_for()
    assert page.get_by_test_id("run-items").inner_text().count("Recorded") == 2
    page.get_by_role("button", name="Close the meeting").click()
    page.get_by_role("button", name="Draft the minutes").click()
    page.get_by_test_id("minutes-form").wait_for()
    axe_check(page)
    assert (
        "Strategy discussion under s47"
        in page.locator(
            "#entry-" + str(Discussion.objects.get(item__child__given_name="Amara").item_id)
        ).input_value()
    )
    page.get_by_test_id("sign-out").click()

    # The chair approves; the minutes lock.
    sign_in(page, chair)
    page.goto(f"/meetings/{meeting.pk}/minutes/")
    page.get_by_role("button", name="Approve the minutes").click()
    assert "Approved by Imran Hussain" in page.get_by_test_id("minutes-status").inner_text()
    assert page.get_by_test_id("minutes-form").count() == 0
    axe_check(page)
    page.get_by_test_id("sign-out").click()

    # The owner sees the action on their list.
    sign_in(page, owner)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your tasks").click()
    actions = page.get_by_test_id("my-meeting-actions").inner_text()
    assert "Disruption visit to the address" in actions and "Callum Featherstone" in actions
    axe_check(page)

    assert Minutes.objects.get(meeting=meeting).is_locked
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD
    assert Action.objects.get().owner == owner
    assert page.csp_violations == []
