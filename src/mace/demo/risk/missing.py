"""Missing episodes and their return interviews."""

from __future__ import annotations

import bisect
import datetime as dt

from mace.demo import risk_data as rd
from mace.demo.risk.common import HOUR, LOOKED_AFTER, Interview, PoliceRisk
from mace.demo.risk.record import Record, _Assessed
from mace.demo.rows import Row
from mace.demo.sampling import Weighted, new_uuid
from mace.risk.models import MissingEpisode


class MissingRows:
    """A child's missing episodes (a part of RiskMaker)."""

    # Missing episodes ----------------------------------------------------------------

    def _missing(
        self,
        record: Record,
        child: Row,
        history: list[_Assessed],
        level_now: int | None,
        profile: str,
    ) -> None:
        rng = self.rng
        legal = child["legal_status"]
        placed = legal in LOOKED_AFTER
        share = 0.05 if level_now is None else rd.MISSING_SHARE_BY_LEVEL[level_now]
        if placed:
            share *= rd.LOOKED_AFTER_MISSING_FACTOR
        if rng.random() >= share:
            return
        rank_now = level_now or 0
        count = self.episode_counts[rank_now].pick(rng)
        starts = []
        for _ in range(count):
            # Over the two years Silver and Gold look back on (more of them recent).
            day = self.today - dt.timedelta(days=int(730 * rng.random() ** 1.6) + 1)
            hour = self.start_hours.pick(rng)
            starts.append(self._at(day, hour, self._int(0, 59)))
        starts.sort()
        currently = rank_now >= 2 and rng.random() < rd.CURRENTLY_MISSING_SHARE
        if currently:
            starts[-1] = self.now - dt.timedelta(hours=self._int(6, 96))
        assessed_days = [a.day for a in history]
        previous_end = None
        for index, started in enumerate(starts):
            if previous_end is not None and started < previous_end + 6 * HOUR:
                started = previous_end + self._int(6, 72) * HOUR
            if started >= self.now - HOUR:
                break
            if placed:
                kind = (
                    MissingEpisode.Kind.MISSING_FROM_CARE
                    if rng.random() < 0.55
                    else MissingEpisode.Kind.AWAY_FROM_PLACEMENT
                )
            else:
                kind = (
                    MissingEpisode.Kind.MISSING
                    if rng.random() < 0.85
                    else MissingEpisode.Kind.YOUNG_RUNAWAY
                )
            away = kind == MissingEpisode.Kind.AWAY_FROM_PLACEMENT
            hours = rng.uniform(1.5, 10) if away else min(max(rng.lognormvariate(2.5, 0.9), 2), 120)
            ended = started + dt.timedelta(hours=hours)
            last = index == len(starts) - 1
            if (currently and last) or ended > self.now:
                ended = None
            position = bisect.bisect_right(assessed_days, started.date()) - 1
            rank = history[position].rank if position >= 0 else rank_now
            row = self._episode(child, kind, started, ended, rank, placed)
            record.add("missing_episodes", row)
            if ended is None:
                break
            previous_end = ended

    def _police_risk(self, kind: str, rank: int) -> str:
        rng = self.rng
        r = rng.random()
        if kind == MissingEpisode.Kind.AWAY_FROM_PLACEMENT:
            return PoliceRisk.NO_APPARENT_RISK if r < 0.6 else PoliceRisk.LOW
        if r < 0.04:
            return ""  # not graded
        if rank == 3:
            options = ((PoliceRisk.HIGH, 35), (PoliceRisk.MEDIUM, 50), (PoliceRisk.LOW, 15))
        elif rank == 2:
            options = ((PoliceRisk.HIGH, 10), (PoliceRisk.MEDIUM, 50), (PoliceRisk.LOW, 40))
        else:
            options = (
                (PoliceRisk.MEDIUM, 25),
                (PoliceRisk.LOW, 60),
                (PoliceRisk.NO_APPARENT_RISK, 15),
            )
        return Weighted(options).pick(rng)

    def _episode(self, child, kind, started, ended, rank, placed) -> Row:
        rng = self.rng
        reporter = self.staff.officer(rng.random())
        reported = min(started + dt.timedelta(minutes=self._int(30, 240)), self.now)
        police_risk = self._police_risk(kind, rank)
        if ended is None and not police_risk:
            police_risk = PoliceRisk.MEDIUM
        row = {
            "id": new_uuid(rng),
            "child_id": child["id"],
            "kind": kind,
            "started_at": started,
            "ended_at": ended,
            "police_risk": police_risk,
            "police_reference": f"MP-{started.year % 100:02d}-{rng.randrange(10**6):06d}",
            "reported_by": self._pick(
                rd.REPORTED_BY_LOOKED_AFTER if placed else rd.REPORTED_BY_AT_HOME
            ),
            "where_found": "",
            "interview_status": Interview.NOT_YET,
            "interview_offered_at": None,
            "interview_completed_at": None,
            "interview_not_done_reason": "",
            "why_left": "",
            "where_went": "",
            "with_whom": "",
            "how_travelled": "",
            "harm": "",
            "push_factors": "",
            "pull_factors": "",
        }
        if ended is None:
            row.update(self._stamps(reporter, reported))
            return row
        if rng.random() < 0.3:
            row["where_found"] = rd.WHERE_FOUND_CAME_BACK[placed]
        else:
            row["where_found"] = self._pick(self.t.where_found)
        worker = self.staff.lead(rng.random())
        changed = min(ended + dt.timedelta(minutes=self._int(20, 180)), self.now)
        row.update(self._interview(ended))
        for name in ("interview_offered_at", "interview_completed_at"):
            if row[name] is not None:
                changed = max(changed, row[name])
        if row["interview_status"] in (Interview.REFUSED, Interview.NOT_DONE):
            latest = min(ended + dt.timedelta(days=self._int(3, 6)), self.now)
            changed = max(changed, latest)
        row.update(self._stamps(reporter, reported, changed, worker))
        return row

    def _interview(self, ended: dt.datetime) -> Row:
        rng = self.rng
        now = self.now
        window = dt.timedelta(hours=72)
        result: Row = {}
        r = rng.random()
        if ended + window > now:  # the window is still open
            room = (now - ended).total_seconds() / 3600
            if r < 0.3 and room > 5:
                completed = ended + dt.timedelta(hours=rng.uniform(4, room))
                status = Interview.COMPLETED
            elif r < 0.8:
                completed, status = None, Interview.OFFERED
            else:
                return {"interview_status": Interview.NOT_YET}
        elif r < 0.60:
            completed = ended + dt.timedelta(hours=rng.uniform(6, 71.5))
            status = Interview.COMPLETED
        elif r < 0.72:
            completed = min(ended + dt.timedelta(hours=rng.uniform(73, 14 * 24)), now)
            status = Interview.COMPLETED
        elif r < 0.84:
            completed, status = None, Interview.REFUSED
        elif r < 0.95:
            result["interview_not_done_reason"] = self._pick(self.t.interview_not_done)
            return {"interview_status": Interview.NOT_DONE, **result}
        else:
            completed, status = None, Interview.OFFERED  # offered, never done
        until = completed or min(ended + dt.timedelta(hours=48), now)
        offered = ended + (until - ended) * rng.uniform(0.05, 0.6)
        result.update(interview_status=status, interview_offered_at=offered)
        if status == Interview.REFUSED:
            result["interview_not_done_reason"] = self._pick(self.t.interview_refused)
        if status == Interview.COMPLETED:
            result.update(
                interview_completed_at=completed,
                why_left=self._pick(self.t.why_left),
                where_went=self._pick(self.t.where_went),
                with_whom=self._pick(self.t.with_whom),
                how_travelled=self._pick(self.t.how_travelled),
                harm=self._pick(self.t.harm),
                push_factors=self._pick(self.t.episode_push),
                pull_factors=self._pick(self.t.episode_pull),
            )
        return result
