"""A police member invited to next week's meeting adds what the police know about one child
before it; the coordinator sees who has not shared yet, and the live screen shows it."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.core import clock
from mace.meetings.models import Contribution, Invitation, Kind, Meeting
from mace.meetings.services import agenda, invitations
from tests.factories import AgencyFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_shares_before_the_meeting(page, axe_check, sign_in):
    police = AgencyFactory(name="West Yorkshire Police")
    health = AgencyFactory(name="Leeds Community Healthcare")
    coordinator = UserFactory(role=Role.COORDINATOR, full_name="Priya Sharma")
    jordan = UserFactory(role=Role.MEMBER, agency=police, full_name="Jordan Campbell")
    nadia = UserFactory(role=Role.MEMBER, agency=health, full_name="Nadia Rahman")
    meeting = Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=clock.today() + dt.timedelta(days=7),
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
    )
    item = agenda.item_add(
        actor=coordinator,
        meeting=meeting,
        child=ChildFactory(given_name="Amara", family_name="Okonkwo-Smith"),
    )
    for member in (jordan, nadia):
        Invitation.objects.create(meeting=meeting, user=member, capacity=Invitation.Capacity.CORE)
    invitations.invitations_send(actor=coordinator, meeting=meeting, link_base="http://t")

    sign_in(page, jordan)
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_test_id("share-cell").get_by_role("link", name="Add").click()
    axe_check(page)
    page.get_by_role("button", name="Share with the meeting").click()
    page.locator(".govuk-error-summary").wait_for()
    page.get_by_label("What does your agency know?").fill(
        "Seen twice this month in a car with older males near Kirkgate Market"
    )
    page.get_by_label("Source (optional)").fill("Intelligence report, graded B2")
    page.get_by_role("button", name="Share with the meeting").click()
    assert "Shared" in page.get_by_test_id("share-cell").inner_text()
    axe_check(page)
    page.get_by_test_id("sign-out").click()

    sign_in(page, coordinator)
    page.goto(f"/meetings/{meeting.pk}/")
    assert page.get_by_test_id("waiting-agencies").inner_text() == "Leeds Community Healthcare"
    page.goto(f"/meetings/{meeting.pk}/run/{item.pk}/")
    assert "Shared before the meeting by Jordan Campbell" in page.locator("main").inner_text()
    assert page.get_by_label("West Yorkshire Police").input_value().startswith("Seen twice")
    axe_check(page)
    assert Contribution.objects.get().shared_by == jordan
    assert page.csp_violations == []
