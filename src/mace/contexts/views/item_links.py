"""The live meeting screen records connections as links (ADR 31): the "Connections" panel
on an agenda item's run page (registered in mace.contexts.sources), and the view its form
posts to."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from mace.contexts.forms.records import ItemLinkForm
from mace.contexts.models import Context, Link, Node
from mace.contexts.selectors.persons import ends_shown, persons_read_log
from mace.contexts.selectors.records import link_choices, record_links
from mace.contexts.services.links import (
    link_add,
    node_for_child,
    node_for_context,
    node_for_identifier,
)
from mace.meetings.models import AgendaItem, Meeting
from mace.meetings.permissions import can_manage_meetings
from mace.meetings.selectors.agenda import meeting_get_for_user
from mace.people.selectors import child_get_for_user
from mace.web.forms import attach_errors

PANEL_TEMPLATE = "contexts/_item_connections.html"


def _subject_context(item: AgendaItem) -> Context | None:
    if item.child_id or not item.subject_id:
        return None
    if item.subject_type_id != ContentType.objects.get_for_model(Context).pk:
        return None
    return Context.objects.filter(pk=item.subject_id).first()


def _panel_context(*, request, item: AgendaItem, form=None) -> dict | None:
    """The item's subject, its links (each child shown as the people selectors decide, each
    person of concern logged) and the form; None for an item with no record (other business)."""
    context = _subject_context(item)
    if not item.child_id and context is None:
        return None
    if item.child_id:
        node = Node.objects.filter(kind=Node.Kind.CHILD, child_id=item.child_id).first()
    else:
        node = Node.objects.filter(context=context).first()
    links = list(record_links(user=request.user, node=node)) if node is not None else []
    ends = ends_shown(user=request.user, links=links)
    persons_read_log(
        user=request.user,
        contexts=[end.context for pair in ends.values() for end in pair],
        where="live meeting",
    )
    return {
        "item": item,
        "meeting": item.meeting,
        "subject_node": node,
        "links": [(link, *ends[link.pk]) for link in links],
        "form": form
        or ItemLinkForm(
            prefix="link",
            contexts=link_choices(user=request.user, context=context, where="live meeting"),
        ),
        "locked": item.meeting.status != Meeting.Status.SCHEDULED,
    }


def connections_panel(*, request, item):
    """The "Connections" panel: only for those who run meetings."""
    if not can_manage_meetings(request.user):
        return None
    panel = _panel_context(request=request, item=item)
    return (PANEL_TEMPLATE, panel) if panel is not None else None


def other_node(form: ItemLinkForm, contexts: list[Context]) -> Node | None:
    data = form.cleaned_data
    if data.get("other"):
        chosen = {str(c.pk): c for c in contexts}.get(data["other"])
        if chosen is None:
            form.add_error("other", "Choose a record from the list")
            return None
        return node_for_context(chosen)
    try:
        return node_for_identifier(kind=data["identifier_kind"], text=data["identifier"])
    except ValidationError as exc:
        form.add_error("identifier", exc.message_dict.get("text", exc.messages))
        return None


def item_link_add(request, item_id: uuid.UUID):
    """Record a connection from the meeting (origin: a meeting discussion, this item), then
    back to the run page; errors shown again with what was typed."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "child"), pk=item_id)
    meeting = meeting_get_for_user(user=request.user, meeting_id=item.meeting_id)
    if not can_manage_meetings(request.user):
        raise PermissionDenied("Only the MACE coordinator or chair can do this.")
    run_url = reverse("meetings:run_item", args=[meeting.pk, item.pk])
    if request.method != "POST":
        return redirect(run_url)
    if meeting.status != Meeting.Status.SCHEDULED:
        messages.error(request, "This meeting is closed: connections can no longer be recorded.")
        return redirect(run_url)
    if item.child_id:
        child = child_get_for_user(user=request.user, child_id=item.child_id)
        subject = node_for_child(child)
        subject_context = None
    else:
        subject_context = _subject_context(item)
        if subject_context is None:
            messages.error(request, "This item has no record to connect.")
            return redirect(run_url)
        subject = node_for_context(subject_context)
    contexts = link_choices(user=request.user, context=subject_context, where="live meeting")
    form = ItemLinkForm(request.POST, prefix="link", contexts=contexts)
    if form.is_valid():
        other = other_node(form, contexts)
        if other is not None:
            data = form.cleaned_data
            source, target = subject, other
            # A person of concern exploits the child, never the other way round.
            if data["relation"] == Link.Relation.EXPLOITS and subject.kind == Node.Kind.CHILD:
                source, target = other, subject
            try:
                link_add(
                    actor=request.user,
                    source=source,
                    target=target,
                    relation=data["relation"],
                    origin=Link.Origin.MEETING,
                    agenda_item=item,
                    source_grade=data["source_grade"],
                    intelligence_grade=data["intelligence_grade"],
                    handling=data["handling"],
                    handling_conditions=data["handling_conditions"],
                    handling_roles=data["handling_roles"],
                    description=data["description"],
                    first_seen=data["first_seen"],
                    last_seen=data["last_seen"],
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, f"Connection recorded for {item.label}.")
                return redirect(f"{run_url}#connections")
    panel = _panel_context(request=request, item=item, form=form)
    return render(request, "contexts/item_link_form.html", {**panel, "run_url": run_url})
