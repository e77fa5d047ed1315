"""What governance adds to the lower apps' pages: the children whose meeting decided
"Escalate to Gold" on the organisers' "Your tasks", and "Escalate" beside each finding on
the live meeting screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.core import clock
from mace.meetings.models import Outcome
from mace.web import registry
from tests.factories import ChildFactory, escalated, finding_made, held_meeting, meeting_on

pytestmark = pytest.mark.django_db


def test_governance_registers_its_tasks_and_finding_link():
    assert "governance.escalate" in registry._task_sources
    assert "governance.escalate" in registry._record_links


@pytest.fixture
def escalate_gold(make_user):
    coordinator = make_user(Role.COORDINATOR)
    child = ChildFactory(given_name="Jade", family_name="Okafor")
    meeting = held_meeting(
        dt.date(2026, 1, 7),
        actor=coordinator,
        children=[(child, {"outcome": Outcome.ESCALATE_GOLD})],
    )
    return coordinator, meeting.items.get().discussion


def test_a_child_to_escalate_waits_on_the_coordinators_tasks_until_escalated(
    signed_in, escalate_gold
):
    coordinator, discussion = escalate_gold
    client = signed_in(coordinator)
    page = client.get(reverse("tasks:list")).content.decode()
    assert "Children to escalate to Gold" in page and "Jade Okafor" in page
    assert f"?discussion={discussion.pk}" in page

    escalated(coordinator, to="gold", kind="child", discussion=discussion)
    page = client.get(reverse("tasks:list")).content.decode()
    assert "Children to escalate to Gold" not in page


def test_a_member_has_no_children_to_escalate(make_user, signed_in, escalate_gold):
    page = signed_in(make_user(Role.MEMBER)).get(reverse("tasks:list")).content.decode()
    assert "Children to escalate to Gold" not in page


def test_each_finding_on_the_live_screen_can_be_escalated_by_the_chair(make_user, signed_in):
    chair = make_user(Role.CHAIR)
    meeting = meeting_on(clock.today() + dt.timedelta(days=2), chair=chair)
    finding = finding_made(meeting=meeting)
    page = signed_in(chair).get(reverse("meetings:run", args=[meeting.pk])).content.decode()
    href = reverse("governance:escalation_raise") + f"?finding={finding.pk}"
    assert href in page


def test_the_finding_link_is_for_those_who_may_raise():
    class Someone:
        is_authenticated = True
        is_active = True
        role = Role.SILVER

    from mace.meetings.models import Finding

    assert registry.record_links(user=Someone(), obj=Finding()) == [] or all(
        label != "Escalate" for label, _ in registry.record_links(user=Someone(), obj=Finding())
    )
