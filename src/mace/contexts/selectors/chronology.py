"""A context's chronology: everything recorded about it, newest first, in a fixed number of
queries (issue 12: a context is a case with a chronology, as a child's record has one).

Link ends show as the context's page shows them: a child the viewer may not see is "A
child", a record they may not open "A record not open to you", and links with handling code
C only to the roles their conditions allow. Every child shown is logged (``ends_shown``)."""

from __future__ import annotations

from mace.contexts.models import Context, ContextAction, ContextAssessment, Disruption, Link
from mace.contexts.selectors.meetings import context_meetings
from mace.contexts.selectors.persons import ends_shown, persons_read_log
from mace.contexts.selectors.records import record_links
from mace.contexts.selectors.visibility import contexts_visible_to
from mace.web.registry import Entry, at_midday, who

KINDS = {
    "record": "Opened and closed",
    "note": "Notes",
    "link": "Links",
    "disruption": "Disruption",
    "assessment": "Assessments",
    "action": "Plan actions",
    "meeting": "Meetings",
    "meeting_action": "Meeting actions",
}


def chronology_kinds() -> dict[str, str]:
    return dict(KINDS)


def _end_name(end) -> str:
    if end.child is not None:
        return "A child" if end.locked else end.child.full_name
    if end.context is not None:
        return "A record not open to you" if end.context_hidden else end.context.name
    return f"{end.node.get_kind_display()} {end.node.label}".strip()


def _link_entries(*, user, context: Context) -> list[Entry]:
    node = getattr(context, "node", None)
    if node is None:
        return []
    links = list(
        record_links(user=user, node=node, include_retracted=True).select_related(
            "created_by__agency", "retracted_by__agency"
        )
    )
    ends = ends_shown(user=user, links=links)
    others = [end for pair in ends.values() for end in pair if end.node != node]
    context_ids = {end.context.pk for end in others if end.context is not None}
    open_ids = set(
        contexts_visible_to(user).filter(pk__in=context_ids).values_list("pk", flat=True)
    )
    for end in others:
        end.context_hidden = end.context is not None and end.context.pk not in open_ids
    persons_read_log(
        user=user,
        contexts=[end.context for end in others if end.context and not end.context_hidden],
        where="context chronology",
    )
    entries = []
    for link in links:
        source, target = ends[link.pk]
        names = (
            context.name if source.node == node else _end_name(source),
            link.relation_shown,
            context.name if target.node == node else _end_name(target),
        )
        sentence = " ".join(names)
        proposed = link.status == Link.Status.PROPOSED
        entries.append(
            Entry(
                when=link.created_at,
                kind="link",
                title="Link proposed" if proposed else "Link added",
                detail=f"{sentence} ({link.get_origin_display().lower()}, graded {link.grading})",
                recorded_by=who(link.created_by),
            )
        )
        if link.status == Link.Status.RETRACTED and link.retracted_at:
            entries.append(
                Entry(
                    when=link.retracted_at,
                    kind="link",
                    title="Link retracted",
                    detail=f"{sentence}: {link.retraction_reason}",
                    recorded_by=who(link.retracted_by),
                )
            )
    return entries


def _record_entries(context: Context) -> list[Entry]:
    entries = [
        Entry(
            when=at_midday(context.opened_on),
            kind="record",
            title=f"{context.get_kind_display()} opened",
            detail=context.summary,
            recorded_by=who(context.created_by),
        )
    ]
    if context.closed_on:
        entries.append(
            Entry(
                when=at_midday(context.closed_on),
                kind="record",
                title="Record closed",
                detail=context.closed_reason,
            )
        )
    return entries


def _note_entries(context: Context) -> list[Entry]:
    return [
        Entry(
            when=note.created_at,
            kind="note",
            title="Note",
            detail=note.text,
            recorded_by=who(note.created_by),
        )
        for note in context.notes.select_related("created_by__agency")
    ]


def _disruption_entries(context: Context) -> list[Entry]:
    entries = []
    rows = Disruption.objects.filter(context=context).select_related(
        "agency", "created_by__agency", "modified_by__agency"
    )
    for d in rows:
        term = f", to {_day(d.expires_on)}" if d.expires_on else ""
        detail = f"By {d.agency.name}{term}" + (f". {d.details}" if d.details else "")
        entries.append(
            Entry(
                when=at_midday(d.started_on),
                kind="disruption",
                title=f"Disruption: {d.get_tactic_display()}",
                detail=detail,
                recorded_by=who(d.created_by),
            )
        )
        if d.status == Disruption.Status.ENDED and d.ended_on:
            entries.append(
                Entry(
                    when=at_midday(d.ended_on),
                    kind="disruption",
                    title=f"Disruption ended: {d.get_tactic_display()}",
                    detail=d.outcome,
                    recorded_by=who(d.modified_by),
                )
            )
    return entries


def _assessment_entries(context: Context) -> list[Entry]:
    rows = context.assessments.filter(
        status=ContextAssessment.Status.COMPLETED, completed_at__isnull=False
    ).select_related("modified_by__agency")
    entries = []
    for a in rows:
        parts = [f"Level {a.get_level_display().lower()}" if a.level else ""]
        if a.weighting:
            parts.append(a.get_weighting_display().lower())
        entries.append(
            Entry(
                when=a.completed_at,
                kind="assessment",
                title="Assessment completed",
                detail=", ".join(p for p in parts if p),
                recorded_by=who(a.modified_by),
            )
        )
    return entries


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}"


def _owned(action) -> str:
    owner = f" ({action.owner.full_name})" if action.owner_id else ""
    due = _day(action.due_date)
    return f"{action.description}. Owner: {action.owner_agency.name}{owner}; due {due}"


def _action_entries(context: Context) -> list[Entry]:
    rows = ContextAction.objects.filter(context=context).select_related(
        "owner_agency", "owner", "created_by__agency", "modified_by__agency"
    )
    entries = []
    for action in rows:
        entries.append(
            Entry(
                when=action.created_at,
                kind="action",
                title="Action added to the plan",
                detail=_owned(action),
                recorded_by=who(action.created_by),
            )
        )
        if action.status == ContextAction.Status.DONE and action.completed_at:
            entries.append(
                Entry(
                    when=action.completed_at,
                    kind="action",
                    title="Plan action completed",
                    detail=f"{action.description}: {action.completion_note}",
                    recorded_by=who(action.modified_by),
                )
            )
    return entries


def _meeting_entries(*, user, context: Context) -> list[Entry]:
    entries = []
    for row in context_meetings(user=user, context=context):
        meeting, item, d = row.meeting, row.item, row.discussion
        on = f"{meeting.title}, {_day(meeting.date)}"
        if item.status == item.Status.DEFERRED:
            title, detail, by = f"Deferred at {on}", item.status_reason, ""
        elif d is None:
            title, detail, by = f"On the agenda of {on}", "", ""
        else:
            parts = []
            if d.outcome:
                parts.append(f"Outcome: {d.get_outcome_display()}")
            if d.risk_level:
                parts.append(f"Level agreed: {d.get_risk_level_display()}")
            if d.next_review_date:
                parts.append(f"Next review: {_day(d.next_review_date)}")
            if d.risk_analysis:
                parts.append(d.risk_analysis)
            title, detail, by = f"Discussed at {on}", ". ".join(parts), who(d.modified_by)
        entries.append(
            Entry(
                when=at_midday(meeting.date),
                kind="meeting",
                title=title,
                detail=detail,
                recorded_by=by,
            )
        )
        for action in row.actions:
            entries.append(
                Entry(
                    when=at_midday(meeting.date),
                    kind="meeting_action",
                    title=f"Action agreed at {on}",
                    detail=_owned(action),
                    recorded_by=who(action.created_by),
                )
            )
            if action.status == action.Status.DONE and action.completed_at:
                entries.append(
                    Entry(
                        when=action.completed_at,
                        kind="meeting_action",
                        title="Meeting action completed",
                        detail=f"{action.description}: {action.completion_note}",
                    )
                )
    return entries


def context_chronology(*, user, context: Context, kinds=None) -> list[Entry]:
    """Everything recorded about ``context`` that ``user`` may see, newest first; ``kinds``
    (a set of KINDS keys) keeps only those. The caller has fetched the context through
    ``visibility.context_get_for_user``."""
    wanted = set(kinds) if kinds else set(KINDS)
    parts = {
        "record": lambda: _record_entries(context),
        "note": lambda: _note_entries(context),
        "link": lambda: _link_entries(user=user, context=context),
        "disruption": lambda: _disruption_entries(context),
        "assessment": lambda: _assessment_entries(context),
        "action": lambda: _action_entries(context),
    }
    entries: list[Entry] = []
    for kind, read in parts.items():
        if kind in wanted:
            entries.extend(read())
    if wanted & {"meeting", "meeting_action"}:
        entries.extend(e for e in _meeting_entries(user=user, context=context) if e.kind in wanted)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
