"""What every administration page shares (mace.administration.views.common): only the
administrator reaches /administration/ (the matrix of every role × every URL), a list
takes the same number of queries however long it is, and no page names a child."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from mace.accounts.models import Role
from mace.administration import urls as administration_urls
from mace.audit.models import Event
from mace.meetings.models import SeriesMember
from mace.referrals.models import AllowedDomain
from mace.risk.models import Catalogue
from tests.factories import AgencyFactory, ChildFactory, UserFactory, fortnightly_series

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


def _queries(client, url) -> int:

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


def test_no_administration_page_names_a_child(admin_client, admin):
    child = ChildFactory(given_name="Zebedee", family_name="Quartermaine")
    pages = [
        reverse("web:home"),
        reverse("administration:index"),
        reverse("administration:user_list"),
        reverse("administration:user_detail", args=[admin.pk]),
        reverse("administration:agency_list"),
        reverse("administration:domain_list"),
        reverse("administration:series_list"),
        reverse("administration:catalogue_list"),
    ]
    for url in pages:
        content = admin_client.get(url).content.decode()
        assert "Zebedee" not in content and "Quartermaine" not in content, url
        assert str(child.pk) not in content, url
    assert not Event.objects.filter(child=child).exists()
