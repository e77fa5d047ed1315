"""The contextual meetings that discussed a context: what each recorded (outcome, level
agreed, next review) and the actions it agreed, as a child's record shows its meetings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch

from mace.contexts.models import Context
from mace.meetings.models import Action, AgendaItem


@dataclass(frozen=True)
class ContextMeeting:
    """One agenda item about the context: its meeting, its discussion if recorded, and the
    meeting's actions on the item (owned by agencies and their staff; no child named)."""

    item: AgendaItem
    discussion: object = None
    actions: list = field(default_factory=list)

    @property
    def meeting(self):
        return self.item.meeting


def context_meetings(*, user, context: Context) -> list[ContextMeeting]:
    """The agenda items about ``context`` (listed or deferred), newest meeting first, in
    two queries however many. The caller has fetched the context through
    ``visibility.context_get_for_user``: whoever may see the context sees its meetings."""
    items = (
        AgendaItem.objects.filter(
            subject_type=ContentType.objects.get_for_model(Context),
            subject_id=context.pk,
            status__in=(AgendaItem.Status.LISTED, AgendaItem.Status.DEFERRED),
        )
        .select_related("meeting", "discussion", "discussion__modified_by__agency")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related(
                    "owner_agency", "owner", "created_by__agency"
                ).order_by("due_date", "created_at"),
            )
        )
        .order_by("-meeting__date", "-meeting__start_time", "position")
    )
    rows = []
    for item in items:
        try:
            discussion = item.discussion
        except AgendaItem.discussion.RelatedObjectDoesNotExist:
            discussion = None
        rows.append(
            ContextMeeting(item=item, discussion=discussion, actions=list(item.actions.all()))
        )
    return rows
