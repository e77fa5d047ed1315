"""The child's chronology: each MACE discussion of the child, and each action agreed."""

from __future__ import annotations

from django.urls import reverse

from mace.meetings.models import Action, AgendaItem, Discussion
from mace.web.registry import Entry, at_midday, who


def meeting_chronology(*, child) -> list[Entry]:
    """Each MACE discussion of the child, and each action agreed for them."""
    entries: list[Entry] = []
    discussions = Discussion.objects.filter(
        item__child=child, item__status=AgendaItem.Status.LISTED
    ).select_related("item__meeting", "modified_by__agency")
    for d in discussions:
        meeting = d.item.meeting
        parts = [p for p in (d.get_risk_level_display(), d.get_outcome_display()) if p]
        detail = d.risk_analysis
        if d.statutory_recommendation:
            detail += f" Recommended: {d.statutory_recommendation}"
        if d.next_review_date:
            detail += f" Next review {d.next_review_date:%-d %B %Y}."
        entries.append(
            Entry(
                when=meeting.starts_at,
                kind="mace_discussion",
                title=f"Discussed at {meeting.title}"
                + (f": {', '.join(parts).lower()}" if parts else ""),
                detail=detail.strip(),
                recorded_by=who(d.modified_by),
                recorded_at=d.modified_at,
                url=reverse("meetings:detail", args=[meeting.pk]),
            )
        )
    actions = Action.objects.filter(child=child).select_related(
        "meeting", "owner_agency", "owner", "created_by__agency"
    )
    for a in actions:
        owner = f"{a.owner.full_name}, " if a.owner else ""
        entries.append(
            Entry(
                when=at_midday(a.meeting.date),
                kind="mace_action",
                title=f"MACE action for {owner}{a.owner_agency.name}, due {a.due_date:%-d %b %Y}"
                + (f" (done: {a.completion_note})" if a.status == Action.Status.DONE else ""),
                detail=a.description,
                recorded_by=who(a.created_by),
                recorded_at=a.created_at,
            )
        )
    return entries
