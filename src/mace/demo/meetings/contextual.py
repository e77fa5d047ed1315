"""Contextual MACE: places, peer groups and themes, meeting by meeting."""

from __future__ import annotations

import datetime as dt

from mace.contexts.models import Context
from mace.contexts.services.themes import theme_tag
from mace.core import clock
from mace.demo.meetings.context_texts import CONTEXTS, _context_contribution
from mace.demo.meetings.series import CONTEXT_SEATS, LEVELS
from mace.meetings.models import Meeting, Outcome
from mace.meetings.services.agenda import item_add
from mace.meetings.services.invitations import core_invitations_ensure
from mace.meetings.services.recording import discussion_save, finding_add


class ContextualMeetings:
    """Contextual MACE (a part of MeetingMaker)."""

    # The city's records by name (NetworkMaker.build), and each record's themes.
    contexts: dict[str, Context] = {}
    context_themes: dict[object, list[Context]] = {}

    def _context_item(self, meeting: Meeting, subject: str, title: str):
        """The record on the agenda (one record across meetings), or, for a subject the
        city has no record of, the title."""
        record = self.contexts.get(title)
        if record is None:
            return item_add(actor=self.coordinator, meeting=meeting, subject=subject, title=title)
        return item_add(
            actor=self.coordinator,
            meeting=meeting,
            subject=subject,
            subject_object=record,
            title=record.name,  # as the agenda printed it, should the record be renamed
        )

    # Contextual MACE -----------------------------------------------------------------------

    def context_meetings(self, meetings: list[Meeting]) -> None:
        """Places, peer groups and themes, each discussed at a run of meetings until the
        disruption works and it is closed; the next meeting's agenda."""
        rng, actor = self.rng, self.coordinator
        past = [m for m in meetings if m.date < self.today]
        runs = []
        for context in CONTEXTS:
            length = rng.randint(3, 6)
            start = rng.randint(-2, max(len(past) - 2, 0))
            runs.append((context, max(start, 0), start + length))
        for index, meeting in enumerate(past):
            active = [run for run in runs if run[1] <= index < run[2]][:3]
            for offset in range(len(runs)):
                if len(active) >= 2:
                    break
                run = runs[(index + offset) % len(runs)]  # an update on a quieter context
                if run not in active:
                    active.append(run)
            start = meeting.starts_at
            with clock.set_to(start - dt.timedelta(days=7, hours=1)):
                items = [self._context_item(meeting, c[0], c[1]) for c, _, _ in active]
            self.counts["items"] += len(items)
            with clock.set_to(start):
                present = self._attendance(meeting, CONTEXT_SEATS)
            for position, (item, (context, _, end)) in enumerate(zip(items, active, strict=True)):
                _, title, level, known, links, actions = context
                closing = index == end - 1
                rank = max(LEVELS.index(level) - (1 if closing else 0), 1)
                fields = {
                    "risk_analysis": known
                    if not closing
                    else f"{known} Disruption has worked: no reports since the last meeting.",
                    "connectivity": links,
                    "risk_level": LEVELS[rank],
                    "outcome": Outcome.CLOSE if closing else Outcome.CONTINUE,
                }
                if not closing:
                    fields["next_review_date"] = meeting.date + dt.timedelta(weeks=4)
                slot = dt.timedelta(minutes=meeting.slot_minutes * (position + 1))
                with clock.set_to(start + slot):
                    discussion = discussion_save(actor=actor, item=item, **fields)
                    self.counts["discussions"] += 1
                    record = self.contexts.get(title)
                    for theme in self.context_themes.get(getattr(record, "pk", None), ()):
                        theme_tag(actor=actor, theme=theme, target=discussion)
                        self.counts["theme_tags"] += 1
                    self._contribute(
                        discussion, [(k, _context_contribution(k, title)) for k in present[:3]]
                    )
                    if not closing:
                        kind, text, note = actions[index % len(actions)]
                        self._action(meeting, None, kind, text, note)
            with clock.set_to(start + dt.timedelta(minutes=meeting.duration_minutes - 15)):
                for kind, description in self._findings(1):
                    finding_add(actor=actor, meeting=meeting, kind=kind, description=description)
                    self.counts["findings"] += 1
            self._conclude(meeting)
        for meeting in [m for m in meetings if m.date >= self.today][:1]:
            for context, _, _ in [r for r in runs if r[2] > len(past)][:3] or runs[:2]:
                self._context_item(meeting, context[0], context[1])
                self.counts["upcoming_items"] += 1
            self.counts["invitations"] += len(core_invitations_ensure(actor=actor, meeting=meeting))
