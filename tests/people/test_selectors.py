"""Which children a user sees (mace.people.selectors): a grant from an invitation
expires."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from tests.factories import ChildAccessFactory

pytestmark = pytest.mark.django_db


def test_member_grant_from_an_invitation_expires(make_user):
    from mace.people.selectors import children_visible_to

    member = make_user(Role.MEMBER)
    grant = ChildAccessFactory(user=member)
    assert list(children_visible_to(member)) == [grant.child]
    later = grant.expires_at + dt.timedelta(seconds=1)
    assert list(children_visible_to(member, at=later)) == []


@pytest.mark.parametrize("active", [True, False])
def test_the_auditor_exports_every_child_but_a_restricted_record_not_opened_to_them(
    make_user, active
):
    from mace.people.models import ChildAccess
    from mace.people.selectors import children_exportable_to
    from tests.factories import ChildFactory

    auditor = make_user(Role.AUDITOR)
    auditor.is_active = active
    auditor.save(update_fields=["is_active"])
    open_record = ChildFactory()
    restricted = ChildFactory(restricted=True)
    named_on = ChildFactory(restricted=True)
    ChildAccessFactory(user=auditor, child=named_on, basis=ChildAccess.Basis.NAMED)
    invited_to = ChildFactory(restricted=True)  # an invitation does not unlock a record
    ChildAccessFactory(user=auditor, child=invited_to)

    exportable = set(children_exportable_to(auditor))

    assert exportable == ({open_record, named_on} if active else set())
    assert restricted not in exportable and invited_to not in exportable


def test_other_roles_export_the_children_they_see(make_user):
    from mace.people.selectors import children_exportable_to, children_visible_to
    from tests.factories import ChildFactory

    ChildFactory(), ChildFactory(restricted=True)
    member = make_user(Role.MEMBER)
    ChildAccessFactory(user=member)
    for role in (Role.COORDINATOR, Role.MEMBER, Role.SILVER, Role.REFERRER):
        user = member if role == Role.MEMBER else make_user(role)
        assert set(children_exportable_to(user)) == set(children_visible_to(user))
    assert len(children_exportable_to(make_user(Role.COORDINATOR))) == 2
    assert len(children_exportable_to(member)) == 1
