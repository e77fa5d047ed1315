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
