"""Putting contexts on a contextual MACE meeting's agenda (ADR 33): from a context's page,
from a co-occurrence alert (which it closes), and from a finding of a child-focused meeting
(an item about a theme, opened if need be). The item itself is meetings' own
(``meetings.services.agenda.item_add``: the coordinator or chair, audited there)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.accounts.models import Role
from mace.accounts.permissions import has_role
from mace.contexts.models import Alert, Context
from mace.contexts.services.links import alert_close
from mace.contexts.services.records import context_open
from mace.contexts.services.themes import theme_tag
from mace.meetings.models import AgendaItem, Finding, Kind, Meeting
from mace.meetings.permissions import can_manage_meetings
from mace.meetings.services import agenda as meeting_agenda

# A context's kind is the subject of its item (the two lists share their values).
SUBJECT_OF_KIND = {
    Context.Kind.PLACE: AgendaItem.Subject.PLACE,
    Context.Kind.PEER_GROUP: AgendaItem.Subject.PEER_GROUP,
    Context.Kind.PERSON: AgendaItem.Subject.PERSON,
    Context.Kind.THEME: AgendaItem.Subject.THEME,
}


def may_build_agenda(actor) -> bool:
    """The coordinator and the chair build agendas; the analyst, who prepares the contextual
    MACE, may put contexts on a contextual meeting's (ADR 29)."""
    return can_manage_meetings(actor) or has_role(actor, Role.ANALYST)


def require_agenda_builder(actor) -> None:
    if not may_build_agenda(actor):
        raise PermissionDenied(
            "Only the MACE coordinator, the chair or the analyst can change this agenda."
        )


def listed_item_of(*, meeting: Meeting, context: Context) -> AgendaItem | None:
    """The item about this context listed on this meeting's agenda, if any."""
    return AgendaItem.objects.filter(
        meeting=meeting,
        subject_type=ContentType.objects.get_for_model(Context),
        subject_id=context.pk,
        status=AgendaItem.Status.LISTED,
    ).first()


def context_agenda_add(
    *, actor, meeting: Meeting, context: Context, alert: Alert | None = None
) -> AgendaItem:
    """Put a context on a coming contextual MACE meeting: one listed item per context per
    meeting. With ``alert`` (an open co-occurrence alert about this context), the alert is
    closed as put on the agenda, in the same transaction."""
    require_agenda_builder(actor)
    if meeting.kind != Kind.CONTEXT:
        raise ValidationError({"meeting": "Contexts are discussed at contextual MACE meetings"})
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError({"meeting": "Choose a meeting that has not been held yet"})
    if context.status != Context.Status.OPEN:
        raise ValidationError({"meeting": "This record is closed: reopen it to discuss it"})
    if alert is not None and alert.context_id != context.pk:
        raise ValueError("The alert is about another context")
    with transaction.atomic():
        # One at a time per meeting, so two coordinators cannot list the same context twice.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if listed_item_of(meeting=meeting, context=context) is not None:
            raise ValidationError(
                {"meeting": f"{context.name} is already on the agenda of {meeting}"}
            )
        item = meeting_agenda.item_add(
            actor=actor,
            meeting=meeting,
            subject=SUBJECT_OF_KIND[context.kind],
            subject_object=context,
        )
        if alert is not None:
            alert_close(
                actor=actor,
                alert=alert,
                status=Alert.Status.ON_AGENDA,
                reason=f"On the agenda of {meeting}",
            )
    return item


def finding_agenda_add(
    *, actor, meeting: Meeting, finding: Finding, theme: Context | None = None, name: str = ""
) -> AgendaItem:
    """Put a theme, trend or suspected perpetrator a child-focused meeting raised on the
    contextual agenda, as an item about a theme: ``theme`` chosen, or the open theme called
    ``name`` (opened if none of that name exists). The finding is tagged with the theme."""
    require_agenda_builder(actor)
    if finding.meeting.kind != Kind.CHILD:
        raise ValueError("Only findings of child-focused meetings are brought to this agenda")
    name = " ".join((name or "").split())
    with transaction.atomic():
        if theme is None:
            if not name:
                raise ValidationError({"name": "Choose a theme, or enter the name of a new one"})
            theme = (
                Context.objects.filter(
                    kind=Context.Kind.THEME, status=Context.Status.OPEN, name__iexact=name
                )
                .order_by("opened_on")
                .first()
            )
            if theme is None:
                theme = context_open(
                    actor=actor,
                    kind=Context.Kind.THEME,
                    name=name,
                    summary=finding.description[:2000],
                )
        elif theme.kind != Context.Kind.THEME:
            raise ValidationError({"theme": "Choose a theme"})
        item = context_agenda_add(actor=actor, meeting=meeting, context=theme)
        theme_tag(actor=actor, theme=theme, target=finding, occurred_on=finding.meeting.date)
    return item
