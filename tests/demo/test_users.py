"""The demo users (mace.demo.users): one per role, made once, and the grants they get once
there are children."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mace.accounts.models import Agency, Role, User
from mace.demo.generator import generate_city
from mace.demo.users import demo_email, ensure_demo_users
from mace.people.models import Child, ChildAccess
from mace.people.selectors import children_visible_to

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]

PASSWORD = "demo-password-for-tests"


def test_ensure_demo_users_creates_one_user_per_role():
    users = ensure_demo_users(password=PASSWORD)

    assert sorted(user.role for user in users) == sorted(Role.values)
    for user in users:
        assert user.email == f"{user.role}@demo.example" == demo_email(user.role)
        assert user.full_name
        assert user.agency is not None
        assert user.check_password(PASSWORD)
    by_role = {user.role: user for user in users}
    assert by_role[Role.COORDINATOR].agency.kind == Agency.Kind.CHILDRENS_SOCIAL_WORK
    assert by_role[Role.MEMBER].agency.kind == Agency.Kind.POLICE
    assert by_role[Role.REFERRER].agency.kind == Agency.Kind.EDUCATION


def test_ensure_demo_users_is_idempotent_and_keeps_passwords():
    first = ensure_demo_users(password=PASSWORD)

    again = ensure_demo_users(password="a-different-password")

    assert [user.pk for user in again] == [user.pk for user in first]
    assert User.objects.count() == len(Role.values)
    assert all(User.objects.get(pk=user.pk).check_password(PASSWORD) for user in first)


def test_demo_users_have_no_grants_without_children():
    ensure_demo_users(password=PASSWORD)

    assert not ChildAccess.objects.exists()


def test_demo_member_and_coordinator_get_grants_once():
    generate_city(children=300, seed=2026)

    users = {user.role: user for user in ensure_demo_users(password=PASSWORD)}
    ensure_demo_users(password=PASSWORD)

    member, coordinator = users[Role.MEMBER], users[Role.COORDINATOR]
    invitations = ChildAccess.objects.filter(user=member, basis=ChildAccess.Basis.INVITATION)
    actions = ChildAccess.objects.filter(user=member, basis=ChildAccess.Basis.ACTION)
    assert invitations.count() == 3
    assert actions.count() == 1
    assert actions.get().expires_at is None
    soon = timezone.now() + dt.timedelta(days=28)
    for grant in invitations:
        assert abs(grant.expires_at - soon) < dt.timedelta(minutes=5)
    assert children_visible_to(member).count() == 4

    named = ChildAccess.objects.get(user=coordinator, basis=ChildAccess.Basis.NAMED)
    assert named.child.restricted
    restricted_visible = children_visible_to(coordinator).filter(restricted=True)
    assert list(restricted_visible) == [named.child]
    assert Child.objects.filter(restricted=True).count() > 1  # others need break glass
