"""The disruption pages: recording on a context, changing and ending, the list in force."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.contexts.models import Context, Disruption
from mace.contexts.services.disruption import disruption_record
from mace.core import clock
from tests.factories import AgencyFactory, UserFactory, context_made

pytestmark = pytest.mark.django_db
T = Disruption.Tactic


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _cawn(person, *, expires_in: int, started_ago: int = 100):
    today = clock.today()
    return disruption_record(
        actor=UserFactory(role=Role.ANALYST),
        context=person,
        tactic=T.CAWN,
        agency=AgencyFactory(),
        started_on=today - dt.timedelta(days=started_ago),
        expires_on=today + dt.timedelta(days=expires_in),
    )


def test_the_analyst_records_a_cawn_on_a_person(signed_in):
    user = UserFactory(role=Role.ANALYST)
    person = context_made(Context.Kind.PERSON, actor=user)
    agency = AgencyFactory(name="West Yorkshire Police")
    today = clock.today()
    client = signed_in(user)
    url = reverse("contexts:disruption_add", args=[person.pk])
    response = client.post(
        url,
        {
            "tactic": T.CAWN,
            "agency": agency.pk,
            **_date("started_on", today),
            **_date("expires_on", today + dt.timedelta(days=365)),
            "reference": "WYP-CAWN-0042",
        },
    )
    assert response.status_code == 302
    d = Disruption.objects.get(context=person)
    assert (d.tactic, d.agency, d.reference) == (T.CAWN, agency, "WYP-CAWN-0042")
    page = client.get(reverse("contexts:detail", args=[person.pk])).content.decode()
    assert "Child Abduction Warning Notice" in page and "WYP-CAWN-0042" in page
    assert url in page


def test_the_tactics_offered_are_those_for_the_kind_of_record(signed_in):
    user = UserFactory(role=Role.ANALYST)
    place = context_made(Context.Kind.PLACE, actor=user)
    page = signed_in(user).get(reverse("contexts:disruption_add", args=[place.pk]))
    text = page.content.decode()
    assert 'value="closure_order"' in text and 'value="hotel_notice"' in text
    assert 'value="cawn"' not in text and 'value="sro"' not in text


def test_an_expiry_before_the_start_is_named_and_what_was_typed_is_kept(signed_in):
    user = UserFactory(role=Role.ANALYST)
    person = context_made(Context.Kind.PERSON, actor=user)
    agency = AgencyFactory()
    today = clock.today()
    response = signed_in(user).post(
        reverse("contexts:disruption_add", args=[person.pk]),
        {
            "tactic": T.SRO,
            "agency": agency.pk,
            **_date("started_on", today),
            **_date("expires_on", today - dt.timedelta(days=3)),
            "reference": "SRO/77",
            "details": "Granted at Leeds Magistrates",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "The expiry date must be after the start date" in text
    assert 'href="#id_expires_on' in text  # the summary links to the field at fault
    assert "SRO/77" in text and "Granted at Leeds Magistrates" in text
    assert f'value="{agency.pk}" selected' in text
    assert not Disruption.objects.exists()


def test_a_missing_start_date_is_asked_for(signed_in):
    user = UserFactory(role=Role.ANALYST)
    person = context_made(Context.Kind.PERSON, actor=user)
    response = signed_in(user).post(
        reverse("contexts:disruption_add", args=[person.pk]),
        {"tactic": T.ARREST, "agency": AgencyFactory().pk, "reference": "ARR-1"},
    )
    assert "Enter the date it started or was granted" in response.content.decode()
    assert "ARR-1" in response.content.decode()


def test_ending_needs_an_outcome_then_ends_it(signed_in):
    user = UserFactory(role=Role.CHAIR)
    d = _cawn(context_made(Context.Kind.PERSON), expires_in=100)
    client = signed_in(user)
    url = reverse("contexts:disruption_edit", args=[d.pk])
    response = client.post(url, {"action": "end"})
    assert "Say what came of it" in response.content.decode()
    d.refresh_from_db()
    assert d.status == Disruption.Status.ACTIVE
    response = client.post(url, {"action": "end", "outcome": "Discharged at court"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.status, d.outcome, d.ended_on) == (
        Disruption.Status.ENDED,
        "Discharged at court",
        clock.today(),
    )


def test_changing_the_reference(signed_in):
    user = UserFactory(role=Role.COORDINATOR)
    d = _cawn(context_made(Context.Kind.PERSON), expires_in=100)
    today = clock.today()
    response = signed_in(user).post(
        reverse("contexts:disruption_edit", args=[d.pk]),
        {
            "action": "change",
            "agency": d.agency_id,
            **_date("started_on", d.started_on),
            **_date("expires_on", today + dt.timedelta(days=50)),
            "reference": "NEW-REF",
        },
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.reference, d.expires_on) == ("NEW-REF", today + dt.timedelta(days=50))


def test_the_list_flags_orders_expiring_and_expired(signed_in, settings):
    settings.MACE_DISRUPTION_EXPIRY_WARNING_DAYS = 28
    person = context_made(Context.Kind.PERSON)
    _cawn(person, expires_in=28)
    _cawn(person, expires_in=-2, started_ago=400)
    _cawn(person, expires_in=29)
    text = signed_in(UserFactory(role=Role.ANALYST)).get(reverse("contexts:disruption_list"))
    text = text.content.decode()
    assert text.count("Expires in 28 days") == 1
    assert text.count(">Expired<") == 1
    assert text.count(">In force<") == 1
    assert "Expires in 29 days" not in text


@pytest.mark.parametrize(
    "role,status",
    [
        (Role.ANALYST, 200),
        (Role.COORDINATOR, 200),
        (Role.CHAIR, 200),
        (Role.MEMBER, 404),
        (Role.SILVER, 404),
        (Role.GOLD, 404),
        (Role.REFERRER, 404),
        (Role.AUDITOR, 404),
    ],
)
def test_who_sees_the_pages(signed_in, role, status):
    person = context_made(Context.Kind.PERSON)
    d = _cawn(person, expires_in=10)
    client = signed_in(UserFactory(role=role))
    for url in (
        reverse("contexts:disruption_list"),
        reverse("contexts:disruption_add", args=[person.pk]),
        reverse("contexts:disruption_edit", args=[d.pk]),
    ):
        assert client.get(url).status_code == status, url


def test_no_disruption_is_recorded_against_a_theme(signed_in):
    user = UserFactory(role=Role.ANALYST)
    theme = context_made(Context.Kind.THEME, actor=user)
    assert (
        signed_in(user).get(reverse("contexts:disruption_add", args=[theme.pk])).status_code == 404
    )


def test_the_list_takes_the_same_queries_as_it_grows(signed_in, django_assert_max_num_queries):
    client = signed_in(UserFactory(role=Role.ANALYST))
    person = context_made(Context.Kind.PERSON)
    _cawn(person, expires_in=5)
    url = reverse("contexts:disruption_list")
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    for i in range(6):
        _cawn(context_made(Context.Kind.PERSON, name=f"Person {i}"), expires_in=i)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
