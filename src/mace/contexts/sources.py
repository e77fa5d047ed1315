"""What contexts adds to the pages of the apps below it (imported by receivers.connect()):
the proposals waiting on "Your tasks", and the "Connections" panel of the live meeting
screen (ADR 31)."""

from __future__ import annotations

from mace.contexts.permissions import can_resolve_persons
from mace.contexts.selectors.persons import links_to_decide, mentions_to_decide
from mace.web.registry import TaskSection, register_item_panel, register_tasks


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
