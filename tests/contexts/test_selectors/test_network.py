"""The network selectors against hand-built graphs, the expected answer computed
independently with networkx (ego graphs, connected components, betweenness)."""

from __future__ import annotations

import datetime as dt
import itertools

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, ContextAction, Link, Node
from mace.contexts.selectors.network import (
    CHILD_TYPE,
    HIDDEN_CHILD,
    HIDDEN_CONTEXT,
    bridges,
    children_sharing,
    connected_groups,
    network_of,
    nodes_shown,
)
from mace.contexts.services.links import link_add, link_retract, node_for_identifier
from mace.core import clock
from tests.factories import (
    GRADED,
    AgencyFactory,
    ChildFactory,
    UserFactory,
    analyst,
    context_made,
    linked,
    node_of,
)

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def a_phone() -> Node:
    return node_for_identifier(kind=Node.Kind.PHONE, text=f"07700 9{next(_numbers):05d}")


def ego(graph: nx.Graph, root: int, radius: int) -> tuple[set, set]:
    g = nx.ego_graph(graph, root, radius=radius)
    return set(g.nodes), {frozenset(e) for e in g.edges}


def shown_graph(network) -> tuple[set, set]:
    by_key = {n.key: n.node_id for n in network.nodes}
    return (
        set(by_key.values()),
        {frozenset((by_key[e.source], by_key[e.target])) for e in network.edges},
    )


@pytest.fixture
def city():
    """A county-lines network: Dean exploits Amy and Ben; Amy is seen at the Chicken
    Shack, where Cal stays; Dean uses a phone that Eve has been in contact with; Gail
    and Hal associate apart from it all."""
    by = analyst()
    dean = context_made(Context.Kind.PERSON, "Dean Harrop", actor=by)
    shack = context_made(Context.Kind.PLACE, "Chicken Shack", actor=by)
    amy, ben, cal, eve, gail, hal = (ChildFactory() for _ in range(6))
    phone = a_phone()
    linked(dean, amy, Link.Relation.EXPLOITS, actor=by)
    linked(dean, ben, Link.Relation.EXPLOITS, actor=by, source_grade="3")
    linked(amy, shack, Link.Relation.SEEN_AT, actor=by, last_seen=dt.date(2026, 10, 1))
    linked(cal, shack, Link.Relation.STAYS_AT, actor=by, intelligence_grade="D")
    linked(dean, phone, Link.Relation.USES, actor=by)
    linked(eve, phone, Link.Relation.CONTACTS, actor=by)
    linked(amy, ben, Link.Relation.ASSOCIATES, actor=by)
    linked(gail, hal, Link.Relation.ASSOCIATES, actor=by)
    graph = nx.Graph()
    for link in Link.objects.all():
        graph.add_edge(link.source_id, link.target_id)
    nodes = {
        name: node_of(record)
        for name, record in {
            "dean": dean,
            "shack": shack,
            "amy": amy,
            "ben": ben,
            "cal": cal,
            "eve": eve,
            "gail": gail,
            "hal": hal,
        }.items()
    }
    nodes["phone"] = phone
    return {"by": by, "graph": graph, "nodes": nodes}


@pytest.mark.parametrize("steps", [1, 2, 3])
def test_network_to_n_steps_is_the_ego_graph(city, steps):
    root = city["nodes"]["dean"]
    network = network_of(user=city["by"], node=root, steps=steps)
    assert shown_graph(network) == ego(city["graph"], root.pk, steps)
    lengths = nx.single_source_shortest_path_length(city["graph"], root.pk)
    assert {n.node_id: n.step for n in network.nodes} == {
        pk: lengths[pk] for pk in shown_graph(network)[0]
    }


def test_nodes_carry_kind_label_url_and_edges_their_grading(city):
    network = network_of(user=city["by"], node=city["nodes"]["dean"], steps=1)
    by_id = {n.node_id: n for n in network.nodes}
    amy = city["nodes"]["amy"]
    assert by_id[amy.pk].label == amy.child.full_name
    assert by_id[amy.pk].type == CHILD_TYPE
    assert by_id[amy.pk].url == f"/children/{amy.child_id}/"
    assert by_id[city["nodes"]["phone"].pk].type == "Phone"
    exploits = [e for e in network.edges if e.relation == Link.Relation.EXPLOITS]
    assert sorted(e.grading for e in exploits) == ["2BP", "3BP"]
    assert network.root.step == 0 and network.root.node_id == city["nodes"]["dean"].pk


def test_filters_by_kind_grading_and_date(city):
    by, nodes = city["by"], city["nodes"]
    only_children = network_of(user=by, node=nodes["dean"], steps=2, kinds=[Node.Kind.CHILD])
    assert {n.kind for n in only_children.nodes} == {Node.Kind.PERSON, Node.Kind.CHILD}
    assert nodes["eve"].pk not in shown_graph(only_children)[0]  # only through the phone
    reliable = network_of(user=by, node=nodes["dean"], steps=1, max_source_grade="2")
    assert nodes["ben"].pk not in shown_graph(reliable)[0]
    corroborated = network_of(user=by, node=nodes["shack"], steps=1, max_intelligence_grade="C")
    assert nodes["cal"].pk not in shown_graph(corroborated)[0]
    assert nodes["amy"].pk in shown_graph(corroborated)[0]
    recent = network_of(user=by, node=nodes["shack"], steps=1, since=dt.date(2026, 11, 1))
    # Amy was last seen there on 1 October; Cal's link has no dates and was made today.
    assert shown_graph(recent)[0] == ({nodes["shack"].pk, nodes["cal"].pk})


def test_retracted_and_proposed_links_are_left_out():
    by = analyst()
    place = context_made(Context.Kind.PLACE, actor=by)
    kept, proposed, retracted = ChildFactory(), ChildFactory(), ChildFactory()
    linked(place, kept, actor=by)
    link_add(
        actor=by,
        source=node_of(proposed),
        target=node_of(place),
        relation=Link.Relation.SEEN_AT,
        origin=Link.Origin.REFERRAL,
        proposed=True,
        **GRADED,
    )
    link_retract(actor=by, link=linked(retracted, place, actor=by), reason="Wrong child")
    network = network_of(user=by, node=node_of(place), steps=2)
    assert shown_graph(network)[0] == {node_of(place).pk, node_of(kept).pk}
    assert connected_groups(user=by)[0].size == 2


def test_handling_code_c_only_to_the_roles_its_conditions_allow():
    by = analyst()
    person = context_made(Context.Kind.PERSON, actor=by)
    child = ChildFactory()
    linked(
        person,
        child,
        Link.Relation.EXPLOITS,
        actor=by,
        handling="C",
        handling_conditions="Police and the analyst only",
        handling_roles=[Role.ANALYST],
    )
    assert len(network_of(user=by, node=node_of(person)).edges) == 1
    chair = UserFactory(role=Role.CHAIR)
    assert network_of(user=chair, node=node_of(person)).edges == []
    assert connected_groups(user=chair) == []


def test_a_child_the_viewer_may_not_see_is_a_child_without_name_or_id():
    by = analyst()
    place = context_made(Context.Kind.PLACE, actor=by)
    hidden = ChildFactory(restricted=True, restriction_reason="Witness")
    linked(hidden, place, Link.Relation.SEEN_AT, actor=by)
    network = network_of(user=by, node=node_of(place))
    child = next(n for n in network.nodes if n.kind == Node.Kind.CHILD)
    assert (child.label, child.type, child.url, child.node_id) == (HIDDEN_CHILD, "Child", "", None)
    text = repr(network) + repr(network.elements())
    assert str(hidden.pk) not in text and hidden.family_name not in text
    assert f"n{node_of(hidden).pk}" not in text
    assert not Event.objects.filter(verb=Event.Verb.CHILD_SEEN_IN_NETWORK, child=hidden).exists()


def test_a_child_is_never_typed_or_related_as_a_person_of_concern():
    by = analyst()
    amy, ben = ChildFactory(), ChildFactory()
    linked(amy, ben, Link.Relation.ASSOCIATES, actor=by)
    # Written straight to the table (the service refuses it), as old data might hold it.
    Link.objects.create(
        source=node_of(ben),
        target=node_of(amy),
        relation=Link.Relation.EXPLOITS,
        origin=Link.Origin.DIRECT,
        **GRADED,
    )
    network = network_of(user=by, node=node_of(amy))
    assert {n.type for n in network.nodes} == {CHILD_TYPE}
    assert {e.relation for e in network.edges} == {Link.Relation.ASSOCIATES}
    assert "exploit" not in repr(network).lower()


def test_each_child_shown_is_logged_with_the_root(city):
    root = city["nodes"]["dean"]
    network = network_of(user=city["by"], node=root, steps=1)
    children = {n.node_id for n in network.nodes if n.kind == Node.Kind.CHILD}
    events = Event.objects.filter(verb=Event.Verb.CHILD_SEEN_IN_NETWORK)
    assert {e.child_id for e in events} == {Node.objects.get(pk=pk).child_id for pk in children}
    assert len(events) == len(children) == 2
    assert all(e.actor_id == city["by"].pk for e in events)
    assert {e.payload["root"] for e in events} == {f"context {root.context_id}"}


def _star(by, centre, size: int) -> None:
    for _ in range(size):
        child = ChildFactory()
        linked(centre, child, actor=by)
        linked(child, a_phone(), Link.Relation.USES, actor=by)


@pytest.mark.parametrize("steps", [1, 2, 3])
def test_query_count_does_not_grow_with_the_network(django_assert_max_num_queries, steps):
    by = analyst()
    place = context_made(Context.Kind.PLACE, actor=by)
    root = Node.objects.select_related("context").get(context=place)
    _star(by, place, 2)
    # A query per step, one for the links among the farthest, the open children, the log
    # of the children and the log of the contexts shown.
    with django_assert_max_num_queries(steps + 4) as small:
        network_of(user=by, node=root, steps=steps)
    _star(by, place, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        big = network_of(user=by, node=root, steps=steps)
    assert len(big.nodes) == 1 + 14 + (14 if steps > 1 else 0)


def test_a_member_sees_links_only_among_records_open_to_them():
    by = analyst()
    member = UserFactory(role=Role.MEMBER, agency=AgencyFactory())
    place = context_made(Context.Kind.PLACE, actor=by)
    person = context_made(Context.Kind.PERSON, actor=by)
    child = ChildFactory()
    linked(child, place, Link.Relation.SEEN_AT, actor=by)
    linked(person, place, Link.Relation.RUNS, actor=by)
    linked(place, a_phone(), Link.Relation.USES, actor=by)
    assert network_of(user=member, node=node_of(place)).edges == []
    ContextAction.objects.create(
        context=place,
        description="Visit the manager",
        owner=member,
        owner_agency=member.agency,
        due_date=clock.today(),
    )
    network = network_of(user=member, node=node_of(place))
    # The phone (an identifier) shows; the child and the person are not open to them.
    assert {n.kind for n in network.nodes} == {Node.Kind.PLACE, Node.Kind.PHONE}


def test_a_context_not_open_is_not_named_and_an_identifier_shows_its_detail():
    by = analyst()
    member = UserFactory(role=Role.MEMBER, agency=AgencyFactory())
    person = context_made(Context.Kind.PERSON, "Dean Harrop", actor=by)
    car = node_for_identifier(kind=Node.Kind.VEHICLE, text="YX19 ABC", detail="grey Corsa")
    shown = nodes_shown(user=member, nodes=[node_of(person), car])
    assert (shown[node_of(person).pk].label, shown[node_of(person).pk].url) == (HIDDEN_CONTEXT, "")
    assert (shown[car.pk].label, shown[car.pk].detail, shown[car.pk].type) == (
        "YX19 ABC",
        "grey Corsa",
        "Vehicle",
    )
    assert nodes_shown(user=by, nodes=[node_of(person)])[node_of(person).pk].label == "Dean Harrop"


def test_groups_sharing_and_bridges_match_networkx(city):
    by, graph, nodes = city["by"], city["graph"], city["nodes"]
    groups = connected_groups(user=by)
    expected = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    assert [g.size for g in groups] == expected
    big = groups[0]
    assert {m.node_id for m in big.members} == nx.node_connected_component(graph, nodes["dean"].pk)
    assert (big.children, big.persons, big.places) == (4, 1, 1)

    shared = children_sharing(user=by)
    assert [(s.context.node_id, len(s.children)) for s in shared] == [
        (nodes["dean"].pk, 2),
        (nodes["shack"].pk, 2),
    ]

    centrality = nx.betweenness_centrality(graph)
    found = bridges(user=by)
    kinds = {nodes["dean"].pk, nodes["shack"].pk}
    expected_order = sorted(
        (pk for pk in kinds if centrality[pk] > 0), key=lambda pk: -centrality[pk]
    )
    assert [b.node.node_id for b in found] == expected_order
    assert found[0].centrality == pytest.approx(centrality[expected_order[0]])
    dean = next(b for b in found if b.node.node_id == nodes["dean"].pk)
    rest = graph.subgraph(nx.node_connected_component(graph, nodes["dean"].pk) - {nodes["dean"].pk})
    assert dean.groups_joined == nx.number_connected_components(rest) == 2


def test_a_large_group_lists_its_persons_and_places_not_every_child(city):
    nodes = city["nodes"]
    big = connected_groups(user=city["by"], members_limit=3)[0]
    assert not big.complete and big.size == 7 and big.children == 4
    assert {m.node_id for m in big.members} == {nodes["dean"].pk, nodes["shack"].pk}
    seen = Event.objects.filter(verb=Event.Verb.CHILD_SEEN_IN_NETWORK)
    # Only the small group's two children were shown, so only they were logged.
    assert {e.child_id for e in seen} == {nodes["gail"].child_id, nodes["hal"].child_id}


def test_the_overview_is_nothing_for_roles_that_see_no_links(city):
    for role in (Role.REFERRER, Role.SILVER, Role.GOLD, Role.AUDITOR, Role.ADMIN):
        user = UserFactory(role=role)
        assert connected_groups(user=user) == []
        assert children_sharing(user=user) == []
        assert bridges(user=user) == []


edges_strategy = st.integers(min_value=2, max_value=10).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.tuples(
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.sampled_from(["confirmed"] * 4 + ["proposed", "retracted"]),
            ),
            max_size=18,
        ),
        st.integers(0, n - 1),
        st.integers(1, 3),
    )
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=edges_strategy)
def test_random_graphs_match_networkx(case):
    n, edges, root_index, steps = case
    by = analyst()
    nodes = [a_phone() if i % 3 else node_of(ChildFactory()) for i in range(n)]
    graph = nx.Graph()
    graph.add_node(nodes[root_index].pk)
    for a, b, status in edges:
        if a == b:
            continue
        link = linked(nodes[a], nodes[b], Link.Relation.CONTACTS, actor=by, proposed=False)
        if status == "retracted":
            link_retract(actor=by, link=link, reason="Disproved")
        elif status == "proposed":
            Link.objects.filter(pk=link.pk).update(status=Link.Status.PROPOSED)
        else:
            graph.add_edge(nodes[a].pk, nodes[b].pk)
    network = network_of(user=by, node=nodes[root_index], steps=steps)
    assert shown_graph(network) == ego(graph, nodes[root_index].pk, steps)

    mine = {node.pk for node in nodes}
    groups = [
        {m.node_id for m in g.members}
        for g in connected_groups(user=by, limit=10_000)
        if {m.node_id for m in g.members} & mine
    ]
    expected = [c for c in nx.connected_components(graph) if len(c) >= 2]
    assert sorted(map(sorted, groups)) == sorted(map(sorted, expected))
