"""Every service of the administrator's (mace.accounts.administration) checks the
permission first: nobody else may call one, and a refused call writes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from mace.accounts import administration as services
from mace.accounts.models import Role
from mace.audit.models import Event
from tests.factories import LINK_BASE

pytestmark = pytest.mark.django_db

SERVICES = {
    "user_invite": lambda actor, target: services.user_invite(
        actor=actor,
        email="x@test.example",
        full_name="X",
        role=Role.MEMBER,
        agency=None,
        link_base=LINK_BASE,
    ),
    "user_reinvite": lambda actor, target: services.user_reinvite(
        actor=actor, user=target, link_base=LINK_BASE
    ),
    "user_change": lambda actor, target: services.user_change(
        actor=actor, user=target, full_name="Y", job_title="", role=Role.CHAIR, agency=None
    ),
    "user_switch_off": lambda actor, target: services.user_switch_off(actor=actor, user=target),
    "user_switch_on": lambda actor, target: services.user_switch_on(actor=actor, user=target),
    "two_factor_reset": lambda actor, target: services.two_factor_reset(actor=actor, user=target),
    "agency_create": lambda actor, target: services.agency_create(
        actor=actor, name="New Agency", kind="police"
    ),
    "agency_update": lambda actor, target: services.agency_update(
        actor=actor, agency=target.agency, name="Renamed", kind="police", is_active=True
    ),
    "users_for_administration": lambda actor, target: services.users_for_administration(
        actor=actor
    ),
}


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_only_an_administrator_may_call_the_user_and_agency_services(service, role, make_user):
    actor = make_user(role)
    target = make_user(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        SERVICES[service](actor, target)
    target.refresh_from_db()
    assert target.is_active and target.role == Role.MEMBER
    assert not Event.objects.filter(actor=actor).exists()
