"""``RiskMaker``: the rows of children's records from one seeded generator."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence

from mace.demo import data
from mace.demo import risk_data as rd
from mace.demo.risk.assessments import AssessmentRows
from mace.demo.risk.common import COUNTING_RULES, DAY, LOOKED_AFTER, _weekday, _zone, seeded_now
from mace.demo.risk.missing import MissingRows
from mace.demo.risk.record import Record, Texts, _Assessed
from mace.demo.risk.staff import Staff, UserRef
from mace.demo.risk.statutory import StatutoryRows
from mace.demo.risk.vrmps import VrmpRows
from mace.demo.rows import Row
from mace.demo.sampling import Weighted, age_on
from mace.people.models import Child
from mace.risk import engine
from mace.risk.models import Catalogue
from mace.risk.models.assessment import GRADE_RANK


class RiskMaker(AssessmentRows, VrmpRows, MissingRows, StatutoryRows):
    """Makes the rows of children's records from one seeded generator."""

    def __init__(
        self,
        *,
        rng: random.Random,
        catalogue: Catalogue,
        agencies: dict[str, uuid.UUID],
        staff: Staff,
        member_children: int = 0,
    ):
        self.rng = rng
        self.catalogue_id = catalogue.pk
        self.content = catalogue.content
        self.codes = engine.indicator_codes(self.content)
        self.domain_of = {
            indicator["code"]: domain["code"]
            for domain in self.content["domains"]
            for indicator in domain["indicators"]
        }
        self.indicator_text = {
            indicator["code"]: indicator["text"]
            for domain in self.content["domains"]
            for indicator in domain["indicators"]
        }
        self.domains = [domain["code"] for domain in self.content["domains"]]
        self.agencies = agencies
        self.staff = staff
        self.now = seeded_now()
        self.today = data.REFERENCE_DATE
        self.zone = _zone()
        self._random = rng.random
        self._blank = dict.fromkeys(self.codes, "not_present")
        self._proposed: dict[object, str] = {}
        self._counting_rules = all(
            any(kind in rule for kind in COUNTING_RULES) for rule in self.content["rules"]
        )
        self._hours: dict[tuple[dt.date, int], dt.datetime] = {}
        self._prompts_by_grades = any(
            "indicator_at_least" in prompt["when"] for prompt in self.content.get("prompts", [])
        )
        self._prompt_memo: dict[tuple[int, bool], list[dict]] = {}
        self.member_children_left = member_children if staff.member_id else 0
        self.member_child_ids: list[uuid.UUID] = []
        self.level_weights = {
            status: Weighted(enumerate(weights))
            for status, weights in rd.LEVEL_WEIGHTS_BY_STATUS.items()
        }
        self.younger_levels = Weighted(enumerate(rd.YOUNGER_LEVEL_WEIGHTS))
        self.count_weights = {
            rank: Weighted(pairs) for rank, pairs in rd.ASSESSMENT_COUNT_WEIGHTS.items()
        }
        self.episode_counts = {
            rank: Weighted(pairs) for rank, pairs in rd.EPISODE_COUNT_WEIGHTS.items()
        }
        self.trajectories = dict(rd.TRAJECTORY_WEIGHTS)
        self.profiles = {key: Weighted(pairs) for key, pairs in rd.PROFILE_WEIGHTS.items()}
        self.profile_weights = {
            profile: [(code, weights.get(code, 1)) for code in self.codes]
            for profile, weights in rd.PROFILE_INDICATOR_WEIGHTS.items()
        }
        self.action_agencies = Weighted(
            (kind, weight) for kind, weight in rd.ACTION_AGENCY_WEIGHTS if kind in agencies
        )
        self.review_weeks = Weighted(rd.REVIEW_WEEKS)
        self.start_hours = Weighted(rd.START_HOURS)
        self.all_texts = {
            (female, placed): Texts(female=female, looked_after=placed, domains=self.domains)
            for female in (False, True)
            for placed in (False, True)
        }
        self.t = self.all_texts[(False, False)]  # the current child's

    # Helpers -------------------------------------------------------------------------

    def _prompts(self, age: int, child: Row, grades: dict[str, str]) -> list[dict]:
        """``engine.fired_prompts``; remembered by age and learning disability when no prompt
        of the catalogue looks at grades (the bundled catalogue's do not)."""
        ld = child["learning_disability"]
        if self._prompts_by_grades:
            return engine.fired_prompts(self.content, age=age, learning_disability=ld,
                                        grades=grades)  # fmt: skip
        key = (age, ld)
        prompts = self._prompt_memo.get(key)
        if prompts is None:
            prompts = self._prompt_memo[key] = engine.fired_prompts(
                self.content, age=age, learning_disability=ld, grades=grades
            )
        return [dict(prompt) for prompt in prompts]

    def _int(self, lo: int, hi: int) -> int:
        """A whole number from lo to hi inclusive (``randint``, without its layers of calls)."""
        return lo + int(self._random() * (hi - lo + 1))

    def _pick(self, options: Sequence):
        """One of the options, evenly (``choice``, likewise)."""
        return options[int(self._random() * len(options))]

    def propose(self, grades: dict[str, str]) -> str:
        """``engine.propose_level`` for these grades (indicators left out are not present),
        remembered: the engine is otherwise a fifth of the generator's time.

        When every rule of the catalogue only counts grades (any indicator, N indicators or
        N domains at least a grade, as the bundled catalogue's do), the level depends only
        on how many indicators have each grade and how many domains have each grade as
        their highest: that is the key. Otherwise (a rule names an indicator) the key is the
        grades themselves.
        """
        if self._counting_rules:
            counts = [0, 0, 0, 0]
            highest: dict[str, int] = {}
            domain_of = self.domain_of
            for code, grade in grades.items():
                rank = GRADE_RANK[grade]
                counts[rank] += 1
                domain = domain_of[code]
                if rank > highest.get(domain, 0):
                    highest[domain] = rank
            domains = [0, 0, 0, 0]
            for rank in highest.values():
                domains[rank] += 1
            key = (*counts[1:], *domains[1:])
        else:
            key = frozenset(grades.items())
        level = self._proposed.get(key)
        if level is None:
            level, _ = engine.propose_level(self.content, grades)
            if len(self._proposed) < 200_000:
                self._proposed[key] = level
        return level

    def _at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        """A local time on a day, in UTC, never after the demo world's now."""
        hour_start = self._hours.get((day, hour))
        if hour_start is None:
            local = dt.datetime.combine(day, dt.time(hour), tzinfo=self.zone)
            hour_start = self._hours[(day, hour)] = local.astimezone(dt.UTC)
        return min(hour_start + dt.timedelta(minutes=minute), self.now)

    def _office(self, day: dt.date, *, early: bool = False) -> dt.datetime:
        """A time in office hours on a day (the morning, if ``early``)."""
        hour = self._int(9, 11) if early else self._int(12, 16)
        return self._at(day, hour, self._int(0, 59))

    def _stamps(
        self,
        who: UserRef,
        created: dt.datetime,
        modified: dt.datetime | None = None,
        modified_by: UserRef | None = None,
    ) -> Row:
        modified = max(modified or created, created)
        changer = (modified_by or who)[0]
        return {
            "created_at": created,
            "modified_at": modified,
            "created_by_id": who[0],
            "modified_by_id": changer,
            # The history row reads as written by that user at that time ("created by seed").
            "history_date": modified,
            "history_user_id": changer,
        }

    def _workday(self, day: dt.date) -> dt.date:
        """A weekday on or near the day, never after the reference date."""
        day = _weekday(min(day, self.today))
        return day if day <= self.today else day - 3 * DAY  # Monday after: the Friday before

    def _days_back(self, lo: int, hi: int) -> dt.date:
        return self.today - dt.timedelta(days=self._int(lo, hi))

    # The child -----------------------------------------------------------------------

    def make(self, child: Row, addresses: Sequence[Row]) -> Record:
        rng = self.rng
        record = Record()
        dob = child["date_of_birth"]
        age = age_on(dob, self.today)
        legal = child["legal_status"]
        female = child["gender"] == Child.Gender.FEMALE or (
            child["gender"] != Child.Gender.MALE and rng.random() < 0.5
        )
        self.t = self.all_texts[(female, legal in LOOKED_AFTER)]
        if age < 12:
            profile = self.profiles["younger"].pick(rng)
            latest = self.younger_levels.pick(rng)
        else:
            profile = self.profiles["female" if female else "male"].pick(rng)
            latest = self.level_weights[legal].pick(rng)
        assessed = rng.random() < rd.ASSESSED_SHARE
        draft = rng.random() < rd.DRAFT_SHARE
        pool = self._indicator_pool(profile) if assessed or draft else []
        evidence = {}
        history: list[_Assessed] = []
        if assessed:
            history = self._assessments(record, child, latest, pool, evidence)
        if draft:
            self._draft(record, child, history, latest, pool, evidence)
        vrmp_id, police_open = None, False
        if history:
            vrmp_id, police_open = self._vrmp(record, child, history, profile)
        level_now = history[-1].rank if history else None
        self._missing(record, child, history, level_now, profile)
        self._statutory(record, child, addresses, history, profile)
        if (
            self.member_children_left
            and vrmp_id is not None
            and police_open
            and not child["restricted"]
            and 13 <= age <= 17
        ):
            self._give_member_police_actions(record, vrmp_id, child["id"])
        return record
