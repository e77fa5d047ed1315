"""Statutory processes: strategy discussions, section 47 enquiries, conferences, the NRM."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from mace.demo import risk_data as rd
from mace.demo.risk.common import DAY, Decision, Kind
from mace.demo.risk.record import Record, _Assessed
from mace.demo.rows import Row
from mace.demo.sampling import new_uuid


class StatutoryRows:
    """A child's statutory processes (a part of RiskMaker)."""

    # Statutory processes -------------------------------------------------------------

    def _process(
        self,
        record: Record,
        child: Row,
        kind: str,
        started: dt.date,
        ended: dt.date | None,
        *,
        agency: str = "childrens_social_work",
        reference: str | None = None,
        **decisions,
    ) -> Row:
        rng = self.rng
        who = self.staff.lead(rng.random())
        created = self._office(min(started, self.today), early=True)
        last = max(
            [d for d in (ended, *decisions.values()) if isinstance(d, dt.date)], default=None
        )
        modified = self._office(min(last, self.today)) if last and last > started else None
        role = "team manager" if kind == Kind.STRATEGY_DISCUSSION else "social worker"
        row = {
            "id": new_uuid(rng),
            "child_id": child["id"],
            "kind": kind,
            "started_on": started,
            "ended_on": ended,
            "lead_professional": f"{self._pick(rd.PRACTITIONERS)}, {role}",
            "lead_agency_id": self.agencies.get(agency),
            "reference": child["case_system_id"] if reference is None else reference,
            "notes": self._pick(rd.STATUTORY_NOTES[kind]),
            "reasonable_grounds": "",
            "reasonable_grounds_on": None,
            "conclusive_grounds": "",
            "conclusive_grounds_on": None,
            **decisions,
            **self._stamps(who, created, modified),
        }
        return record.add("statutory_processes", row)

    def _birthday(self, dob: dt.date, years: int) -> dt.date:
        try:
            return dob.replace(year=dob.year + years)
        except ValueError:  # 29 February
            return dt.date(dob.year + years, 3, 1)

    def _statutory(
        self,
        record: Record,
        child: Row,
        addresses: Sequence[Row],
        history: list[_Assessed],
        profile: str,
    ) -> None:
        rng = self.rng
        today = self.today
        legal = child["legal_status"]
        dob = child["date_of_birth"]
        placements = [a["date_from"] for a in addresses if a["kind"] == "placement"]
        placed_on = placements[0] if placements else self._days_back(60, 700)
        opened = False
        if legal == "cin":
            start = self._workday(self._days_back(30, 600))
            if rng.random() < 0.10:  # stepped down from a child protection plan
                self._process(
                    record,
                    child,
                    Kind.CHILD_PROTECTION,
                    self._workday(start - dt.timedelta(days=self._int(180, 400))),
                    start,
                )
            self._process(record, child, Kind.CHILD_IN_NEED, start, None)
        elif legal == "cp":
            start = self._workday(self._days_back(30, 540))
            if rng.random() < 0.40:
                self._process(
                    record,
                    child,
                    Kind.CHILD_IN_NEED,
                    self._workday(start - dt.timedelta(days=self._int(60, 300))),
                    start,
                )
            self._process(record, child, Kind.CHILD_PROTECTION, start, None)
        elif legal == "la_s20":
            self._process(record, child, Kind.LOOKED_AFTER_S20, placed_on, None)
        elif legal == "la_s31":
            final = placed_on + dt.timedelta(days=self._int(120, 300))
            if rng.random() < 0.4 and final <= today - dt.timedelta(days=10):
                self._process(record, child, Kind.LOOKED_AFTER_S38, placed_on, final)
                self._process(record, child, Kind.LOOKED_AFTER_S31, final, None)
            else:
                self._process(record, child, Kind.LOOKED_AFTER_S31, placed_on, None)
        elif legal == "la_s38":
            interim = max(placed_on + dt.timedelta(days=30), self._days_back(30, 240))
            if interim <= today - DAY and (
                placed_on < today - dt.timedelta(days=300) or rng.random() < 0.3
            ):
                self._process(record, child, Kind.LOOKED_AFTER_S20, placed_on, interim)
                self._process(record, child, Kind.LOOKED_AFTER_S38, interim, None)
            else:
                self._process(record, child, Kind.LOOKED_AFTER_S38, placed_on, None)
        elif legal == "care_leaver":
            eighteen = self._birthday(dob, 18)
            start = (
                eighteen
                if eighteen <= today
                else max(self._days_back(20, 200), self._birthday(dob, 16), placed_on + DAY)
            )
            start = min(start, today)
            care_kind = Kind.LOOKED_AFTER_S31 if rng.random() < 0.6 else Kind.LOOKED_AFTER_S20
            if placed_on < start:
                self._process(record, child, care_kind, placed_on, start - DAY)
            self._process(record, child, Kind.CARE_LEAVER, start, None)
        elif rng.random() < 0.08:  # a child in need plan, closed some time ago
            start = self._workday(self._days_back(400, 1500))
            end = self._workday(
                min(start + dt.timedelta(days=self._int(120, 400)), today - dt.timedelta(30))
            )
            self._process(record, child, Kind.CHILD_IN_NEED, start, end)
        if legal != "none":
            opened = True

        highs = [a for a in history if a.rank == 3]
        if not highs:
            return
        first_high = highs[0].day
        if rng.random() < 0.45:  # a strategy discussion when the risk first became high
            held = self._workday(first_high + dt.timedelta(days=self._int(0, 7)))
            self._process(
                record,
                child,
                Kind.STRATEGY_DISCUSSION,
                held,
                self._workday(held + dt.timedelta(days=self._pick((0, 0, 1)))),
            )
        if profile in ("cce", "cse") and rng.random() < 0.25:
            opened |= self._nrm(record, child, first_high)
        if history[-1].rank == 3 and not opened and rng.random() < 0.88:
            # Section 47 enquiries under way after a recent strategy discussion.
            held = self._workday(self._days_back(3, 50))
            self._process(record, child, Kind.STRATEGY_DISCUSSION, held, None)

    def _nrm(self, record: Record, child: Row, first_high: dt.date) -> bool:
        """An NRM referral after the risk became high; True if it is still open."""
        rng = self.rng
        today = self.today
        referred = first_high + dt.timedelta(days=self._int(7, 60))
        if referred >= today:
            return False
        referred = self._workday(referred)
        decisions: Row = {"reasonable_grounds": Decision.PENDING}
        ended = None
        rg_on = referred + dt.timedelta(days=self._int(2, 30))
        if rg_on <= today:
            rg_on = self._workday(rg_on)
            positive = rng.random() < 0.85
            decisions.update(
                reasonable_grounds=Decision.POSITIVE if positive else Decision.NEGATIVE,
                reasonable_grounds_on=rg_on,
            )
            if not positive:
                ended = rg_on
            else:
                decisions["conclusive_grounds"] = Decision.PENDING
                cg_on = rg_on + dt.timedelta(days=self._int(45, 400))
                if cg_on <= today and rng.random() < 0.8:
                    cg_on = self._workday(cg_on)
                    decisions.update(
                        conclusive_grounds=(
                            Decision.POSITIVE if rng.random() < 0.8 else Decision.NEGATIVE
                        ),
                        conclusive_grounds_on=cg_on,
                    )
                    ended = cg_on
        agency = "childrens_social_work" if rng.random() < 0.8 else "police"
        reference = f"NRM-{referred.year}-{rng.randrange(10**5):05d}"
        self._process(
            record,
            child,
            Kind.NRM_REFERRAL,
            referred,
            ended,
            agency=agency,
            reference=reference,
            **decisions,
        )
        return ended is None
