"""Only the administrator reaches /administration/: the matrix of every role × every URL."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, reverse

from mace.accounts.models import Role
from mace.administration import urls as administration_urls
from mace.audit.models import Event
from mace.meetings.models import SeriesMember
from mace.referrals.models import AllowedDomain
from mace.risk.models import Catalogue
from tests.factories import AgencyFactory, UserFactory, fortnightly_series

pytestmark = pytest.mark.django_db

ADMINISTRATION_VERBS = [
    Event.Verb.USER_INVITED,
    Event.Verb.USER_CHANGED,
    Event.Verb.USER_SWITCHED_OFF,
    Event.Verb.USER_SWITCHED_ON,
    Event.Verb.TWO_FACTOR_RESET,
    Event.Verb.AGENCY_CREATED,
    Event.Verb.AGENCY_CHANGED,
    Event.Verb.DOMAIN_ADDED,
    Event.Verb.DOMAIN_REMOVED,
    Event.Verb.SERIES_CREATED,
    Event.Verb.SERIES_CHANGED,
    Event.Verb.SERIES_MEMBER_ADDED,
    Event.Verb.SERIES_MEMBER_REMOVED,
    Event.Verb.CATALOGUE_LOADED,
    Event.Verb.CATALOGUE_ACTIVATED,
]
PATTERNS = [p for p in administration_urls.urlpatterns if isinstance(p, URLPattern)]


@pytest.fixture
def objects():
    """One of everything an administration URL can name."""
    agency = AgencyFactory(name="Leeds Youth Justice Service")
    target = UserFactory(role=Role.MEMBER, agency=agency)
    series = fortnightly_series()
    member = SeriesMember.objects.create(series=series, agency=agency, representative=target)
    domain = AllowedDomain.objects.create(pattern="matrix.example.org")
    catalogue = Catalogue.objects.create(
        version="matrix-1", title="Matrix", content={}, source="", sha256="0" * 64
    )
    return {
        "user_id": target.pk,
        "agency_id": agency.pk,
        "series_id": series.pk,
        "member_id": member.pk,
        "domain_id": domain.pk,
        "catalogue_id": catalogue.pk,
    }


def _urls(objects) -> list[str]:
    urls = []
    for pattern in PATTERNS:
        names = pattern.pattern.converters.keys()
        urls.append(
            reverse(f"administration:{pattern.name}", kwargs={n: objects[n] for n in names})
        )
    return urls


def test_every_administration_page_is_wrapped_in_the_administrator_check():
    unwrapped = [p.name for p in PATTERNS if not getattr(p.callback, "administrator_only", False)]
    assert unwrapped == []
    assert len(PATTERNS) >= 20


def test_anonymous_visitors_are_sent_to_sign_in(client, objects):
    for url in _urls(objects):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_every_other_role_gets_403_on_every_administration_url(role, objects, make_user, signed_in):
    client = signed_in(make_user(role))
    refused = {}
    for url in _urls(objects):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code != 403:
                refused[f"{method.upper()} {url}"] = response.status_code
            else:
                assert b"You do not have permission to see this page" in response.content
    assert refused == {}
    assert not Event.objects.filter(verb__in=ADMINISTRATION_VERBS, actor__isnull=False).exists()


def test_the_administrator_reaches_every_administration_page(admin_client, objects):
    failures = {}
    for url in _urls(objects):
        response = admin_client.get(url)
        if response.status_code != 200:
            failures[url] = response.status_code
    assert failures == {}


def test_a_switched_off_administrator_reaches_nothing(admin, admin_client, objects):
    admin.is_active = False
    admin.save(update_fields=["is_active"])
    response = admin_client.get(reverse("administration:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_navigation_and_home_page_lead_to_the_administration_pages(admin_client):
    response = admin_client.get(reverse("web:home"))
    content = response.content.decode()
    assert reverse("administration:index") in content
    for name in ("user_list", "agency_list", "domain_list", "series_list", "catalogue_list"):
        assert reverse(f"administration:{name}") in content
    assert 'href="/admin/"' not in content
