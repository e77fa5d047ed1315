"""What contexts adds beside a referral, a discussion or a finding: "Tag with themes", for
the analyst, the coordinator and the chair only."""

from __future__ import annotations

import pytest

from mace.accounts.models import Role
from mace.meetings.models import Finding
from mace.web.registry import record_links
from tests.factories import UserFactory
from tests.factories.meetings import meeting_on
from tests.factories.referrals import submitted_referral
from tests.factories.trends import START

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,shown",
    [
        (Role.ANALYST, True),
        (Role.COORDINATOR, True),
        (Role.CHAIR, True),
        (Role.MEMBER, False),
        (Role.SILVER, False),
        (Role.REFERRER, False),
    ],
)
def test_tag_with_themes_for_recorders_only(role, shown):
    user = UserFactory(role=role)
    finding = Finding.objects.create(meeting=meeting_on(START), kind="theme", description="x")
    referral = submitted_referral()
    for obj, kind in ((finding, "finding"), (referral, "referral")):
        links = [link for link in record_links(user=user, obj=obj) if link[0] != "Escalate"]
        expected = [("Tag with themes", f"/contexts/themes/tag/{kind}:{obj.pk}/")]
        assert links == (expected if shown else [])


def test_nothing_beside_other_records():
    assert record_links(user=UserFactory(role=Role.ANALYST), obj=UserFactory()) == []
