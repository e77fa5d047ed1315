"""The analyst's journey (issue 12): opens a place from the home page's alert, sees its
network (drawn, and in the table beside it), records a disruption against it (a missing
expiry asked for, nothing typed lost), and puts it on the coming contextual agenda; the
papers then summarise it. axe-core clean at each step."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.contexts.models import Alert, Context, Disruption, Link
from mace.core import clock
from mace.meetings.models import AgendaItem, Kind, Meeting
from tests.factories import AgencyFactory, ChildFactory, UserFactory, context_made, linked

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_analyst_opens_a_place_sees_its_network_disrupts_it_and_lists_it(
    page, axe_check, sign_in, fill_date
):
    AgencyFactory(name="Leeds City Council Licensing")
    analyst = UserFactory(role=Role.ANALYST, full_name="Imran Qureshi")
    meeting = Meeting.objects.create(
        kind=Kind.CONTEXT,
        title="Contextual MACE",
        date=clock.today() + dt.timedelta(days=12),
        start_time=dt.time(14, 0),
        capacity=6,
    )
    place = context_made(
        Context.Kind.PLACE,
        "Golden Fry, Harehills Road",
        actor=analyst,
        place_kind=Context.PlaceKind.TAKEAWAY,
        postcode="LS8 5HP",
    )
    person = context_made(Context.Kind.PERSON, "Jordan Pickersgill", actor=analyst)
    linked(person, place, Link.Relation.RUNS, by=analyst)
    names = [("Kayden", "Oldroyd"), ("Maisie", "Holroyd"), ("Tyler", "Ackroyd")]
    for given, family in names:
        linked(ChildFactory(given_name=given, family_name=family), place, "seen_at", by=analyst)
    assert Alert.objects.filter(context=place).count() == 1

    sign_in(page, analyst)
    alerts = page.get_by_test_id("alerts")
    assert "Tyler Ackroyd" in alerts.inner_text()
    axe_check(page)
    alerts.get_by_role("link", name="Golden Fry, Harehills Road").click()
    page.get_by_role("heading", name="Golden Fry, Harehills Road").wait_for()
    axe_check(page)

    assert page.csp_violations == [], "home or record"
    page.get_by_test_id("network-link").click()
    page.locator("#network-drawing canvas").first.wait_for()
    table = page.get_by_test_id("network-nodes").inner_text()
    for given, family in names:
        assert f"{given} {family}" in table
    assert "Jordan Pickersgill" in table
    assert "Person of concern" in table
    axe_check(page)
    assert page.csp_violations == [], "network"
    page.get_by_role("link", name="Back to the record").click()

    page.get_by_role("link", name="Record disruption").click()
    page.get_by_label("Closure order").check()
    page.get_by_label("Agency that leads it").select_option(label="Leeds City Council Licensing")
    fill_date(page, "Date it started or was granted", clock.today())
    page.get_by_label("Court or case reference").fill("LCC/CO/2026/118")
    page.get_by_role("button", name="Record the disruption").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.get_by_label("Court or case reference").input_value() == "LCC/CO/2026/118"
    axe_check(page)
    fill_date(page, "Expiry date", clock.today() + dt.timedelta(days=90))
    page.get_by_role("button", name="Record the disruption").click()
    page.get_by_role("heading", name="Golden Fry, Harehills Road").wait_for()
    disruption = Disruption.objects.get()
    assert (disruption.tactic, disruption.reference) == ("closure_order", "LCC/CO/2026/118")

    page.get_by_role("link", name="Put on the contextual agenda").click()
    axe_check(page)
    page.get_by_label(f"Contextual MACE, {meeting.date:%-d %B %Y}").check()
    page.get_by_role("button", name="Put it on the agenda").click()
    page.get_by_role("heading", name="Golden Fry, Harehills Road").wait_for()
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.subject_object == place
    assert Alert.objects.get(context=place).status == Alert.Status.ON_AGENDA

    page.goto(f"/meetings/{meeting.pk}/papers/")
    summary = page.get_by_test_id("context-summary").inner_text()
    assert "Children linked (3)" in summary and "Closure order" in summary
    axe_check(page)
    assert page.csp_violations == []
