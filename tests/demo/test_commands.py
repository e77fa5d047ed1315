"""`mace seed` and `mace demo`: seeding a city with or without its records, refusing a
second city, and preparing the demo without serving it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mace.accounts.models import Role, User
from mace.demo.risk import SEED_USER_EMAIL
from mace.demo.users import demo_email
from mace.people.models import Child
from mace.risk.models import Assessment

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]

PASSWORD = "demo-password-for-tests"


def test_seed_command_seeds_and_summarises():
    out = io.StringIO()

    call_command("seed", children=50, seed=1, stdout=out)

    assert Child.objects.count() == 50
    assert "Seeded 50 children" in out.getvalue()


def test_seed_command_refuses_a_second_city():
    call_command("seed", children=10, seed=1, stdout=io.StringIO())

    with pytest.raises(CommandError, match="--append"):
        call_command("seed", children=10, seed=1, stdout=io.StringIO())
    call_command("seed", children=10, seed=1, append=True, stdout=io.StringIO())
    assert Child.objects.count() == 20


def test_demo_command_prepares_the_demo_without_serving(settings):
    settings.MACE_DEMO_PASSWORD = PASSWORD
    out = io.StringIO()

    call_command("demo", no_serve=True, stdout=out)
    call_command("demo", no_serve=True, stdout=io.StringIO())

    assert Child.objects.count() == 300
    # The demo users existed before seeding: the records name them, not a system user. (The
    # meetings seeded add the agencies' members who sit on them: member.*, deputy.*, and
    # the seats of Silver and Gold, silver.* and gold.*, of their group's role.)
    assert User.objects.filter(email__in=[demo_email(role) for role in Role.values]).count() == (
        len(Role.values)
    )
    others = User.objects.exclude(role=Role.MEMBER).exclude(
        email__in=[demo_email(role) for role in Role.values]
    )
    assert {(u.role, u.email.split(".")[0]) for u in others} == {
        (Role.SILVER, "silver"),
        (Role.GOLD, "gold"),
    }
    assert others.count() == 8
    text = out.getvalue()
    assert "coordinator@demo.example" in text
    assert PASSWORD in text


def test_seed_command_reports_the_records():
    out = io.StringIO()

    call_command("seed", children=30, seed=1, stdout=out)

    text = out.getvalue()
    assert "Seeded 30 children" in text
    assert f"Records: {Assessment.objects.count()} risk assessments" in text
    assert SEED_USER_EMAIL in text  # no demo users yet


def test_seed_command_without_records():
    call_command("seed", children=20, seed=1, no_records=True, stdout=io.StringIO())

    assert Child.objects.count() == 20
    assert not Assessment.objects.exists()
    assert not User.objects.exists()


def test_demo_command_seeds_records_by_the_demo_users(settings):
    settings.MACE_DEMO_PASSWORD = PASSWORD

    call_command("demo", no_serve=True, stdout=io.StringIO())

    coordinator = User.objects.get(email=demo_email(Role.COORDINATOR))
    assert Assessment.objects.filter(assessor=coordinator).exists()
    assert not User.objects.filter(email=SEED_USER_EMAIL).exists()
