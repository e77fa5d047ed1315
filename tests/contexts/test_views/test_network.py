"""The network pages: who may open them, what a hidden child looks like in the page and
its downloads, the labelling safeguard, the logging, and the query count."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, ContextAction, Link, Node
from mace.contexts.selectors.network import PEER_GROUP_NOTE
from mace.contexts.services.links import node_for_identifier
from mace.core import clock
from tests.factories import (
    GRADED,
    AgencyFactory,
    ChildFactory,
    analyst,
    context_made,
    linked,
    node_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def place_world():
    by = analyst()
    place = context_made(Context.Kind.PLACE, "Chicken Shack", actor=by)
    person = context_made(Context.Kind.PERSON, "Dean Harrop", actor=by)
    seen = ChildFactory(given_name="Amy", family_name="Openshaw")
    hidden = ChildFactory(given_name="Zed", family_name="Secretson", restricted=True)
    linked(seen, place, Link.Relation.SEEN_AT, actor=by)
    linked(hidden, place, Link.Relation.SEEN_AT, actor=by)
    linked(person, place, Link.Relation.RUNS, actor=by)
    # A child linked to another child, through a relation that names one as exploiting:
    # written straight to the table (the service refuses it), as old data might hold it.
    Link.objects.create(
        source=node_of(seen),
        target=node_of(hidden),
        relation=Link.Relation.EXPLOITS,
        origin=Link.Origin.DIRECT,
        **GRADED,
    )
    return {"by": by, "place": place, "person": person, "seen": seen, "hidden": hidden}


def _url(world, **query):
    url = reverse("contexts:network", args=[node_of(world["place"]).pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


@pytest.mark.parametrize(
    "role,status",
    [
        (Role.COORDINATOR, 200),
        (Role.CHAIR, 200),
        (Role.ANALYST, 200),
        (Role.MEMBER, 404),
        (Role.REFERRER, 404),
        (Role.SILVER, 404),
        (Role.GOLD, 404),
        (Role.AUDITOR, 404),
        (Role.ADMIN, 404),
    ],
)
def test_who_may_open_a_network(place_world, make_user, signed_in, role, status):
    client = signed_in(make_user(role))
    assert client.get(_url(place_world)).status_code == status
    assert client.get(_url(place_world, format="csv")).status_code == status
    overview = client.get(reverse("contexts:network_overview")).status_code
    assert overview == (200 if role in (Role.COORDINATOR, Role.CHAIR, Role.ANALYST) else 404)
    child_page = client.get(reverse("contexts:child_network", args=[place_world["seen"].pk]))
    assert child_page.status_code == status


def test_a_member_opens_the_network_of_a_context_open_to_them(place_world, make_user, signed_in):
    member = make_user(Role.MEMBER, agency=AgencyFactory())
    ContextAction.objects.create(
        context=place_world["place"],
        description="Speak to the manager",
        owner=member,
        owner_agency=member.agency,
        due_date=clock.today(),
    )
    response = signed_in(member).get(_url(place_world))
    assert response.status_code == 200
    html = response.content.decode()
    # Only the records open to them: not the children, not the person of concern.
    assert "Openshaw" not in html and "Dean Harrop" not in html
    assert response.context["network"].edges == []
    person_network = reverse("contexts:network", args=[node_of(place_world["person"]).pk])
    assert signed_in(member).get(person_network).status_code == 404


def _assert_hidden(text: str, world) -> None:
    hidden = world["hidden"]
    assert "Secretson" not in text and "Zed" not in text
    assert str(hidden.pk) not in text
    assert f"n{node_of(hidden).pk}" not in text


def test_a_hidden_child_is_a_child_in_the_page_csv_and_graphml(place_world, signed_in):
    client = signed_in(place_world["by"])
    html = client.get(_url(place_world)).content.decode()
    _assert_hidden(html, place_world)
    assert "A child" in html and "Amy Openshaw" in html

    rows = list(
        csv.reader(io.StringIO(client.get(_url(place_world, format="csv")).content.decode()))
    )
    _assert_hidden(repr(rows), place_world)
    labels = {row[3] for row in rows if row[0] == "record"}
    assert {"A child", "Amy Openshaw", "Chicken Shack", "Dean Harrop"} <= labels

    graphml = client.get(_url(place_world, format="graphml")).content.decode()
    _assert_hidden(graphml, place_world)
    graph = nx.parse_graphml(graphml)
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 4
    assert sorted(d["label"] for _, d in graph.nodes(data=True)) == sorted(labels)


def test_no_child_is_typed_as_a_person_of_concern_in_page_or_export(place_world, signed_in):
    client = signed_in(place_world["by"])
    response = client.get(_url(place_world))
    for node in response.context["network"].nodes:
        if node.kind == Node.Kind.CHILD:
            assert node.type == "Child"
    assert "is suspected of exploiting" not in response.content.decode()
    rows = list(
        csv.reader(io.StringIO(client.get(_url(place_world, format="csv")).content.decode()))
    )
    for row in rows:
        if row[0] == "record" and row[3] in ("A child", "Amy Openshaw"):
            assert row[2] == "Child"
        if row[0] == "link":
            assert "exploit" not in row[8]
    graphml = client.get(_url(place_world, format="graphml")).content.decode()
    assert "exploit" not in graphml
    for _, data in nx.parse_graphml(graphml).nodes(data=True):
        if data["label"] in ("A child", "Amy Openshaw"):
            assert data["type"] == "Child"


def test_viewing_and_exporting_are_logged_with_each_child_shown(place_world, signed_in):
    by, seen = place_world["by"], place_world["seen"]
    client = signed_in(by)
    client.get(_url(place_world))
    viewed = Event.objects.get(verb=Event.Verb.NETWORK_VIEWED)
    assert viewed.actor_id == by.pk
    assert (viewed.object_type, viewed.object_id) == (
        "contexts.Context",
        str(place_world["place"].pk),
    )
    seen_events = Event.objects.filter(verb=Event.Verb.CHILD_SEEN_IN_NETWORK)
    assert [e.child_id for e in seen_events] == [seen.pk]
    client.get(_url(place_world, format="csv"))
    client.get(_url(place_world, format="graphml"))
    exported = Event.objects.filter(verb=Event.Verb.NETWORK_EXPORTED)
    assert sorted(e.payload["format"] for e in exported) == ["csv", "graphml"]
    assert Event.objects.filter(verb=Event.Verb.CHILD_SEEN_IN_NETWORK, child=seen).count() == 3
    network_verbs = (Event.Verb.CHILD_SEEN_IN_NETWORK, Event.Verb.RESTRICTED_LISTED)
    assert not Event.objects.filter(child=place_world["hidden"], verb__in=network_verbs).exists()


def test_a_childs_network_and_a_child_with_no_links(place_world, signed_in):
    client = signed_in(place_world["by"])
    seen = place_world["seen"]
    response = client.get(reverse("contexts:child_network", args=[seen.pk]))
    assert response.status_code == 200
    assert "Chicken Shack" in response.content.decode()
    viewed = Event.objects.get(verb=Event.Verb.NETWORK_VIEWED)
    assert viewed.child_id == seen.pk
    alone = ChildFactory()
    response = client.get(reverse("contexts:child_network", args=[alone.pk]))
    assert response.status_code == 200
    assert "Nothing is linked to this record yet" in response.content.decode()
    assert Event.objects.filter(verb=Event.Verb.NETWORK_VIEWED, child=alone).count() == 1
    # A restricted record the analyst is not named on: the break-glass page, as elsewhere.
    hidden = client.get(reverse("contexts:child_network", args=[place_world["hidden"].pk]))
    assert hidden.status_code == 302 and hidden.url.endswith("/break-glass/")


def test_filters_and_bad_input(place_world, signed_in):
    client = signed_in(place_world["by"])
    response = client.get(_url(place_world, kinds="person", steps=1))
    labels = {n.label for n in response.context["network"].nodes}
    assert labels == {"Chicken Shack", "Dean Harrop"}
    bad_date = {"since_day": "31", "since_month": "2", "since_year": "2026"}
    response = client.get(_url(place_world, kinds="person", steps=1, **bad_date))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Seen on or after must be a real date" in html
    assert 'value="31"' in html  # what was entered is kept
    # The date is left out, and the filters that were valid still apply.
    assert "shown without the filter in error" in html
    labels = {n.label for n in response.context["network"].nodes}
    assert labels == {"Chicken Shack", "Dean Harrop"}


def test_peer_group_pages_say_it_is_an_association(signed_in):
    by = analyst()
    group = context_made(Context.Kind.PEER_GROUP, actor=by)
    linked(ChildFactory(), group, Link.Relation.MEMBER, actor=by)
    client = signed_in(by)
    html = client.get(reverse("contexts:network", args=[node_of(group).pk])).content.decode()
    assert PEER_GROUP_NOTE in html
    assert PEER_GROUP_NOTE in client.get(reverse("contexts:network_overview")).content.decode()
    detail = client.get(reverse("contexts:detail", args=[group.pk])).content.decode()
    assert reverse("contexts:network", args=[node_of(group).pk]) in detail


def test_the_page_draws_with_cytoscape_from_json_and_no_inline_script(place_world, signed_in):
    html = signed_in(place_world["by"]).get(_url(place_world)).content.decode()
    assert "vendor/cytoscape/cytoscape.min.js" in html and "contexts/network.js" in html
    assert '<script id="network-data" type="application/json">' in html
    assert "<script>" not in html
    assert 'data-testid="network-nodes"' in html and 'data-testid="network-links"' in html


def test_the_overview_tables(place_world, signed_in):
    html = signed_in(place_world["by"]).get(reverse("contexts:network_overview")).content.decode()
    assert "Chicken Shack" in html and "A child" in html and "Amy Openshaw" in html
    _assert_hidden(html, place_world)


def _grow(by, place, n):
    for i in range(n):
        child = ChildFactory()
        linked(child, place, Link.Relation.SEEN_AT, actor=by)
        phone = node_for_identifier(kind=Node.Kind.PHONE, text=f"07700 8{n:02d}{i:03d}")
        linked(child, phone, Link.Relation.USES, actor=by)


@pytest.mark.parametrize("name", ["network", "overview"])
def test_query_count_does_not_grow_with_the_graph(signed_in, django_assert_max_num_queries, name):
    by = analyst()
    place = context_made(Context.Kind.PLACE, actor=by)
    person = context_made(Context.Kind.PERSON, actor=by)
    linked(person, place, Link.Relation.RUNS, actor=by)
    url = (
        reverse("contexts:network", args=[node_of(place).pk])
        if name == "network"
        else reverse("contexts:network_overview")
    )
    client = signed_in(by)
    _grow(by, place, 2)
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    _grow(by, place, 15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url + "?steps=2").status_code == 200
