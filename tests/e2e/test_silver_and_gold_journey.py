"""From a finding at a child-focused MACE meeting to Silver's action plan to the Gold
dashboard (issue 13): the chair escalates the meeting's theme to Silver, Silver's member
puts an item on the partnership action plan driven by it, and Gold reads the scale of
exploitation quarter by quarter, suppressed. Every page axe-core clean, no CSP violation."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.core import clock
from mace.governance.models import Escalation, PlanItem
from mace.meetings.models import Finding
from mace.meetings.services import agenda, recording
from tests.factories import ChildFactory, UserFactory
from tests.factories.meetings import held_meeting, meeting_on

pytestmark = pytest.mark.django_db(transaction=True)

THEME = "Children travelling to Bradford by train straight after school"


def test_a_finding_reaches_silvers_plan_and_the_gold_dashboard(page, axe_check, sign_in, fill_date):
    coordinator = UserFactory(role=Role.COORDINATOR, full_name="Grace Okafor")
    chair = UserFactory(role=Role.CHAIR, full_name="Andrew Lockwood")
    silver = UserFactory(role=Role.SILVER, full_name="Priya Chaudhry")
    gold = UserFactory(role=Role.GOLD, full_name="Martin Hebblethwaite")
    today = clock.today()
    children = [ChildFactory(family_name=f"Oyelaran-{n}") for n in range(6)]
    held_meeting(
        today - dt.timedelta(days=28),
        actor=coordinator,
        chair=chair,
        capacity=6,
        children=[
            (c, {"risk_level": "high" if i < 3 else "medium"}) for i, c in enumerate(children)
        ],
    )
    meeting = meeting_on(today, chair=chair, capacity=6)
    agenda.item_add(actor=coordinator, meeting=meeting, child=children[0])
    recording.finding_add(
        actor=coordinator, meeting=meeting, kind=Finding.Kind.THEME, description=THEME
    )

    # The chair escalates the meeting's theme to Silver from the live meeting.
    sign_in(page, chair)
    page.goto(f"/meetings/{meeting.pk}/run/")
    page.get_by_role("link", name="Escalate").click()
    page.get_by_label("Silver").check()
    assert page.get_by_label("What is escalated, and why").input_value() == THEME
    page.get_by_label("Owner").select_option(
        label=f"{silver.full_name} ({silver.get_role_display()})"
    )
    axe_check(page)
    page.get_by_role("button", name="Escalate").click()
    page.wait_for_url("**/governance/escalations/*/")
    escalation = Escalation.objects.get()
    assert escalation.to == "silver" and escalation.raised_from_finding.description == THEME
    assert page.get_by_text(THEME).first.is_visible()
    axe_check(page)

    # Silver puts it on the partnership action plan.
    page.context.clear_cookies()
    sign_in(page, silver)
    page.goto("/governance/plan/new/")
    page.get_by_label("Objective").select_option(index=1)
    page.get_by_label("What is to be done").fill("Joint rail patrols with British Transport Police")
    page.get_by_label("Owner").select_option(
        label=f"{silver.full_name} ({silver.get_role_display()})"
    )
    fill_date(page, "Due date", today + dt.timedelta(days=60))
    page.get_by_label("Amber").check()
    page.get_by_label(escalation.title).check()
    axe_check(page)
    page.get_by_role("button", name="Add the item").click()
    page.wait_for_url("**/governance/plan/")
    item = PlanItem.objects.get()
    assert list(item.escalations.all()) == [escalation]
    row = page.get_by_role("cell", name="Joint rail patrols with British Transport Police From")
    assert escalation.title in row.inner_text()  # the plan shows what drove the item
    axe_check(page)

    # Gold reads the scale, quarter by quarter, counts of 1 to 4 shown as <5.
    page.context.clear_cookies()
    sign_in(page, gold)
    page.goto("/governance/dashboards/gold/")
    assert page.get_by_role("heading", name="Gold dashboard", level=1).is_visible()
    assert page.get_by_test_id("suppression-note").is_visible()
    high = page.get_by_test_id("table-scale_level").get_by_role("row", name="High")
    assert "<5" in high.inner_text()
    assert "Oyelaran" not in page.content()  # at high risk, not escalated to Gold: counted only
    axe_check(page)
    assert page.csp_violations == []
