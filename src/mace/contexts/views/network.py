"""The network pages: a record's network (drawn, and as a table beside the drawing), a
child's network, their CSV and GraphML downloads, and the overview of the whole graph."""

from __future__ import annotations

import io
import uuid

import networkx as nx
from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Grading, Node
from mace.contexts.selectors.network import (
    MAX_STEPS,
    PEER_GROUP_NOTE,
    Network,
    bridges,
    children_sharing,
    connected_groups,
    network_of,
    network_open_to,
    network_root_for_user,
    network_viewed,
)
from mace.contexts.selectors.visibility import sees_all_contexts
from mace.core import csvsafe
from mace.core.forms import GovukForm
from mace.people.selectors import child_get_for_user
from mace.web.forms import date_field


class NetworkFilterForm(GovukForm):
    """What to show of a network (GET): every field may be left as it is."""

    kinds = forms.MultipleChoiceField(
        label="Types of record",
        required=False,
        choices=Node.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to show every type",
    )
    max_source_grade = forms.ChoiceField(
        label="Worst source grade to show",
        required=False,
        choices=[("", "Any"), *Grading.Source.choices],
    )
    max_intelligence_grade = forms.ChoiceField(
        label="Worst intelligence grade to show",
        required=False,
        choices=[("", "Any"), *Grading.Intelligence.choices],
    )
    since = date_field("Seen on or after", required=False, example="1 6 2026")
    steps = forms.TypedChoiceField(
        label="Steps from the record",
        choices=[(n, str(n)) for n in range(1, MAX_STEPS + 1)],
        coerce=int,
        initial=2,
        required=False,
        empty_value=2,
    )

    def filters(self) -> dict:
        """The filters asked for. A field in error (the page says which) is left out, and
        the others still apply."""
        self.is_valid()  # cleans a bound form: cleaned_data keeps the fields without errors
        data = getattr(self, "cleaned_data", {})
        return {
            "steps": data.get("steps") or 2,
            "kinds": data.get("kinds") or None,
            "max_source_grade": data.get("max_source_grade") or None,
            "max_intelligence_grade": data.get("max_intelligence_grade") or None,
            "since": data.get("since"),
        }


def _network_page(request, *, root: Node | None, title: str, child=None):
    form = NetworkFilterForm(request.GET or None)
    filters = form.filters() if request.GET else NetworkFilterForm().filters()
    export = request.GET.get("format", "")
    if root is None:  # a child with no link yet: an empty network, not an error
        network = Network(root=None, steps=filters["steps"])
    else:
        network = network_of(user=request.user, node=root, **filters)
    exporting = export in ("csv", "graphml")
    network_viewed(
        user=request.user,
        root=root,
        child=child,
        verb=Event.Verb.NETWORK_EXPORTED if exporting else Event.Verb.NETWORK_VIEWED,
        **({"format": export} if exporting else {}),
    )
    if export == "csv":
        return _csv(network, title)
    if export == "graphml":
        return _graphml(network, title)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "contexts/network.html",
        {
            "title": title,
            "network": network,
            "elements": network.elements(),
            "form": form if request.GET else NetworkFilterForm(),
            "query": query.urlencode(),
            "peer_group_note": PEER_GROUP_NOTE if network.has_peer_group else "",
            "root": root,
            "child": child,
        },
    )


def network(request, node_id: int):
    root = network_root_for_user(user=request.user, node_id=node_id)
    if root.kind == Node.Kind.CHILD:  # open to the user, or it would be Http404
        title = f"Network of {root.child.full_name}"
    elif root.context_id:
        title = f"Network of {root.context.name}"
    else:
        title = f"Network of {root.get_kind_display().lower()} {root.label or root.value}"
    return _network_page(request, root=root, title=title)


def child_network(request, child_id: uuid.UUID):
    if not (sees_all_contexts(request.user) or request.user.role == Role.MEMBER):
        raise Http404("No record found")  # before the child is read: nothing to log
    child = child_get_for_user(user=request.user, child_id=child_id)
    root = Node.objects.select_related("child").filter(child=child).first()
    if root is not None and not network_open_to(user=request.user, node=root):
        raise Http404("No record found")
    return _network_page(request, root=root, title=f"Network of {child.full_name}", child=child)


def network_overview(request):
    if not sees_all_contexts(request.user):
        raise Http404("No page here")
    groups = connected_groups(user=request.user)
    shared = children_sharing(user=request.user)
    bridging = bridges(user=request.user)
    network_viewed(user=request.user, root=None)
    has_peer_group = any(group.peer_groups for group in groups)
    return render(
        request,
        "contexts/network_overview.html",
        {
            "groups": groups,
            "shared": shared,
            "bridges": bridging,
            "peer_group_note": PEER_GROUP_NOTE if has_peer_group else "",
        },
    )


# --- downloads -------------------------------------------------------------------------

CSV_HEADER = [
    "row",
    "id",
    "type",
    "label",
    "detail",
    "step",
    "from id",
    "from",
    "relation",
    "to id",
    "to",
    "grading",
    "first seen",
    "last seen",
    "origin",
]


def _csv(network: Network, title: str) -> HttpResponse:
    handle = io.StringIO()
    writer = csvsafe.writer(handle)
    writer.writerow(CSV_HEADER)
    for n in network.nodes:
        writer.writerow(["record", n.key, n.type, n.label, n.detail, n.step, *[""] * 9])
    for e in network.edges:
        writer.writerow(
            [
                "link",
                "",
                "",
                "",
                "",
                "",
                e.source,
                e.source_label,
                e.relation_label,
                e.target,
                e.target_label,
                e.grading,
                e.first_seen or "",
                e.last_seen or "",
                e.origin,
            ]
        )
    response = HttpResponse(handle.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="network.csv"'
    return response


def _graphml(network: Network, title: str) -> HttpResponse:
    graph = nx.MultiDiGraph(name=title)
    for n in network.nodes:
        graph.add_node(n.key, type=n.type, label=n.label, detail=n.detail, step=n.step or 0)
    for e in network.edges:
        graph.add_edge(
            e.source,
            e.target,
            relation=e.relation_label,
            grading=e.grading,
            first_seen=e.first_seen.isoformat() if e.first_seen else "",
            last_seen=e.last_seen.isoformat() if e.last_seen else "",
            origin=e.origin,
        )
    handle = io.BytesIO()
    nx.write_graphml(graph, handle)
    response = HttpResponse(handle.getvalue(), content_type="application/graphml+xml")
    response["Content-Disposition"] = 'attachment; filename="network.graphml"'
    return response
