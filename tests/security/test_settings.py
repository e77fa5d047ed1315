"""Security baseline: production settings, headers, no inline script."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from mace.accounts.models import Role

SRC = Path(__file__).resolve().parents[2] / "src" / "mace"

PRODUCTION_ENV = {
    "MACE_ENV": "production",
    "DJANGO_SECRET_KEY": "a-real-secret-" + "k7Qz9" * 12,
    "MACE_ALLOWED_HOSTS": "mace.example.gov.uk",
    "DATABASE_URL": "postgres://mace@localhost:5432/mace",
}


def _mace(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MACE_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    clean.pop("PYTEST_VERSION", None)
    return subprocess.run(
        [sys.executable, "-m", "mace.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _mace("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "MACE_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _mace("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_settings_values():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    result = _mace("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.strip().splitlines()[-1].split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "True",
    ]


def test_debug_is_off_outside_demo(settings):
    from django.conf import settings as live

    assert live.MACE_ENV == "test"
    assert live.DEBUG is False


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_has_inline_script_or_style_or_event_handlers():
    offenders = []
    for path in SRC.rglob("templates/**/*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{path}: {match.group(0)}")
        if re.search(r"<style\b|\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(f"{path}: inline style or event handler")
    assert offenders == []


@pytest.mark.django_db
def test_output_is_escaped(make_user, signed_in):
    from tests.factories import ChildFactory

    child = ChildFactory(given_name="<script>alert(1)</script>")
    client = signed_in(make_user(Role.COORDINATOR))
    page = client.get(reverse("people:child_detail", args=[child.id])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_forms_need_a_csrf_token(make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    user = make_user(Role.REFERRER)
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": "whatever-it-is"}
    )
    assert response.status_code == 403
    assert "Your form expired" in response.content.decode()


def test_the_demo_shows_the_services_own_error_pages_and_serves_collected_files(tmp_path):
    """`make run` (MACE_ENV=demo) runs with DEBUG off: a page nobody may see, or that does not
    exist, gets the service's 404, never Django's technical page listing every URL pattern;
    static files are collected, hashed and served by WhiteNoise as in production."""
    code = (
        "from django.conf import settings as s;"
        "from django.test import Client;"
        "r = Client().get('/no-such-page/');"
        "print(s.DEBUG, s.WHITENOISE_USE_FINDERS, s.STATIC_ROOT is not None,"
        " s.STORAGES['staticfiles']['BACKEND'].rsplit('.', 1)[-1]);"
        "t = r.content.decode();"
        "print(r.status_code, 'URLconf' in t, 'Page not found' in t)"
    )
    env = {"MACE_ENV": "demo", "MACE_VAR_DIR": str(tmp_path)}
    collected = _mace("collectstatic", "--noinput", "-v", "0", env=env)  # as `mace demo` does
    assert collected.returncode == 0, collected.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    result = _mace("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    settings_line, page_line = result.stdout.split("\n")[:2]
    assert settings_line == "False False True CompressedManifestStaticFilesStorage"
    assert page_line == "404 False True"
