"""Browser tests: Playwright driving Debian's Chromium against the live test server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _audit_triggers_lifted_for_flush(audit_triggers_lifted_for_flush):
    """The database is flushed after each browser test (see the shared fixture)."""


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: run scripts/ensure-chromium (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.MACE_WAIVE_2FA = False
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda msg: (
            page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Run axe-core on the page and fail with the violations' ids and targets."""
    source = AXE.read_text()

    def _check(page) -> None:
        page.evaluate(source)
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',"
            " 'wcag21aa', 'wcag22aa', 'best-practice']})"
        )
        problems = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]
        assert problems == [], f"axe-core on {page.url}: {problems}"

    return _check


@pytest.fixture
def sign_in():
    """Sign a user in through the real pages, passing two-factor with a TOTP code."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import TEST_PASSWORD

    def _sign_in(page, user) -> None:
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        page.goto("/account/sign-in/")
        page.get_by_label("Work email address").fill(user.email)
        page.get_by_label("Password").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_label("Code from your authenticator app").fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(lambda url: "/account/" not in url)

    return _sign_in


@pytest.fixture
def fill_date():
    """Type a date into a GOV.UK date input (day, month and year boxes), found by its
    legend within ``scope`` (a page or a part of one)."""

    def _fill(scope, legend: str, day) -> None:
        group = scope.get_by_role("group", name=legend, exact=True)
        for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
            group.get_by_label(part, exact=True).fill(str(value))

    return _fill
