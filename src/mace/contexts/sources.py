"""What contexts adds to the pages of the apps below it (imported by receivers.connect()):
the proposals waiting on "Your tasks", and the "Connections" panel of the live meeting
screen (ADR 31)."""

from __future__ import annotations

from mace.contexts.permissions import can_resolve_persons
from mace.contexts.selectors.persons import links_to_decide, mentions_to_decide
from mace.web.pages import register_record_context
from mace.web.registry import (
    TaskSection,
    register_agenda_link,
    register_item_panel,
    register_item_summary,
    register_tasks,
)


def proposals_tasks(*, user) -> list[TaskSection]:
    """How many suspected perpetrators and proposed links wait for the coordinator or the
    analyst (counts only: the page itself names them)."""
    if not can_resolve_persons(user):
        return []
    persons = mentions_to_decide(user=user).count()
    links = links_to_decide(user=user).count()
    rows = [{"persons": persons, "links": links}] if persons or links else []
    return [
        TaskSection(40, "Contextual proposals to decide", "contexts/_tasks_proposals.html", rows)
    ]


def proposals_task_count(*, user) -> int:
    """What waits on the proposals page for this user."""
    if not can_resolve_persons(user):
        return 0
    return mentions_to_decide(user=user).count() + links_to_decide(user=user).count()


def connections_panel(*, request, item):
    from mace.contexts.views.item_links import connections_panel as panel

    return panel(request=request, item=item)


register_tasks("contexts", proposals_tasks, count=proposals_task_count)
register_item_panel("contexts.connections", connections_panel, position=10)


def _plan_actions_owned(user):
    from mace.contexts.models import ContextAction

    if not (user.is_authenticated and user.is_active):
        return ContextAction.objects.none()
    return ContextAction.objects.filter(owner=user, status=ContextAction.Status.OPEN)


def plan_action_tasks(*, user) -> list[TaskSection]:
    """The open actions of contexts' plans that the user owns (the owner sees the context
    while the action is open; no child is named)."""
    rows = list(_plan_actions_owned(user).select_related("context").order_by("due_date")[:100])
    if not rows:
        return []
    return [
        TaskSection(
            25, "Actions on places, groups and persons", "contexts/_tasks_actions.html", rows
        )
    ]


def plan_action_task_count(*, user) -> int:
    return _plan_actions_owned(user).count()


register_tasks("contexts.actions", plan_action_tasks, count=plan_action_task_count)


def _record_sections(user, child) -> dict:
    """The child's record links to the child's network, for those who explore networks."""
    from django.urls import reverse

    from mace.contexts.selectors.visibility import sees_all_contexts

    if not sees_all_contexts(user):
        return {"record_sections": []}
    return {"record_sections": [("Network", reverse("contexts:child_network", args=[child.pk]))]}


register_record_context("contexts.sections", _record_sections)


def _agenda_links(*, user, meeting):
    from mace.contexts.selectors.agenda import agenda_builder_links

    return agenda_builder_links(user=user, meeting=meeting)


def _item_summaries(*, user, items):
    from mace.contexts.selectors.agenda import context_summaries

    return context_summaries(user=user, items=items)


register_agenda_link("contexts.agenda", _agenda_links)
register_item_summary("contexts.summary", _item_summaries)
