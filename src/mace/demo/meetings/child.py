"""Child-focused MACE: each past meeting held, the next two prepared."""

from __future__ import annotations

import datetime as dt

from mace.core import clock
from mace.core.db import statistics_refresh
from mace.demo.meetings.child_texts import (
    DEFER_REASON,
    RECOMMENDATION_ACTION,
    STATUTORY_RECOMMENDATIONS,
)
from mace.demo.meetings.cohort import ChildState
from mace.demo.meetings.series import CHILD_SEATS, DAY, LEVELS, LINK_BASE, REVIEWS_PER_MEETING
from mace.meetings.models import AgendaItem, Invitation, Meeting, Outcome
from mace.meetings.services.agenda import agenda_fill, item_add, item_defer
from mace.meetings.services.invitations import (
    core_invitations_ensure,
    invitation_add,
    invitations_send,
)
from mace.meetings.services.recording import discussion_save, finding_add

# The planner's row counts are refreshed every few meetings as the year's meetings are held
# (mace.core.db.statistics_refresh).
REFRESH_EVERY = 4


class ChildMeetings:
    """Child-focused MACE, meeting by meeting (a part of MeetingMaker)."""

    # Child-focused MACE ------------------------------------------------------------------

    def child_meetings(self, meetings: list[Meeting]) -> None:
        self.schedule = meetings
        past = [m for m in meetings if m.date < self.today]
        self.preparing = (len(past), len(past) + 1)  # the next two, by index
        for index, meeting in enumerate(past):
            if index % REFRESH_EVERY == 0:
                statistics_refresh()  # each meeting's agenda reads the ones before
            self._hold_child_meeting(index, meeting)
        self._prepare(meetings[len(past) : len(past) + 2])

    def _draw(self) -> ChildState | None:
        """A new child for the agenda: from the cohort, higher risk first more often; once
        the cohort is used up, a child who left MACE comes back."""
        pool = self.pool or self.exited
        if not pool:
            return None
        weights = [(1, 2, 3, 4)[state.rank] for state in pool]
        state = self.rng.choices(pool, weights)[0]
        pool.remove(state)
        state.discussions = 0
        state.recommended = state.escalated = False
        self.states[state.child.pk] = state
        return state

    def _hold_child_meeting(self, index: int, meeting: Meeting) -> None:
        coordinator = self.coordinator
        start = meeting.starts_at
        with clock.set_to(start - dt.timedelta(days=7, hours=1)):  # the agenda, a week before
            reviews = agenda_fill(meeting=meeting, actor=coordinator)
            wanted = self.rng.randint(5, 7)
            most = 3 if index >= 3 else 6  # the first meetings take on children known before
            new = min(max(wanted - len(reviews), 1), most, meeting.capacity - len(reviews))
            for _ in range(new):
                state = self._draw()
                if state is None:
                    break
                item_add(actor=coordinator, meeting=meeting, child=state.child)
        items = list(
            meeting.items.filter(status=AgendaItem.Status.LISTED)
            .select_related("child")
            .order_by("position")
        )
        self.counts["items"] += len(items)
        with clock.set_to(start):
            present = self._attendance(meeting, CHILD_SEATS)
        for position, item in enumerate(items):
            slot = dt.timedelta(minutes=meeting.slot_minutes * (position + 1))
            with clock.set_to(start + slot):
                self._discuss_child(index, meeting, item, present)
        with clock.set_to(start + dt.timedelta(minutes=meeting.duration_minutes - 15)):
            for kind, description in self._findings(self.rng.choice((1, 1, 2))):
                finding_add(actor=coordinator, meeting=meeting, kind=kind, description=description)
                self.counts["findings"] += 1
        self._conclude(meeting)

    def _next_rank(self, state: ChildState) -> int:
        if state.discussions == 0:
            return state.rank
        rank, r = state.rank, self.rng.random()
        if rank == 3:
            return 3 if r < 0.65 else 2
        if rank == 2:
            return 2 if r < 0.55 else (1 if r < 0.85 else 3)
        if rank == 1:
            return 1 if r < 0.6 else (0 if r < 0.85 else 2)
        return 0 if r < 0.8 else 1

    def _outcome(self, state: ChildState) -> str:
        r = self.rng.random()
        if state.rank <= 1:
            if state.discussions == 0 and r < 0.4:
                return Outcome.CONTINUE  # a new child: see whether it holds
            return Outcome.STEP_DOWN if r < 0.65 else Outcome.CLOSE
        if state.discussions >= 7:
            return Outcome.STEP_DOWN if state.rank == 2 else Outcome.RECOMMEND_STATUTORY
        if state.rank == 3 and not state.recommended and state.discussions >= 1 and r < 0.15:
            return Outcome.RECOMMEND_STATUTORY
        if state.rank == 3 and not state.escalated and state.discussions >= 4 and r < 0.2:
            return Outcome.ESCALATE_GOLD
        if state.rank == 2 and r < 0.08:
            return Outcome.STEP_DOWN
        return Outcome.CONTINUE

    def _review_date(self, index: int, meeting: Meeting, rank: int) -> dt.date:
        """Back in four, six or eight weeks (sooner at high risk), at a meeting with room
        (the next two meetings first: the demo shows their agendas), on a day no other
        review has (so agenda_fill's order is the same everywhere)."""
        offsets = [2, 3] if rank == 3 else [2, 3, 4]
        self.rng.shuffle(offsets)
        targets = sorted((index + o for o in offsets), key=lambda t: t not in self.preparing)
        target = next(
            (t for t in targets if self.load[t] < REVIEWS_PER_MEETING),
            min(targets, key=lambda t: (self.load[t], t)),
        )
        self.load[target] += 1
        if target < len(self.schedule):
            due, before = self.schedule[target].date, self.schedule[target - 1].date
        else:
            due = meeting.date + dt.timedelta(weeks=2 * (target - index))
            before = due - dt.timedelta(weeks=2)
        days = [due - d * DAY for d in range(12) if due - d * DAY > before]
        free = [day for day in days if day not in self.review_days] or days
        day = self.rng.choice(free)
        self.review_days.add(day)
        return day

    def _discuss_child(self, index: int, meeting: Meeting, item: AgendaItem, present) -> None:
        rng, actor = self.rng, self.coordinator
        state = self.states[item.child_id]
        state.rank = self._next_rank(state)
        level = LEVELS[state.rank]
        outcome = self._outcome(state)
        fields = {
            "risk_analysis": rng.choice(state.texts["analysis"][level]),
            "push_factors": rng.choice(state.texts["push"]),
            "pull_factors": rng.choice(state.texts["pull"]) if state.rank else "",
            "connectivity": rng.choice(state.texts["connectivity"]),
            "risk_level": level,
            "outcome": outcome,
        }
        if outcome == Outcome.CONTINUE:
            fields["next_review_date"] = self._review_date(index, meeting, state.rank)
        elif outcome == Outcome.RECOMMEND_STATUTORY:
            fields["statutory_recommendation"] = rng.choice(STATUTORY_RECOMMENDATIONS)
            state.recommended = True
        elif outcome == Outcome.ESCALATE_GOLD:
            state.escalated = True
        discussion = discussion_save(actor=actor, item=item, **fields)
        self.counts["discussions"] += 1
        sharing = [kind for kind in present if kind in state.texts["contributions"]]
        kinds = sorted(rng.sample(sharing, min(len(sharing), rng.randint(3, 5))))
        self._contribute(
            discussion, [(kind, rng.choice(state.texts["contributions"][kind])) for kind in kinds]
        )
        if outcome in (Outcome.CONTINUE, Outcome.ESCALATE_GOLD) or (
            outcome == Outcome.STEP_DOWN and rng.random() < 0.5
        ):
            count = rng.choice((1, 2, 2, 3)) if outcome != Outcome.STEP_DOWN else 1
            for kind, text, note in rng.sample(state.texts["actions"], count):
                self._action(meeting, item, kind, text, note)
        if outcome == Outcome.RECOMMEND_STATUTORY:
            self._action(
                meeting,
                item,
                "childrens_social_work",
                RECOMMENDATION_ACTION,
                "Strategy discussion held; outcome shared with MACE.",
                recommendation=True,
            )
        state.discussions += 1
        state.outcome = outcome
        if outcome != Outcome.CONTINUE:
            self.exited.append(state)

    # The next two child-focused meetings (now) --------------------------------------------

    def _prepare(self, upcoming: list[Meeting]) -> None:
        """Agendas for the next two meetings; invitations, sent for the first."""
        actor = self.coordinator
        for meeting in upcoming:
            self.counts["upcoming_items"] += len(agenda_fill(meeting=meeting, actor=actor))
        if not upcoming:
            return
        first = upcoming[0]
        listed = list(first.items.filter(status=AgendaItem.Status.LISTED).order_by("position"))
        if len(upcoming) > 1 and len(listed) > 2:
            item_defer(actor=actor, item=listed[-1], reason=DEFER_REASON)
        state = self._draw()
        if state is not None:
            item_add(actor=actor, meeting=first, child=state.child)
            self.counts["upcoming_items"] += 1
        on_first = set(first.items.exclude(child=None).values_list("child_id", flat=True))
        stepped_down = next(
            (
                s
                for s in reversed(self.exited)
                if s.outcome == Outcome.STEP_DOWN and s.child.pk not in on_first
            ),
            None,
        )
        if stepped_down is not None:
            item_add(actor=actor, meeting=first, child=stepped_down.child, for_information=True)
            self.counts["upcoming_items"] += 1
        for meeting in upcoming:
            self.counts["invitations"] += len(core_invitations_ensure(actor=actor, meeting=meeting))
            item = (
                meeting.items.filter(status=AgendaItem.Status.LISTED, for_information=False)
                .exclude(child=None)
                .order_by("position")
                .first()
            )
            if item is not None:
                invitation_add(
                    actor=actor,
                    item=item,
                    user=self.practitioner,
                    capacity=Invitation.Capacity.SOCIAL_WORKER,
                )
                self.counts["invitations"] += 1
        self.counts["invitations_sent"] += invitations_send(
            actor=actor, meeting=first, link_base=LINK_BASE
        )
