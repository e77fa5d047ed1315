"""A coordinator signs in with a TOTP code, finds and opens a child, and signs out."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp

from mace.accounts.models import Role
from mace.audit.models import Event
from tests.factories import TEST_PASSWORD, ChildAddressFactory, ChildAliasFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _code_from_secret(secret: str) -> str:
    key = base64.b32decode(secret.replace(" ", ""))
    return f"{totp(key):06d}"


def test_coordinator_signs_in_with_totp_opens_a_child_and_signs_out(page, axe_check):
    user = UserFactory(role=Role.COORDINATOR, email="coordinator@test.example")
    address = ChildAddressFactory(
        child__given_name="Kayden", child__family_name="Oduya", postcode="LS9 7QT"
    )
    ChildAliasFactory(child=address.child, name="KD")

    page.goto("/")
    assert "/account/sign-in/" in page.url
    axe_check(page)

    # A mistake first: the error summary names it, and the email typed is kept.
    page.get_by_label("Work email address").fill(user.email)
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_label("Work email address").input_value() == user.email
    axe_check(page)

    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # First sign-in: enrol an authenticator from the QR code's key, then enter a code.
    page.get_by_role("heading", name="Set up two-factor authentication").wait_for()
    assert page.get_by_test_id("totp-qr").locator("svg").count() == 1
    axe_check(page)
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(_code_from_secret(secret))
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Triage").wait_for()
    assert user.full_name in page.get_by_test_id("signed-in-user").inner_text()
    axe_check(page)

    page.get_by_role("link", name="Children", exact=True).click()
    page.get_by_label("Search by name, alias or case-system ID").fill("KD")
    page.get_by_role("button", name="Search").click()
    axe_check(page)
    page.get_by_role("link", name="ODUYA, Kayden").click()
    assert page.get_by_test_id("child-name").inner_text() == "Kayden Oduya"
    assert "LS9 7QT" in page.get_by_test_id("address-history").inner_text()
    axe_check(page)

    page.get_by_test_id("sign-out").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    page.goto(f"/children/{address.child_id}/")
    assert "/account/sign-in/" in page.url

    assert Event.objects.filter(
        actor=user, verb=Event.Verb.CHILD_VIEWED, child=address.child
    ).exists()
    assert Event.objects.filter(actor=user, verb=Event.Verb.SIGNED_OUT).exists()
    assert page.csp_violations == []


def test_auditor_searches_the_log_and_reviews_break_glass(page, axe_check):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from mace.people.services import break_glass_open
    from tests.factories import ChildFactory

    coordinator = UserFactory(role=Role.COORDINATOR)
    child = ChildFactory(restricted=True)
    break_glass_open(
        actor=coordinator,
        child_id=child.id,
        reason="Child missing overnight; police need the placement address",
    )
    auditor = UserFactory(role=Role.AUDITOR, email="auditor@test.example")
    device = TOTPDevice.objects.create(user=auditor, name="phone", confirmed=True)

    page.goto("/account/sign-in/")
    page.get_by_label("Work email address").fill(auditor.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Enter your code").wait_for()
    axe_check(page)
    page.get_by_label("Code from your authenticator app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Audit").wait_for()
    assert page.get_by_test_id("pending-reviews-count").inner_text() == "1"
    axe_check(page)

    page.get_by_role("link", name="Access log", exact=True).click()
    page.get_by_label("User's email").fill(coordinator.email)
    page.get_by_role("button", name="Search the log").click()
    assert "Broke glass to open a restricted record" in page.content()
    axe_check(page)

    page.get_by_role("link", name="Break-glass reviews").click()
    axe_check(page)
    page.get_by_role("link", name=f"Review access by {coordinator.full_name}").click()
    axe_check(page)
    page.get_by_role("radio", name="Justified", exact=True).check()
    page.get_by_label("What did the review find?").fill("Justified: confirmed with the duty TM")
    page.get_by_role("button", name="Record the review").click()
    assert "Nothing is awaiting review" in page.content()
    assert page.csp_violations == []
