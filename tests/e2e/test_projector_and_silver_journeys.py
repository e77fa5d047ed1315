"""The chair runs a child's discussion on a 1024×768 projector with the child's picture in
view, and Silver's chair opens and approves the minutes of their own meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.core import clock
from mace.meetings.models import Action, Kind, Meeting, Minutes, Outcome
from mace.meetings.services import agenda, minutes, recording
from mace.meetings.services.series import series_create, series_member_add
from mace.risk.models import MissingEpisode, VrmpAction
from mace.risk.services.vrmp import vrmp_create
from tests.factories import AgencyFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _meeting(day: dt.date, chair) -> Meeting:
    return Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=day,
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
        chair=chair,
    )


def test_the_chair_sees_the_childs_picture_on_the_projector(page, axe_check, sign_in):
    police = AgencyFactory(name="West Yorkshire Police")
    coordinator = UserFactory(role=Role.COORDINATOR, full_name="Grace Okafor")
    chair = UserFactory(role=Role.CHAIR, full_name="Andrew Lockwood")
    owner = UserFactory(role=Role.MEMBER, agency=police, full_name="Tom Brearley")
    amara = ChildFactory(given_name="Amara", family_name="Okonkwo-Smith")
    today = clock.today()
    earlier = _meeting(today - dt.timedelta(days=14), chair)
    first = agenda.item_add(actor=coordinator, meeting=earlier, child=amara)
    recording.discussion_save(
        actor=coordinator,
        item=first,
        risk_level="high",
        outcome=Outcome.CONTINUE,
        next_review_date=today,
    )
    Action.objects.create(
        meeting=earlier,
        item=first,
        child=amara,
        description="Disruption visit to the flat on Roundhay Road",
        owner_agency=police,
        owner=owner,
        due_date=today + dt.timedelta(days=2),
    )
    recording.meeting_close(actor=coordinator, meeting=earlier)
    plan = vrmp_create(
        actor=coordinator,
        child=amara,
        vulnerabilities="Exclusion from school",
        next_review_date=today + dt.timedelta(weeks=12),
    ).vrmp
    VrmpAction.objects.create(
        vrmp=plan,
        description="Weekly mentoring sessions",
        owner_agency=police,
        due_date=today + dt.timedelta(days=7),
    )
    MissingEpisode.objects.create(
        child=amara, kind="missing", started_at=clock.now() - dt.timedelta(days=9)
    )
    meeting = _meeting(today, chair)
    agenda.item_add(actor=coordinator, meeting=meeting, child=amara)

    page.set_viewport_size({"width": 1024, "height": 768})
    sign_in(page, chair)
    page.goto(f"/meetings/{meeting.pk}/run/")
    page.get_by_role("link", name="Amara Okonkwo-Smith").click()
    picture = page.get_by_test_id("child-summary")
    picture.wait_for()
    text = picture.inner_text()
    for shown in (
        "Continue at MACE, risk agreed high",
        "1 in the last 90 days",
        "Disruption visit to the flat on Roundhay Road",
        "Weekly mentoring sessions",
    ):
        assert shown in text, shown
    # The picture comes before the boxes, and nothing is wider than the projector.
    box = page.get_by_label("Risk analysis").bounding_box()
    assert picture.bounding_box()["y"] < box["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    axe_check(page)
    assert page.csp_violations == []


def test_silvers_chair_opens_and_approves_the_minutes_of_their_own_meeting(
    page, axe_check, sign_in
):
    police = AgencyFactory(name="West Yorkshire Police", kind="police")
    coordinator = UserFactory(role=Role.COORDINATOR, full_name="Priya Sharma")
    silver = UserFactory(role=Role.SILVER, full_name="Helen Sykes", agency=police)
    with clock.set_to(clock.now() - dt.timedelta(days=70)):
        series = series_create(
            actor=coordinator,
            name="Silver",
            kind=Kind.SILVER,
            rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
            first_date=clock.today() + dt.timedelta(days=1),
            chair=silver,
            generate_days=120,
        )
        series_member_add(actor=coordinator, series=series, agency=police, representative=silver)
    held = series.meetings.filter(date__lt=clock.today()).order_by("date").first()
    recording.finding_add(
        actor=coordinator,
        meeting=held,
        kind="theme",
        description="Recruitment of children near the Kirkgate bus station",
    )
    recording.meeting_close(actor=coordinator, meeting=held)
    minutes.minutes_draft(actor=coordinator, meeting=held)

    sign_in(page, silver)
    page.get_by_role("link", name="Meetings").first.click()
    past = page.get_by_test_id("past-meetings")
    assert "Minutes in draft" in past.inner_text()
    past.get_by_role("link", name=f"{held.date:%a %-d %b %Y}").click()
    page.get_by_role("heading", name=f"{held.date:%A %-d %B %Y}").wait_for()
    axe_check(page)
    page.goto(f"/meetings/{held.pk}/minutes/")
    assert "Kirkgate bus station" in page.locator("main").inner_text()
    page.get_by_role("button", name="Approve the minutes").click()
    assert "Approved by Helen Sykes" in page.get_by_test_id("minutes-status").inner_text()
    axe_check(page)
    assert Minutes.objects.get(meeting=held).approved_by == silver
    assert page.csp_violations == []
