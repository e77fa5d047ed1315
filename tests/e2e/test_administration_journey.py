"""The administrator signs in, looks after users, agencies, domains, series and catalogues,
and switches off a leaver whose open session in another browser is refused at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mace.accounts.models import Role, User
from mace.audit.models import Event
from tests.factories import AgencyFactory, UserFactory, fortnightly_series

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_administrator_switches_off_a_leaver_whose_open_session_is_refused(
    page, browser, live_server, axe_check, sign_in
):
    police = AgencyFactory(name="West Yorkshire Police")
    admin = UserFactory(role=Role.ADMIN, full_name="Ada Lovelace", email="ada@test.example")
    leaver = UserFactory(
        role=Role.MEMBER, agency=police, full_name="Liam Leaver", email="liam@test.example"
    )

    # The leaver is signed in, in a browser of their own.
    leaver_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    leaver_page = leaver_context.new_page()
    sign_in(leaver_page, leaver)
    leaver_page.goto("/")
    assert "Liam Leaver" in leaver_page.get_by_test_id("signed-in-user").inner_text()

    # The administrator's home page leads to the administration pages, with counts.
    sign_in(page, admin)
    page.goto("/")
    page.get_by_role("heading", name="Administration").wait_for()
    assert page.get_by_test_id("user-count").inner_text() == "2"
    assert page.get_by_test_id("invitation-count").inner_text() == "0"
    axe_check(page)
    page.get_by_role("link", name="Administration", exact=True).click()
    page.get_by_test_id("administration-summary").wait_for()
    axe_check(page)

    # Invite a user: a mistake first, kept and named; then the invitation.
    page.get_by_role("link", name="Invite a user").click()
    page.get_by_label("Full name").fill("Nadia Newcomer")
    page.get_by_label("Work email address").fill("nadia@")
    page.get_by_role("button", name="Send the invitation").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.get_by_label("Full name").input_value() == "Nadia Newcomer"
    axe_check(page)
    page.get_by_label("Work email address").fill("nadia.newcomer@test.example")
    page.get_by_label("Agency member").check()
    page.get_by_label("Agency", exact=True).select_option(label="West Yorkshire Police")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Nadia Newcomer is invited").wait_for()
    axe_check(page)

    # Find the leaver and switch them off.
    page.goto(reverse("administration:user_list"))
    page.get_by_label("Name or email address").fill("leaver")
    page.get_by_role("button", name="Find users").click()
    axe_check(page)
    page.get_by_role("link", name="Liam Leaver").click()
    page.get_by_test_id("person-name").wait_for()
    axe_check(page)
    page.get_by_test_id("switch-off").click()
    page.get_by_role("heading", name="Switch off Liam Leaver").wait_for()
    axe_check(page)
    page.get_by_role("button", name="Switch off").click()
    page.get_by_text("Liam Leaver is switched off. 1 open session ended.").wait_for()
    assert "Switched off" in page.get_by_test_id("person-status").inner_text()
    axe_check(page)

    # The leaver's next page load is refused: they land on the sign-in page.
    leaver_page.reload()
    leaver_page.get_by_role("heading", name="Sign in").wait_for()
    assert "/account/sign-in/" in leaver_page.url
    leaver_page.goto("/meetings/")
    assert "/account/sign-in/" in leaver_page.url
    leaver_context.close()

    # The other administration pages, each checked with axe-core.
    series = fortnightly_series(name="Child-focused MACE")
    for name, args, heading in [
        ("user_change", [leaver.pk], "Change Liam Leaver"),
        ("user_switch_on", [leaver.pk], "Switch Liam Leaver back on"),
        ("agency_list", [], "Agencies"),
        ("agency_add", [], "Add an agency"),
        ("agency_change", [police.pk], "Change West Yorkshire Police"),
        ("domain_list", [], "Allowed referrer email domains"),
        ("domain_add", [], "Allow a referrer email domain"),
        ("series_list", [], "Meeting series"),
        ("series_create", [], "Set up a meeting series"),
        ("series_detail", [series.pk], "Child-focused MACE"),
        ("series_change", [series.pk], "Change Child-focused MACE"),
        ("catalogue_list", [], "Risk tool catalogue versions"),
        ("catalogue_upload", [], "Load a risk tool catalogue version"),
    ]:
        page.goto(reverse(f"administration:{name}", args=args))
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        axe_check(page)

    # A domain of the wrong shape: the error is clear and the page accessible.
    page.goto(reverse("administration:domain_add"))
    page.get_by_label("Email domain").fill("*.uk")
    page.get_by_role("button", name="Allow the domain").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.get_by_label("Email domain").input_value() == "*.uk"
    axe_check(page)

    assert not User.objects.get(pk=leaver.pk).is_active
    assert Event.objects.filter(
        actor=admin, verb=Event.Verb.USER_SWITCHED_OFF, object_id=str(leaver.pk)
    ).exists()
    assert page.csp_violations == []


def test_an_invitee_chooses_a_password_and_then_signs_in_and_enrols(page, axe_check):
    from django.core import mail

    from mace.accounts.administration import user_invite
    from tests.factories import token_from_mail

    admin = UserFactory(role=Role.ADMIN)
    invitation = user_invite(
        actor=admin,
        email="nadia.newcomer@test.example",
        full_name="Nadia Newcomer",
        role=Role.CHAIR,
        agency=None,
        link_base="http://testserver/invitation/",
    )
    token = token_from_mail(mail.outbox[-1])

    page.goto(reverse("invitation:accept", args=[token]))
    page.get_by_role("heading", name="Choose your password").wait_for()
    axe_check(page)
    page.get_by_label("Create a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Set my password").click()
    page.get_by_text("Your password must be 12 characters or more").first.wait_for()
    axe_check(page)
    page.get_by_label("Create a password").fill("lantern-orchard-pebble-42")
    page.get_by_label("Type the password again").fill("lantern-orchard-pebble-42")
    page.get_by_role("button", name="Set my password").click()

    # Not signed in by the link: the normal sign-in, then two-factor enrolment.
    page.get_by_role("heading", name="Sign in").wait_for()
    page.get_by_text("Your password is set").wait_for()
    axe_check(page)
    page.get_by_label("Work email address").fill(invitation.user.email)
    page.get_by_label("Password").fill("lantern-orchard-pebble-42")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Set up two-factor authentication").wait_for()

    # The link is used up.
    page.goto(reverse("invitation:accept", args=[token]))
    assert "already been used" in page.get_by_test_id("invitation-problem").inner_text()
    axe_check(page)
    assert page.csp_violations == []
