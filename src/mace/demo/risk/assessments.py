"""Risk assessments: grades that reach the level aimed at, and what the engine proposes for them."""

from __future__ import annotations

import datetime as dt

from mace.demo import risk_data as rd
from mace.demo.risk.common import GRADES, HOUR, LEVELS, _weekday
from mace.demo.risk.record import Record, _Assessed
from mace.demo.risk.staff import UserRef
from mace.demo.rows import Row
from mace.demo.sampling import Weighted, age_on, new_uuid
from mace.risk.models import Assessment, Level
from mace.risk.models.assessment import GRADE_RANK, LEVEL_RANK


class AssessmentRows:
    """A child's assessments (a part of RiskMaker)."""

    # Assessments ---------------------------------------------------------------------

    def _indicator_pool(self, profile: str) -> list[str]:
        """The child's indicators, most likely to be graded first (weighted, no repeats)."""
        rng = self.rng
        keyed = [(rng.random() ** (1.0 / w), code) for code, w in self.profile_weights[profile]]
        keyed.sort(reverse=True)
        return [code for _, code in keyed[:8]]

    def _grades_for(self, rank: int, pool: list[str]) -> dict[str, str]:
        """Grades aimed at a level; the engine then says what level they give."""
        rng = self.rng
        grades: dict[str, str] = {}
        if rank == 1:
            for code in pool[: self._int(1, 4)]:
                grades[code] = "low"
        elif rank == 2:
            if rng.random() < 0.12:
                for code in pool[: self._int(5, 6)]:
                    grades[code] = "low"
            else:
                mediums = self._int(1, 3)
                for code in pool[:mediums]:
                    grades[code] = "medium"
                for code in pool[mediums : mediums + self._int(0, 3)]:
                    grades[code] = "low"
        elif rank == 3:
            if rng.random() < 0.2:
                # Medium in four domains, nothing high.
                seen: set[str] = set()
                for code in pool + self.codes:
                    if len(seen) < 4 and self.domain_of[code] not in seen:
                        seen.add(self.domain_of[code])
                        grades[code] = "medium"
            else:
                highs = self._int(1, 2)
                mediums = self._int(1, 3)
                for code in pool[:highs]:
                    grades[code] = "high"
                for code in pool[highs : highs + mediums]:
                    grades[code] = "medium"
                for code in pool[highs + mediums : highs + mediums + self._int(0, 2)]:
                    grades[code] = "low"
        return self._towards(rank, grades, pool)

    def _towards(self, rank: int, grades: dict[str, str], pool: list[str]) -> dict[str, str]:
        """Nudge grades one step at a time until the engine proposes ``rank`` (a partnership's
        own catalogue may have other rules); gives up after a few steps and keeps what the
        engine says."""
        for _ in range(16):
            have = LEVEL_RANK[self.propose(grades)]
            if have == rank:
                break
            if have < rank:
                code = next(
                    (c for c in pool + self.codes if GRADE_RANK[grades.get(c, "not_present")] < 3),
                    None,
                )
                if code is None:
                    break
                grades[code] = GRADES[GRADE_RANK[grades.get(code, "not_present")] + 1]
            else:
                code = max(grades, key=lambda c: GRADE_RANK[grades[c]], default=None)
                if code is None:
                    break
                lower = GRADES[GRADE_RANK[grades[code]] - 1]
                if lower == "not_present":
                    del grades[code]
                else:
                    grades[code] = lower
        return grades

    def _trajectory(self, latest: int, count: int) -> list[int]:
        """Agreed levels, oldest first, ending at ``latest``: rising, falling or steady."""
        rng = self.rng
        if count == 1:
            return [latest]
        kinds = [
            (kind, weight)
            for kind, weight in self.trajectories.items()
            if not (kind == "rising" and latest == 0) and not (kind == "falling" and latest == 3)
        ]
        kind = Weighted(kinds).pick(rng)
        levels = [latest]
        current = latest
        for step_index in range(count - 1):
            step = 1 if step_index == 0 else self._pick((0, 1))
            if kind == "rising":
                current = max(0, current - step)
            elif kind == "falling":
                current = min(3, current + step)
            levels.append(current)
        return levels[::-1]

    def _assessment_dates(self, count: int, dob: dt.date) -> list[dt.date]:
        day = self._days_back(2, 110)
        days = [day]
        for _ in range(count - 1):
            day -= dt.timedelta(days=self._int(75, 120))
            days.append(day)
        earliest = self._birthday(dob, 8)
        return [_weekday(d) for d in reversed(days) if d >= earliest] or [_weekday(days[0])]

    def _row(
        self,
        child: Row,
        *,
        kind: str,
        day: dt.date,
        grades: dict[str, str],
        evidence: dict[str, str],
        final_rank: int | None,
        who: UserRef,
        trend: str,
    ) -> Row:
        rng = self.rng
        full = {**self._blank, **grades}  # every indicator, in the catalogue's order
        proposed = self.propose(grades)
        prompts = self._prompts(age_on(child["date_of_birth"], day), child, full)
        for code in grades:
            if code not in evidence:
                evidence[code] = self._pick(self.t.evidence.get(code) or self.t.generic_evidence)
        domains = self.t.protective_domains
        protective = {
            d: self._pick(self.t.protective_factors[d])
            for d in rng.sample(domains, min(len(domains), self._int(0, 2)))
        }
        created = self._office(day, early=True)
        row = {
            "id": new_uuid(rng),
            "child_id": child["id"],
            "catalogue_id": self.catalogue_id,
            "kind": kind,
            "status": Assessment.Status.DRAFT,
            "assessed_on": day,
            "assessor_id": who[0],
            "assessor_agency_id": who[1],
            "grades": full,
            "evidence": {code: evidence[code] for code in self.codes if code in grades},
            "protective_factors": protective,
            "analysis": "",
            "proposed_level": proposed,
            "final_level": "",
            "override_rationale": "",
            "prompts": prompts,
            "completed_at": None,
        }
        if final_rank is None:  # a draft, saved a little later the same day
            row.update(self._stamps(who, created, created + self._int(1, 4) * HOUR))
            return row
        final = LEVELS[final_rank]
        rationale = ""
        if final != proposed:
            up = final_rank > LEVEL_RANK[proposed]
            reasons = self.t.override_up if up else self.t.override_down
            rationale = (
                f"Tool proposed {Level(proposed).label.lower()}; agreed "
                f"{Level(final).label.lower()}. {self._pick(reasons)}"
            )
        analysis = self._pick(self.t.analysis[final])
        graded = sorted(grades, key=lambda c: -GRADE_RANK[grades[c]])
        if graded:
            text = self.indicator_text[graded[0]]
            analysis += f" Main concern: {text[0].lower()}{text[1:]}."
        if trend:
            analysis += f" {rd.TREND_SENTENCES[trend]}"
        completed_day = self._workday(day + dt.timedelta(days=self._pick((0, 0, 0, 1, 2))))
        completed = max(self._office(completed_day), created + HOUR)
        row.update(
            status=Assessment.Status.COMPLETED,
            final_level=final,
            override_rationale=rationale,
            analysis=analysis,
            completed_at=completed,
            **self._stamps(who, created, completed),
        )
        return row

    def _assessments(
        self, record: Record, child: Row, latest: int, pool: list[str], evidence: dict[str, str]
    ) -> list[_Assessed]:
        rng = self.rng
        count = self.count_weights[latest].pick(rng)
        days = self._assessment_dates(count, child["date_of_birth"])
        levels = self._trajectory(latest, len(days))
        done = []
        for index, (day, rank) in enumerate(zip(days, levels, strict=True)):
            aimed = rank
            if rng.random() < rd.OVERRIDE_SHARE:  # the tool proposes a level next to it
                aimed = 1 if rank == 0 else 2 if rank == 3 else rank + self._pick((-1, 1))
            grades = self._grades_for(aimed, pool)
            trend = ""
            if index:
                before = levels[index - 1]
                trend = "rising" if rank > before else "falling" if rank < before else "steady"
            row = self._row(
                child,
                kind=Assessment.Kind.REVIEW if index else Assessment.Kind.INITIAL,
                day=day,
                grades=grades,
                evidence=evidence,
                final_rank=rank,
                who=self.staff.lead(rng.random()),
                trend=trend,
            )
            done.append(_Assessed(day=day, rank=rank, row=record.add("assessments", row)))
        return done

    def _draft(
        self,
        record: Record,
        child: Row,
        history: list[_Assessed],
        latest: int,
        pool: list[str],
        evidence: dict[str, str],
    ) -> None:
        rng = self.rng
        day = _weekday(self._days_back(1, 8))
        if day > self.today or (history and day <= history[-1].day):
            return
        rank = max(0, min(3, latest + self._pick((-1, 0, 0, 1))))
        row = self._row(
            child,
            kind=Assessment.Kind.REVIEW if history else Assessment.Kind.INITIAL,
            day=day,
            grades=self._grades_for(rank, pool),
            evidence=evidence,
            final_rank=None,
            who=self.staff.lead(rng.random()),
            trend="",
        )
        record.add("assessments", row)
