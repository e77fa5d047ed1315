"""Agencies and the allowed referrer email domains."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mace.accounts import administration as services
from mace.accounts.models import Agency, Role
from mace.audit.models import Event
from mace.referrals.models import AllowedDomain
from mace.referrals.services import domains
from mace.referrals.services.signin import domain_allowed
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_adding_an_agency_is_audited(admin):
    agency = services.agency_create(actor=admin, name="  Leeds CAMHS ", kind=Agency.Kind.CAMHS)
    assert agency.name == "Leeds CAMHS"
    event = Event.objects.get(verb=Event.Verb.AGENCY_CREATED, object_id=str(agency.pk))
    assert event.actor == admin
    assert event.payload == {"name": "Leeds CAMHS", "kind": "camhs"}


def test_an_agency_name_is_unique_whatever_its_case(admin):
    AgencyFactory(name="Leeds CAMHS")
    with pytest.raises(ValidationError, match="already an agency called leeds camhs"):
        services.agency_create(actor=admin, name="leeds camhs", kind=Agency.Kind.CAMHS)


def test_changing_an_agency_keeps_before_and_after(admin):
    agency = AgencyFactory(name="Youth Offer", kind=Agency.Kind.YOUTH_OFFER)
    services.agency_update(
        actor=admin, agency=agency, name="Youth Offer", kind=Agency.Kind.OTHER, is_active=False
    )
    agency.refresh_from_db()
    assert agency.kind == Agency.Kind.OTHER and not agency.is_active
    payload = Event.objects.get(verb=Event.Verb.AGENCY_CHANGED, object_id=str(agency.pk)).payload
    assert payload == {
        "kind": {"before": "youth_offer", "after": "other"},
        "is_active": {"before": True, "after": False},
    }


def test_saving_an_agency_unchanged_writes_nothing(admin):
    agency = AgencyFactory(name="Unchanged", kind=Agency.Kind.POLICE)
    services.agency_update(
        actor=admin, agency=agency, name="Unchanged", kind=Agency.Kind.POLICE, is_active=True
    )
    assert not Event.objects.filter(verb=Event.Verb.AGENCY_CHANGED).exists()


def test_the_agency_pages_add_and_change(admin_client):
    response = admin_client.post(
        reverse("administration:agency_add"), {"name": "", "kind": "police"}
    )
    assert "Enter the agency&#x27;s name" in response.content.decode()
    response = admin_client.post(
        reverse("administration:agency_add"),
        {"name": "Leeds Housing", "kind": Agency.Kind.ACCOMMODATION},
        follow=True,
    )
    assert "Leeds Housing is added" in response.content.decode()
    agency = Agency.objects.get(name="Leeds Housing")
    response = admin_client.post(
        reverse("administration:agency_change", args=[agency.pk]),
        {"name": "Leeds Housing Options", "kind": Agency.Kind.ACCOMMODATION, "is_active": "on"},
        follow=True,
    )
    assert "Leeds Housing Options" in response.content.decode()
    agency.refresh_from_db()
    assert agency.name == "Leeds Housing Options" and agency.is_active


def test_the_agency_list_paginates(admin_client):
    for n in range(30):
        AgencyFactory(name=f"Agency {n:02d}")
    response = admin_client.get(reverse("administration:agency_list"))
    assert len(response.context["page"].object_list) == 25
    assert "Page 1 of 2" in response.content.decode()


# Domains -----------------------------------------------------------------------------


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


def test_the_domain_pages_keep_what_was_typed(admin_client):
    response = admin_client.post(
        reverse("administration:domain_add"), {"pattern": "*.uk", "description": "Everyone"}
    )
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'value="*.uk"' in content and 'value="Everyone"' in content
    domain = AllowedDomain.objects.get(pattern="nhs.net")
    response = admin_client.post(
        reverse("administration:domain_remove", args=[domain.pk]), follow=True
    )
    assert "nhs.net is no longer allowed" in response.content.decode()
    assert not AllowedDomain.objects.filter(pattern="nhs.net").exists()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_of_everything(n: int) -> None:
    from mace.meetings.models import SeriesMember
    from tests.factories import UserFactory, fortnightly_series

    for i in range(n):
        agency = AgencyFactory()
        UserFactory(role=Role.MEMBER, agency=agency)
        AllowedDomain.objects.create(pattern=f"school{i}-{agency.pk.hex[:6]}.sch.uk")
        series = fortnightly_series(name=f"Series {agency.pk.hex[:6]}")
        SeriesMember.objects.create(
            series=series, agency=agency, representative=UserFactory(role=Role.MEMBER)
        )


@pytest.mark.parametrize("name", ["agency_list", "domain_list", "series_list", "catalogue_list"])
def test_every_list_takes_the_same_number_of_queries_however_long(
    name, admin_client, django_assert_max_num_queries
):
    url = reverse(f"administration:{name}")
    _more_of_everything(2)
    few = _queries(admin_client, url)
    _more_of_everything(20)
    with django_assert_max_num_queries(few):
        admin_client.get(url)
