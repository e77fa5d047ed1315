"""The network (issue 12, item 4; ADR 30): a record's network to N steps, the connected
groups, the children who share a person of concern or a place, and the people and places
that bridge groups.

Only confirmed links the user may see (``links_visible_to``: never retracted or proposed,
handling code C only where its conditions allow). A member sees links only among records
open to them. Every node is shown through ``nodes_shown``: a child the viewer may not see
is "A child" with no name, no address and no id (not even the node's), and each child
shown is logged as seen in a network. A child's type is always "Child", whatever it is
linked to: a child from the cohort is never shown as a person of concern.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.audit.services import access_record_many, event_record
from mace.contexts.models import Link, Node
from mace.contexts.selectors.persons import persons_read_log
from mace.contexts.selectors.visibility import contexts_visible_to, sees_all_contexts
from mace.contexts.selectors.visibility import links_visible_to as _links_visible_to
from mace.people.models import Child
from mace.people.selectors import children_visible_to

HIDDEN_CHILD = "A child"
_SHARED_KINDS = (Node.Kind.PERSON, Node.Kind.PLACE)
HIDDEN_CONTEXT = "A record not open to you"
CHILD_TYPE = "Child"
PEER_GROUP_NOTE = "Being linked to a peer group is an association, not an accusation."
MAX_STEPS = 3
# Betweenness is exact up to this many nodes, and estimated from this many sources above
# it (networkx's k; the same seed, so the same answer for the same graph).
BETWEENNESS_EXACT_UP_TO = 2000
BETWEENNESS_SAMPLES = 64
_RELATED = ("source__child", "source__context", "target__child", "target__context")
# What a network reads of a link and its two ends: no more (a hub's network is thousands
# of rows, and whole rows of children and contexts cost more to read than the graph).
_END_FIELDS = (
    "kind",
    "child_id",
    "context_id",
    "value",
    "label",
    "detail",
    "child__given_name",
    "child__family_name",
    "context__name",
)
_FIELDS = (
    "id",
    "source_id",
    "target_id",
    "relation",
    "origin",
    "source_grade",
    "intelligence_grade",
    "handling",
    "first_seen",
    "last_seen",
    *(f"{end}__{name}" for end in ("source", "target") for name in _END_FIELDS),
)


def _read(links: QuerySet[Link]) -> QuerySet[Link]:
    return links.select_related(*_RELATED).only(*_FIELDS)


@dataclass
class NetNode:
    key: str  # "n<node pk>", or "h<i>" for a child the viewer may not see
    kind: str  # Node.Kind value
    type: str  # what the reader sees: "Child", "Person of concern", "Place or space" ...
    label: str
    detail: str = ""
    url: str = ""
    step: int | None = None
    hidden: bool = False
    node_id: int | None = None  # None when hidden; never shown for a hidden child


@dataclass
class NetEdge:
    source: str
    target: str
    relation: str
    relation_label: str
    grading: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    origin: str
    source_label: str = ""
    target_label: str = ""


@dataclass
class Network:
    root: NetNode | None
    nodes: list[NetNode] = field(default_factory=list)
    edges: list[NetEdge] = field(default_factory=list)
    steps: int = 2

    @property
    def has_peer_group(self) -> bool:
        return any(node.kind == Node.Kind.PEER_GROUP for node in self.nodes)

    def elements(self) -> list[dict]:
        """Cytoscape.js elements: exactly what the table beside the drawing says."""
        out = [
            {
                "data": {
                    "id": n.key,
                    "label": n.label,
                    "type": n.type,
                    "kind": n.kind,
                    "step": n.step,
                    "url": n.url,
                    "root": self.root is not None and n.key == self.root.key,
                }
            }
            for n in self.nodes
        ]
        out += [
            {
                "data": {
                    "id": f"e{i}",
                    "source": e.source,
                    "target": e.target,
                    "label": f"{e.relation_label} ({e.grading})",
                }
            }
            for i, e in enumerate(self.edges)
        ]
        return out


@dataclass
class Group:
    size: int
    children: int
    persons: int
    places: int
    members: list[NetNode]
    peer_groups: int = 0
    complete: bool = True  # False: too many to list; only its persons and places are


@dataclass
class Shared:
    context: NetNode
    children: list[NetNode]


@dataclass
class Bridge:
    node: NetNode
    centrality: float
    groups_joined: int  # neighbours' groups once the node is taken out


# --- which links -----------------------------------------------------------------------


def _open_end_q(user, end: str) -> Q:
    """A member sees a link only if this end is a record open to them: a child they may
    see, a context open to them, or an identifier (a phone, a vehicle, an account, which
    has no case of its own)."""
    return (
        Q(**{f"{end}__kind__in": Node.IDENTIFIER_KINDS})
        | Q(Exists(children_visible_to(user).filter(pk=OuterRef(f"{end}__child_id"))))
        | Q(Exists(contexts_visible_to(user).filter(pk=OuterRef(f"{end}__context_id"))))
    )


def network_links(user) -> QuerySet[Link]:
    """The confirmed links this user may use in a network."""
    links = _links_visible_to(user).filter(status=Link.Status.CONFIRMED)
    if sees_all_contexts(user):
        return links
    if user.is_authenticated and user.role == Role.MEMBER:
        return links.filter(_open_end_q(user, "source") & _open_end_q(user, "target"))
    return links.none()


def _filtered(links, *, root_id, kinds, max_source_grade, max_intelligence_grade, since):
    if kinds:
        kinds = list(kinds)
        links = links.filter(
            Q(source__kind__in=kinds) | Q(source_id=root_id),
            Q(target__kind__in=kinds) | Q(target_id=root_id),
        )
    if max_source_grade:
        links = links.filter(source_grade__lte=max_source_grade)
    if max_intelligence_grade:
        links = links.filter(intelligence_grade__lte=max_intelligence_grade)
    if since:
        links = links.filter(
            Q(last_seen__gte=since)
            | Q(last_seen__isnull=True, first_seen__gte=since)
            | Q(last_seen__isnull=True, first_seen__isnull=True, created_at__date__gte=since)
        )
    return links


# --- showing nodes ---------------------------------------------------------------------


def _child_url(child_id) -> str:
    return reverse("people:child_detail", args=[child_id])


def nodes_shown(
    *, user, nodes: Iterable[Node], root: Node | None = None, log: bool = True
) -> dict[int, NetNode]:
    """How each node shows to this user, by node pk. Two queries at most (which children
    and which contexts are open) and one insert (each child shown, logged as seen in a
    network, the payload naming the root), whatever the number of nodes."""
    nodes = list({n.pk: n for n in nodes}.values())
    child_ids = [n.child_id for n in nodes if n.kind == Node.Kind.CHILD]
    open_children = (
        set(children_visible_to(user).filter(pk__in=child_ids).values_list("pk", flat=True))
        if child_ids
        else set()
    )
    context_ids = [n.context_id for n in nodes if n.context_id]
    if sees_all_contexts(user):
        open_contexts = set(context_ids)
    elif context_ids:
        open_contexts = set(
            contexts_visible_to(user).filter(pk__in=context_ids).values_list("pk", flat=True)
        )
    else:
        open_contexts = set()
    shown: dict[int, NetNode] = {}
    hidden = 0
    seen: list[Child] = []
    for node in sorted(nodes, key=lambda n: n.pk):
        if node.kind == Node.Kind.CHILD:
            if node.child_id in open_children:
                child = node.child
                seen.append(child)
                shown[node.pk] = NetNode(
                    key=f"n{node.pk}",
                    kind=node.kind,
                    type=CHILD_TYPE,
                    label=child.full_name,
                    url=_child_url(child.pk),
                    node_id=node.pk,
                )
            else:
                hidden += 1
                shown[node.pk] = NetNode(
                    key=f"h{hidden}",
                    kind=node.kind,
                    type=CHILD_TYPE,
                    label=HIDDEN_CHILD,
                    hidden=True,
                )
        elif node.context_id:
            is_open = node.context_id in open_contexts
            shown[node.pk] = NetNode(
                key=f"n{node.pk}",
                kind=node.kind,
                type=node.get_kind_display(),
                label=node.context.name if is_open else HIDDEN_CONTEXT,
                url=reverse("contexts:detail", args=[node.context_id]) if is_open else "",
                node_id=node.pk,
            )
        else:
            shown[node.pk] = NetNode(
                key=f"n{node.pk}",
                kind=node.kind,
                type=node.get_kind_display(),
                label=node.label or node.value,
                detail=node.detail,
                node_id=node.pk,
            )
    if log and seen:
        access_record_many(
            actor=user,
            children=seen,
            verb=Event.Verb.CHILD_SEEN_IN_NETWORK,
            payload={"root": _root_name(root)},
        )
    shown_contexts = [n.context for n in nodes if n.context_id and n.context_id in open_contexts]
    if log and shown_contexts:  # every person of concern (and place, group) read is logged
        persons_read_log(user=user, contexts=shown_contexts, where=_root_name(root))
    return shown


def _root_name(root: Node | None) -> str:
    if root is None:
        return "the network overview"
    if root.context_id:
        return f"context {root.context_id}"
    if root.child_id:
        return f"child {root.child_id}"
    return f"{root.kind} node {root.pk}"


def _edge(link: Link, shown: dict[int, NetNode]) -> NetEdge:
    relation = link.relation
    # Never shown as exploiting: a child from the cohort, even linked to another child.
    if relation == Link.Relation.EXPLOITS and link.source.kind == Node.Kind.CHILD:
        relation = Link.Relation.ASSOCIATES
    return NetEdge(
        source=shown[link.source_id].key,
        target=shown[link.target_id].key,
        relation=relation,
        relation_label=Link.Relation(relation).label,
        grading=link.grading,
        first_seen=link.first_seen,
        last_seen=link.last_seen,
        origin=link.get_origin_display(),
        source_label=shown[link.source_id].label,
        target_label=shown[link.target_id].label,
    )


# --- a record's network ----------------------------------------------------------------


def network_of(
    *,
    user,
    node: Node,
    steps: int = 2,
    kinds: Iterable[str] | None = None,
    max_source_grade: str | None = None,
    max_intelligence_grade: str | None = None,
    since: dt.date | None = None,
    log: bool = True,
) -> Network:
    """The records within ``steps`` links of ``node`` (breadth first), and every link among
    them (the ego graph), filtered by the other records' kind, the links' grading (the
    worst source and intelligence grade wanted) and date. One query per step and one for
    the links among the farthest records, so the count depends on ``steps``, not on the
    size of the network."""
    steps = max(1, min(int(steps), MAX_STEPS))
    links = _filtered(
        _read(network_links(user)),
        root_id=node.pk,
        kinds=list(kinds or ()),
        max_source_grade=max_source_grade,
        max_intelligence_grade=max_intelligence_grade,
        since=since,
    )
    step_of: dict[int, int] = {node.pk: 0}
    node_of: dict[int, Node] = {node.pk: node}
    found: dict[int, Link] = {}
    frontier = [node.pk]
    for step in range(1, steps + 1):
        if not frontier:
            break
        nxt = []
        for link in links.filter(Q(source_id__in=frontier) | Q(target_id__in=frontier)):
            found[link.pk] = link
            for end in (link.source, link.target):
                node_of.setdefault(end.pk, end)
                if end.pk not in step_of:
                    step_of[end.pk] = step
                    nxt.append(end.pk)
        frontier = nxt
    if frontier:  # the links among the farthest records
        for link in links.filter(source_id__in=frontier, target_id__in=frontier):
            found[link.pk] = link
    shown = nodes_shown(user=user, nodes=node_of.values(), root=node, log=log)
    for pk, net in shown.items():
        net.step = step_of[pk]
    ordered = sorted(shown.items(), key=lambda item: (item[1].step, item[1].type, item[1].label))
    edges = [_edge(link, shown) for link in sorted(found.values(), key=lambda k: k.pk)]
    return Network(root=shown[node.pk], nodes=[n for _, n in ordered], edges=edges, steps=steps)


def network_root_for_user(*, user, node_id: int) -> Node:
    """The node a network page starts from, if the user may explore from it (Http404 for
    missing and not-yours alike)."""
    node = Node.objects.select_related("child", "context").filter(pk=node_id).first()
    if node is None or not network_open_to(user=user, node=node):
        raise Http404("No record found")
    return node


def network_open_to(*, user, node: Node) -> bool:
    if sees_all_contexts(user):
        if node.kind == Node.Kind.CHILD:
            return children_visible_to(user).filter(pk=node.child_id).exists()
        return True
    if not (user.is_authenticated and user.is_active and user.role == Role.MEMBER):
        return False
    if node.kind == Node.Kind.CHILD:
        return children_visible_to(user).filter(pk=node.child_id).exists()
    if node.context_id:
        return contexts_visible_to(user).filter(pk=node.context_id).exists()
    return False


def network_viewed(
    *, user, root: Node | None, child=None, verb: str = Event.Verb.NETWORK_VIEWED, **payload
):
    """The audit row for a network page or export: the root context, or the child (a child
    with no node yet: ``child``; neither: the overview of the whole graph)."""
    payload = {"root": _root_name(root) if root or not child else f"child {child.pk}", **payload}
    if root is None:
        return event_record(actor=user, verb=verb, child=child, payload=payload)
    if root.kind == Node.Kind.CHILD:
        return event_record(actor=user, verb=verb, child=root.child, payload=payload)
    return event_record(actor=user, verb=verb, obj=root.context or root, payload=payload)


# --- the whole graph ---------------------------------------------------------------------


def _graph(user) -> tuple[nx.Graph, dict[int, str]]:
    """The visible confirmed graph in memory, and each node's kind: one query, of ids and
    kinds only (the nodes to show are read afterwards, by ``_nodes``)."""
    graph = nx.Graph()
    kinds: dict[int, str] = {}
    rows = network_links(user).values_list("source_id", "target_id", "source__kind", "target__kind")
    for source, target, source_kind, target_kind in rows.order_by("pk"):
        kinds[source], kinds[target] = source_kind, target_kind
        graph.add_edge(source, target)
    return graph, kinds


def _nodes(pks) -> dict[int, Node]:
    """The nodes to show, with what ``nodes_shown`` reads of them: one query."""
    pks = list(pks)
    if not pks:
        return {}
    rows = Node.objects.select_related("child", "context").only(*_END_FIELDS).filter(pk__in=pks)
    return {node.pk: node for node in rows}


def connected_groups(
    *, user, min_size: int = 2, limit: int = 50, members_limit: int = 200
) -> list[Group]:
    """The connected groups of the visible graph, largest first (at most ``limit``), each
    with its members as the user sees them. A group of more than ``members_limit`` records
    lists only its persons of concern and places (at most ``members_limit``), so that the
    overview does not show and log a whole city's children at each view (ADR 30); its
    counts are whole."""
    if not (sees_all_contexts(user) or getattr(user, "role", None) == Role.MEMBER):
        return []
    graph, kinds = _graph(user)
    components = [c for c in nx.connected_components(graph) if len(c) >= min_size]
    components.sort(key=lambda c: (-len(c), min(c)))
    components = components[:limit]
    listed = {}
    for index, component in enumerate(components):
        pks = sorted(component)
        if len(pks) > members_limit:
            pks = [pk for pk in pks if kinds[pk] in _SHARED_KINDS][:members_limit]
        listed[index] = pks
    nodes = _nodes(pk for pks in listed.values() for pk in pks)
    shown = nodes_shown(user=user, nodes=nodes.values())
    groups = []
    for index, component in enumerate(components):
        members = sorted((shown[pk] for pk in listed[index]), key=lambda n: (n.type, n.label))
        kinds_here = [kinds[pk] for pk in component]
        groups.append(
            Group(
                size=len(component),
                children=kinds_here.count(Node.Kind.CHILD),
                persons=kinds_here.count(Node.Kind.PERSON),
                places=kinds_here.count(Node.Kind.PLACE),
                members=members,
                peer_groups=kinds_here.count(Node.Kind.PEER_GROUP),
                complete=len(members) == len(component),
            )
        )
    return groups


def children_sharing(*, user, limit: int = 100) -> list[Shared]:
    """Persons of concern and places directly linked to two or more children, with the
    children, most children first. One query for the links, then ``nodes_shown``."""
    ends = _SHARED_KINDS
    links = (
        network_links(user)
        .filter(
            Q(source__kind=Node.Kind.CHILD, target__kind__in=ends)
            | Q(target__kind=Node.Kind.CHILD, source__kind__in=ends)
        )
        .select_related(*_RELATED)
        .only(*_FIELDS)
    )
    children_of: dict[int, dict[int, Node]] = defaultdict(dict)
    context_nodes: dict[int, Node] = {}
    for link in links:
        child, other = (
            (link.source, link.target)
            if link.source.kind == Node.Kind.CHILD
            else (link.target, link.source)
        )
        context_nodes[other.pk] = other
        children_of[other.pk][child.pk] = child
    shared = [pk for pk, kids in children_of.items() if len(kids) >= 2]
    shared.sort(key=lambda pk: (-len(children_of[pk]), pk))
    shared = shared[:limit]
    wanted = [context_nodes[pk] for pk in shared]
    wanted += [child for pk in shared for child in children_of[pk].values()]
    shown = nodes_shown(user=user, nodes=wanted)
    return [
        Shared(
            context=shown[pk],
            children=sorted((shown[c] for c in children_of[pk]), key=lambda n: n.label),
        )
        for pk in shared
    ]


def bridges(*, user, limit: int = 20) -> list[Bridge]:
    """The persons of concern and places that bridge groups: the highest betweenness
    centrality (networkx) on the visible graph, exact up to BETWEENNESS_EXACT_UP_TO nodes
    and estimated from a fixed sample of sources above it (ADR 30)."""
    if not (sees_all_contexts(user) or getattr(user, "role", None) == Role.MEMBER):
        return []
    graph, kinds = _graph(user)
    if graph.number_of_nodes() < 3:
        return []
    k = None if graph.number_of_nodes() <= BETWEENNESS_EXACT_UP_TO else BETWEENNESS_SAMPLES
    centrality = nx.betweenness_centrality(graph, k=k, seed=2026 if k else None)
    candidates = [
        pk for pk, value in centrality.items() if value > 0 and kinds[pk] in _SHARED_KINDS
    ]
    candidates.sort(key=lambda pk: (-centrality[pk], pk))
    candidates = candidates[:limit]
    shown = nodes_shown(user=user, nodes=_nodes(candidates).values())
    out = []
    for pk in candidates:
        # Each group left once it is taken out holds one of its neighbours.
        rest = graph.subgraph(nx.node_connected_component(graph, pk) - {pk})
        joined = nx.number_connected_components(rest)
        out.append(Bridge(node=shown[pk], centrality=centrality[pk], groups_joined=joined))
    return out
