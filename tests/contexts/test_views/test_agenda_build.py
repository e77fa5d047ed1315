"""The agenda builder, the meeting page's link to it, and each context's summary in the
papers (children by level, hidden ones counted; a fixed number of queries)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Alert, Context, Disruption
from mace.contexts.services.agenda import context_agenda_add
from mace.contexts.services.disruption import disruption_record
from mace.core import clock
from mace.meetings.models import AgendaItem, Kind
from mace.meetings.services.recording import finding_add
from tests.factories import (
    AgencyFactory,
    ChildFactory,
    analyst,
    context_made,
    linked,
    meeting_on,
)

pytestmark = pytest.mark.django_db


def _contextual():
    return meeting_on(clock.today() + dt.timedelta(days=10), kind=Kind.CONTEXT)


def test_the_builder_lists_alerts_findings_and_expiring_orders_and_adds_them(signed_in, make_user):
    coordinator = make_user(Role.COORDINATOR)
    meeting = _contextual()
    place = context_made(name="Seacroft shops")
    for child in ChildFactory.create_batch(3):
        linked(child, place)
    past = meeting_on(clock.today() - dt.timedelta(days=3))
    finding_add(actor=coordinator, meeting=past, kind="theme", description="Drill videos")
    person = context_made(Context.Kind.PERSON, name="Kyle Pennington")
    disruption_record(
        actor=analyst(),
        context=person,
        tactic=Disruption.Tactic.CAWN,
        agency=AgencyFactory(),
        started_on=clock.today() - dt.timedelta(days=200),
        expires_on=clock.today() + dt.timedelta(days=10),
    )
    client = signed_in(coordinator)
    url = reverse("contexts:agenda_build", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Seacroft shops" in page and "Drill videos" in page and "Kyle Pennington" in page
    client.post(url, {"alert": Alert.objects.get().pk})
    assert Alert.objects.get().status == Alert.Status.ON_AGENDA
    client.post(url, {"context": person.pk})
    assert {i.label for i in meeting.items.all()} == {"Seacroft shops", "Kyle Pennington"}


def test_the_meeting_page_links_to_the_builder_for_contextual_meetings_only(signed_in, make_user):
    client = signed_in(make_user(Role.COORDINATOR))
    contextual, child_focused = _contextual(), meeting_on(clock.today() + dt.timedelta(days=4))
    builder = reverse("contexts:agenda_build", args=[contextual.pk])
    assert builder in client.get(reverse("meetings:detail", args=[contextual.pk])).content.decode()
    page = client.get(reverse("meetings:detail", args=[child_focused.pk])).content.decode()
    assert "agenda-links" not in page


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SILVER, Role.REFERRER])
def test_others_cannot_build(role, signed_in, make_user):
    response = signed_in(make_user(role)).get(
        reverse("contexts:agenda_build", args=[_contextual().pk])
    )
    assert response.status_code in (403, 404)


def test_the_analyst_puts_a_place_on_the_agenda_from_its_page(signed_in):
    user, meeting, place = analyst(), _contextual(), context_made()
    client = signed_in(user)
    url = reverse("contexts:agenda_add", args=[place.pk])
    assert meeting.title in client.get(url).content.decode()
    assert (
        "Select which contextual MACE meeting" in client.post(url, {"meeting": ""}).content.decode()
    )
    assert client.post(url, {"meeting": str(meeting.pk)}).status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.subject_object == place and item.created_by == user


def test_the_papers_summarise_each_context(signed_in, make_user, django_assert_max_num_queries):
    coordinator = make_user(Role.COORDINATOR)
    meeting = _contextual()
    place = context_made(name="Harehills takeaway")
    shown = ChildFactory(given_name="Kian", family_name="Mistry")
    hidden = ChildFactory(given_name="Zara", family_name="Kowalczyk", restricted=True)
    linked(shown, place)
    linked(hidden, place)
    context_agenda_add(actor=coordinator, meeting=meeting, context=place)
    client = signed_in(coordinator)
    url = reverse("meetings:papers", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="context-summary"' in page
    assert "Kian Mistry" in page and "Kowalczyk" not in page and "Children linked (2)" in page
    assert Event.objects.filter(verb=Event.Verb.CHILD_SEEN_IN_NETWORK, child=shown).exists()
    with django_assert_max_num_queries(200) as baseline:
        client.get(url)
    for n in range(3):
        other = context_made(Context.Kind.PERSON, name=f"Person {n}")
        for child in ChildFactory.create_batch(3):
            linked(child, other)
        context_agenda_add(actor=coordinator, meeting=meeting, context=other)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get(url)


def test_a_child_only_proposed_for_a_context_is_not_named_in_the_papers(signed_in, make_user):
    coordinator = make_user(Role.COORDINATOR)
    meeting = _contextual()
    place = context_made()
    linked(
        ChildFactory(given_name="Oriana", family_name="Blakeborough-Idris"), place, proposed=True
    )
    context_agenda_add(actor=coordinator, meeting=meeting, context=place)
    page = signed_in(coordinator).get(reverse("meetings:papers", args=[meeting.pk]))
    assert (
        "Blakeborough-Idris" not in page.content.decode()
        and "No children linked" in page.content.decode()
    )


def test_a_finding_of_another_kind_of_meeting_is_not_found(signed_in, make_user):
    coordinator = make_user(Role.COORDINATOR)
    meeting = _contextual()
    other = meeting_on(clock.today() - dt.timedelta(days=2), kind=Kind.CONTEXT)
    finding = finding_add(actor=coordinator, meeting=other, kind="theme", description="x")
    url = reverse("contexts:agenda_build", args=[meeting.pk])
    response = signed_in(coordinator).post(url, {"finding": finding.pk, "name": "x"})
    assert response.status_code == 404


def test_the_builder_is_a_read_of_the_persons_it_names(signed_in, make_user, settings):
    # An order against a person of concern expiring soon puts the person on the builder.
    settings.MACE_DISRUPTION_EXPIRY_WARNING_DAYS = 28
    person = context_made(Context.Kind.PERSON, "Dean Harrop")
    today = clock.today()
    disruption_record(
        actor=analyst(),
        context=person,
        tactic=Disruption.Tactic.CAWN,
        agency=AgencyFactory(),
        started_on=today - dt.timedelta(days=300),
        expires_on=today + dt.timedelta(days=10),
    )
    coordinator = make_user(Role.COORDINATOR)
    meeting = _contextual()
    page = signed_in(coordinator).get(reverse("contexts:agenda_build", args=[meeting.pk]))
    assert "Dean Harrop" in page.content.decode()
    event = Event.objects.get(
        verb=Event.Verb.CONTEXT_VIEWED, actor=coordinator, payload__page="agenda builder"
    )
    assert str(person.pk) in event.payload["contexts"]


def test_an_alert_the_builder_does_not_offer_cannot_be_posted(signed_in, make_user):
    # Raised through links under handling code C for the coordinator only: the analyst is
    # not offered it and cannot add it by its id.
    place = context_made(name="Seacroft shops")
    for child in ChildFactory.create_batch(3):
        linked(
            child,
            place,
            handling="C",
            handling_conditions="Covert source: the coordinator only",
            handling_roles=["coordinator"],
        )
    meeting = _contextual()
    client = signed_in(analyst())
    url = reverse("contexts:agenda_build", args=[meeting.pk])
    assert "Seacroft shops" not in client.get(url).content.decode()
    assert client.post(url, {"alert": Alert.objects.get().pk}).status_code == 404
    assert Alert.objects.get().status == Alert.Status.OPEN and not meeting.items.exists()
