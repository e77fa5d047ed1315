"""VRMPs: the plan, its versions, reviews and actions."""

from __future__ import annotations

import bisect
import datetime as dt
import uuid

from mace.demo import risk_data as rd
from mace.demo.risk.common import HOUR, LEVELS, LOOKED_AFTER, _weekday
from mace.demo.risk.record import Record, _Assessed
from mace.demo.rows import Row
from mace.demo.sampling import new_uuid
from mace.risk.models import Level, Vrmp, VrmpAction, VrmpReview


class VrmpRows:
    """A child's plan (a part of RiskMaker)."""

    # VRMP ----------------------------------------------------------------------------

    def _vrmp_content(self, child: Row, profile: str, day: dt.date, weeks: int) -> Row:
        rng = self.rng
        legal = child["legal_status"]
        vulnerabilities = [self._pick(self.t.vulnerabilities[profile])]
        if legal in LOOKED_AFTER:
            vulnerabilities.append(rd.VULNERABILITY_EXTRAS["looked_after"])
        elif legal == "care_leaver":
            vulnerabilities.append(rd.VULNERABILITY_EXTRAS["care_leaver"])
        if child["learning_disability"]:
            vulnerabilities.append(rd.VULNERABILITY_EXTRAS["learning_disability"])
        placed = legal in LOOKED_AFTER
        return {
            "vulnerabilities": " ".join(vulnerabilities),
            "protective_factors": self._pick(self.t.protective_text),
            "push_factors": " ".join(rng.sample(self.t.push, 2)),
            "pull_factors": " ".join(rng.sample(self.t.pull, 2)),
            "reporting_strategy": self._pick(
                rd.REPORTING_LOOKED_AFTER if placed else rd.REPORTING_AT_HOME
            ),
            "la_minimum_enquiries": self._pick(self.t.la_enquiries),
            "police_minimum_enquiries": self._pick(self.t.police_enquiries),
            "return_interview_strategy": self._pick(self.t.return_strategy),
            "intervention_strategy": self._pick(self.t.intervention),
            "contingency_plan": self._pick(self.t.contingency),
            "review_frequency_weeks": weeks,
            "next_review_date": day + dt.timedelta(weeks=weeks),
        }

    def _vrmp(
        self, record: Record, child: Row, history: list[_Assessed], profile: str
    ) -> tuple[uuid.UUID | None, bool]:
        """The child's plan, if their risk has been medium or high; (its id, whether it has an
        open police action).

        Plans stay active: a child whose risk has fallen has a plan whose latest review
        records the step down (the record pages show only the active plan, and nothing
        closes one yet).
        """
        rng = self.rng
        raised = [i for i, a in enumerate(history) if a.rank >= 2]
        if not raised:
            return None, False
        latest = history[-1].rank
        if rng.random() >= (0.85, 0.85, 0.88, 0.95)[latest]:
            return None, False
        first = history[raised[0]]
        start = self._workday(first.day + dt.timedelta(days=self._int(3, 21)))
        lead = self.staff.lead(rng.random())
        weeks = self.review_weeks.pick(rng)
        vrmp_id = new_uuid(rng)
        record.add(
            "vrmps",
            {
                "id": vrmp_id,
                "child_id": child["id"],
                "lead_professional_id": lead[0],
                "status": Vrmp.Status.ACTIVE,
                **self._stamps(lead, self._office(start, early=True)),
            },
        )
        # Versions: the first, then a revision after some later assessments (three at most).
        versions: list[tuple[dt.date, Row]] = []
        plan_from = [(start, first.row["id"])]
        for index in range(raised[0] + 1, len(history)):
            assessed = history[index]
            day = self._workday(assessed.day + dt.timedelta(days=self._int(2, 10)))
            changed = assessed.rank != history[index - 1].rank
            if day > plan_from[-1][0] and (changed or rng.random() < 0.4) and len(plan_from) < 3:
                plan_from.append((day, assessed.row["id"]))
        for number, (day, assessment_id) in enumerate(plan_from, start=1):
            row = {
                "id": new_uuid(rng),
                "vrmp_id": vrmp_id,
                "number": number,
                "assessment_id": assessment_id,
                **self._vrmp_content(child, profile, day, weeks),
                **self._stamps(lead, self._office(day, early=True)),
            }
            versions.append((day, record.add("vrmp_versions", row)))
        self._reviews(record, vrmp_id, versions, history, lead, weeks, start)
        return vrmp_id, self._actions(record, vrmp_id, versions, lead)

    def _reviews(self, record, vrmp_id, versions, history, lead, weeks, start) -> None:
        rng = self.rng
        days = []
        day = start
        while True:
            day = _weekday(day + dt.timedelta(weeks=weeks, days=self._int(-5, 7)))
            if day > self.today:
                break
            days.append(day)
        if days and rng.random() < 0.15:
            days.pop()  # the last review did not happen: the plan's review is overdue
        assessed_days = [a.day for a in history]
        previous_rank = history[bisect.bisect_right(assessed_days, start) - 1].rank
        latest_rank = history[-1].rank
        not_working = latest_rank == 3 and rng.random() < 0.35
        for index, day in enumerate(days):
            rank = history[max(bisect.bisect_right(assessed_days, day) - 1, 0)].rank
            last = index == len(days) - 1
            r = rng.random()
            if last and not_working:
                effect = VrmpReview.Effect.NO
            elif last and latest_rank < 2 and rank < 2:
                effect = VrmpReview.Effect.YES
            elif rank > previous_rank:
                effect = VrmpReview.Effect.NO if r < 0.6 else VrmpReview.Effect.PARTLY
            elif rank < previous_rank:
                effect = VrmpReview.Effect.YES if r < 0.7 else VrmpReview.Effect.PARTLY
            else:
                effect = (
                    VrmpReview.Effect.PARTLY
                    if r < 0.5
                    else VrmpReview.Effect.YES
                    if r < 0.85 or rank == 3
                    else VrmpReview.Effect.NO
                )
            previous_rank = rank
            notes = self._pick(self.t.review_notes[effect])
            if last and latest_rank < 2 and rank < 2:
                notes = rd.STEP_DOWN_NOTE.format(level=Level(LEVELS[rank]).label.lower())
            version_id = versions[0][1]["id"]
            for version_day, version in versions:
                if version_day <= day:
                    version_id = version["id"]
            record.add(
                "vrmp_reviews",
                {
                    "id": new_uuid(rng),
                    "vrmp_id": vrmp_id,
                    "version_id": version_id,
                    "reviewed_on": day,
                    "effect": effect,
                    "notes": notes,
                    "next_review_date": day + dt.timedelta(weeks=weeks),
                    **self._stamps(lead, self._office(day)),
                },
            )

    def _actions(self, record, vrmp_id, versions, lead) -> bool:
        """The plan's actions; True if an open one is owned by police."""
        rng = self.rng
        police_open = False
        agreed: set[str] = set()  # a plan does not agree the same action twice
        for number, (day, version) in enumerate(versions, start=1):
            created = version["created_at"] + dt.timedelta(minutes=self._int(5, 50))
            created = min(created, self.now)
            for index in range(self._int(2, 4) if number == 1 else self._int(1, 2)):
                kind = "police" if (number == 1 and index == 0) else self.action_agencies.pick(rng)
                options = [d for d in self.t.actions[kind] if d not in agreed]
                if not options:
                    continue
                description = self._pick(options)
                agreed.add(description)
                due = _weekday(day + dt.timedelta(days=self._int(14, 56)))
                status, completed, note = self._action_outcome(day, due, created)
                row = {
                    "id": new_uuid(rng),
                    "vrmp_id": vrmp_id,
                    "description": description,
                    "owner_agency_id": self.agencies[kind],
                    "owner_id": None,
                    "due_date": due,
                    "status": status,
                    "completed_at": completed if status == VrmpAction.Status.DONE else None,
                    "completion_note": note,
                    "_agency": kind,
                    **self._stamps(lead, created, completed or created),
                }
                record.add("vrmp_actions", row)
                if kind == "police" and status == VrmpAction.Status.OPEN:
                    police_open = True
        return police_open

    def _action_outcome(self, day, due, created) -> tuple[str, dt.datetime | None, str]:
        """Open, done or cancelled; when it was closed; the note. Mostly done once due, some
        overdue; a few done early."""
        r = self.rng.random()
        if due < self.today:
            if r < 0.70:
                status = VrmpAction.Status.DONE
            else:
                status = VrmpAction.Status.OPEN if r < 0.92 else VrmpAction.Status.CANCELLED
        else:
            status = VrmpAction.Status.DONE if r < 0.15 else VrmpAction.Status.OPEN
        if status == VrmpAction.Status.OPEN:
            return status, None, ""
        span = max((min(due + dt.timedelta(days=14), self.today) - day).days, 1)
        finished = self._workday(day + dt.timedelta(days=self._int(1, span)))
        when = min(max(self._office(finished), created + HOUR), self.now)
        if status == VrmpAction.Status.CANCELLED:
            return status, when, "No longer needed after the plan was revised."
        return status, when, self._pick(self.t.completion_notes)

    def _give_member_police_actions(self, record: Record, vrmp_id, child_id) -> None:
        """The demo member (a police officer) owns this plan's police actions."""
        member = self.staff.member_id
        for row in record.rows["vrmp_actions"]:
            if row["vrmp_id"] == vrmp_id and row["_agency"] == "police":
                row["owner_id"] = member
                if row["status"] != VrmpAction.Status.OPEN:
                    row["modified_by_id"] = row["history_user_id"] = member
        self.member_children_left -= 1
        self.member_child_ids.append(child_id)
