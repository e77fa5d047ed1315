"""The allowed referrer email domains (mace.referrals.services.domains): a pattern of the
right shape, every change audited, and only the administrator changes them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.referrals.models import AllowedDomain
from mace.referrals.services import domains
from mace.referrals.services.signin import domain_allowed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("nhs.scot", "nhs.scot"),
        ("*.gov.scot", "*.gov.scot"),
        ("  @Leeds.GOV.uk ", "leeds.gov.uk"),
        ("*.safe-harbour.org.uk", "*.safe-harbour.org.uk"),
    ],
)
def test_a_domain_of_the_right_shape_is_added_and_audited(admin, typed, stored):
    domain = domains.domain_add(actor=admin, pattern=typed, description="Test")
    assert domain.pattern == stored
    event = Event.objects.get(verb=Event.Verb.DOMAIN_ADDED, object_id=str(domain.pk))
    assert event.payload["pattern"] == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the email domain"),
        ("someone@nhs.net", "only the part after the @"),
        ("https://nhs.net", "only the part after the @"),
        ("*", "A * may only come first, followed by a dot"),
        ("*.uk", "A wildcard must be followed by at least two parts"),
        ("nhs.*.net", "A * may only come first"),
        ("*nhs.net", "A * may only come first"),
        ("localhost", "with at least one dot"),
        ("nhs..net", "letters, digits and hyphens between dots"),
        ("-bad.example.org", "letters, digits and hyphens between dots"),
        ("under_score.org.uk", "letters, digits and hyphens between dots"),
    ],
)
def test_a_pattern_of_the_wrong_shape_gets_a_clear_error(admin, typed, message):
    with pytest.raises(ValidationError) as info:
        domains.domain_add(actor=admin, pattern=typed)
    assert message in " ".join(info.value.message_dict["pattern"])
    assert not Event.objects.filter(verb=Event.Verb.DOMAIN_ADDED).exists()


def test_a_domain_already_allowed_is_refused(admin):
    with pytest.raises(ValidationError, match=r"\*.gov.uk is already allowed"):
        domains.domain_add(actor=admin, pattern="*.GOV.UK")


def test_removing_a_domain_stops_it_and_is_audited(admin, settings):
    settings.MACE_REFERRER_DOMAINS = ""
    domain = domains.domain_add(actor=admin, pattern="safe-harbour.org.uk")
    assert domain_allowed("worker@safe-harbour.org.uk")
    domains.domain_remove(actor=admin, domain=domain)
    assert not domain_allowed("worker@safe-harbour.org.uk")
    event = Event.objects.get(verb=Event.Verb.DOMAIN_REMOVED)
    assert event.payload["pattern"] == "safe-harbour.org.uk"
    assert event.actor == admin


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_only_an_administrator_changes_the_domains(role, make_user):
    actor = make_user(role)
    with pytest.raises(PermissionDenied):
        domains.domain_add(actor=actor, pattern="example.org")
    with pytest.raises(PermissionDenied):
        domains.domain_remove(actor=actor, domain=AllowedDomain.objects.first())
    assert AllowedDomain.objects.filter(pattern="*.gov.uk").exists()
