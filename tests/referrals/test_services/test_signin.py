"""Which email addresses may ask for a sign-in link (mace.referrals.services.signin)."""

from __future__ import annotations

import pytest

from mace.referrals.models import AllowedDomain
from mace.referrals.services.signin import domain_allowed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("jo.bloggs@leeds.gov.uk", True),
        ("dsl@harehills-primary.leeds.sch.uk", True),
        ("gp@nhs.net", True),
        ("pc123@westyorkshire.police.uk", True),
        ("someone@gmail.com", False),
        ("x@gov.uk.evil.com", False),
        ("x@notnhs.net", False),
    ],
)
def test_allowed_domains(email, allowed, settings):
    settings.MACE_REFERRER_DOMAINS = ""
    assert domain_allowed(email) is allowed


def test_an_administrator_can_allow_a_named_charity(settings):
    settings.MACE_REFERRER_DOMAINS = ""
    assert not domain_allowed("worker@safe-harbour.org.uk")
    AllowedDomain.objects.create(pattern="safe-harbour.org.uk")
    assert domain_allowed("worker@safe-harbour.org.uk")
