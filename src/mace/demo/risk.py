"""The demo city's risk records: assessments, VRMPs, missing episodes, statutory processes.

``RiskMaker.make`` takes a child's row (and addresses) as ``ChildMaker`` made them and
returns the rows of the child's record, dated relative to ``data.REFERENCE_DATE`` and drawn
from its own seeded generator, so adding risk records leaves the children as they were.

Levels are never invented: the generator aims at a level, grades indicators of the active
catalogue to reach it, and stores what ``engine.propose_level`` gives for those grades. The
agreed level differs from the proposed one only with a written rationale (about 10%).

Who recorded what: the demo coordinator and chair (and the demo member, a police officer,
for missing episodes and police actions) when they exist; otherwise other users who may
record; otherwise a system user, seed@demo.example, that cannot sign in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings

from mace.accounts.models import Agency, Role, User
from mace.accounts.services import user_create
from mace.demo import data
from mace.demo import risk_data as rd
from mace.demo.rows import Row
from mace.demo.sampling import Weighted, age_on, new_uuid
from mace.people.models import Child
from mace.risk import engine
from mace.risk.models import (
    Assessment,
    Catalogue,
    Level,
    MissingEpisode,
    StatutoryProcess,
    Vrmp,
    VrmpAction,
    VrmpReview,
)
from mace.risk.models.assessment import GRADE_RANK, LEVEL_RANK

SEED_USER_EMAIL = "seed@demo.example"
SEED_USER_NAME = "Demo data (seed)"
# Children (unrestricted, with an active VRMP and an open police action) on which the demo
# member owns the police actions, in one seeding run; they get an action grant each.
MEMBER_ACTION_CHILDREN = 4

LEVELS = [level.value for level in Level]  # by rank: none, low, medium, high
GRADES = sorted(GRADE_RANK, key=GRADE_RANK.get)  # not_present, low, medium, high
LOOKED_AFTER = frozenset({"la_s20", "la_s31", "la_s38"})
# Rule kinds that only count grades, whichever indicators or domains carry them.
COUNTING_RULES = ("any_indicator_at_least", "indicators_at_least", "domains_at_least")
TABLES = (
    "assessments",
    "vrmps",
    "vrmp_versions",
    "vrmp_reviews",
    "vrmp_actions",
    "missing_episodes",
    "statutory_processes",
)

Kind = StatutoryProcess.Kind
Decision = StatutoryProcess.Decision
Interview = MissingEpisode.InterviewStatus
PoliceRisk = MissingEpisode.PoliceRisk
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


# Time ----------------------------------------------------------------------------------


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def seeded_now() -> dt.datetime:
    """The demo world's 'now': 6pm on the reference date, in UTC. Nothing happens after."""
    return dt.datetime.combine(data.REFERENCE_DATE, dt.time(18), tzinfo=_zone()).astimezone(dt.UTC)


def _weekday(day: dt.date) -> dt.date:
    """Office work falls on a weekday: Saturday moves back to Friday, Sunday on to Monday."""
    weekday = day.weekday()
    if weekday == 5:
        return day - DAY
    if weekday == 6:
        return day + DAY
    return day


# Who records ---------------------------------------------------------------------------

UserRef = tuple[uuid.UUID, uuid.UUID | None]  # user id, agency id


@dataclass(frozen=True)
class Staff:
    """The users seeded rows name: leads (assessors, plan leads), police, the demo member."""

    leads: tuple[UserRef, ...]
    police: tuple[UserRef, ...]
    member_id: uuid.UUID | None = None
    system_user: bool = False  # the records name seed@demo.example

    def lead(self, r: float) -> UserRef:
        return self.leads[int(r * len(self.leads))]

    def officer(self, r: float) -> UserRef:
        people = self.police or self.leads
        return people[int(r * len(people))]


def seed_user_ensure() -> tuple[User, bool]:
    """The system user that records seeded rows when nobody else can: made once, no password."""
    user = User.objects.filter(email=SEED_USER_EMAIL).first()
    if user is not None:
        return user, False
    agency = Agency.objects.filter(kind=Agency.Kind.CHILDRENS_SOCIAL_WORK).order_by("name").first()
    user = user_create(
        actor=None,
        email=SEED_USER_EMAIL,
        full_name=SEED_USER_NAME,
        role=Role.COORDINATOR,
        password=None,
        agency=agency,
        job_title="Synthetic demo data",
        validate=False,
    )
    return user, True


def staff_resolve() -> Staff:
    """Who the seeded records name, preferring the demo sign-ins (see the module's notes)."""
    from mace.demo.users import demo_email

    recording = (Role.COORDINATOR, Role.CHAIR, Role.MEMBER)
    demo = {
        user.role: user
        for user in User.objects.filter(
            email__in=[demo_email(role) for role in recording], is_active=True
        )
    }
    leads = [demo[role] for role in (Role.COORDINATOR, Role.CHAIR) if role in demo]
    member = demo.get(Role.MEMBER)
    if not leads:
        leads = list(
            User.objects.filter(role__in=[Role.COORDINATOR, Role.CHAIR], is_active=True)
            .exclude(email=SEED_USER_EMAIL)
            .order_by("email")[:4]
        )
    police = [member] if member is not None else []
    if not leads and not police:
        police = list(User.objects.filter(role=Role.MEMBER, is_active=True).order_by("email")[:4])
    system_user = False
    if not leads:
        if police:
            leads = police
        else:
            leads = [seed_user_ensure()[0]]
            system_user = True
    return Staff(
        leads=tuple((u.pk, u.agency_id) for u in leads),
        police=tuple((u.pk, u.agency_id) for u in police),
        member_id=member.pk if member is not None else None,
        system_user=system_user,
    )


def active_catalogue() -> Catalogue:
    """The active catalogue; the bundled one is loaded (as after migrate) if none is."""
    catalogue = Catalogue.objects.filter(is_active=True).first()
    if catalogue is not None:
        return catalogue
    from mace.risk.catalogues import BUNDLED
    from mace.risk.services.catalogue import catalogue_load

    return catalogue_load(
        actor=None, text=BUNDLED.read_text(), activate_if_none=True, if_present="skip"
    )


# One child's record --------------------------------------------------------------------


class Texts:
    """The phrase banks as they read for one kind of child (``risk_data.render``)."""

    def __init__(self, *, female: bool, looked_after: bool, domains: Sequence[str]):
        for name, bank in rd.TEXT_BANKS.items():
            setattr(self, name, rd.render(bank, female=female, looked_after=looked_after))
        # The catalogue's domains that have protective factors to choose from.
        self.protective_domains = [d for d in domains if self.protective_factors.get(d)]


@dataclass
class _Assessed:
    """A completed assessment as the rest of the record needs it."""

    day: dt.date
    rank: int  # the agreed (final) level's rank
    row: Row


@dataclass
class Record:
    """The rows of one child's record, by table."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(self, table: str, row: Row) -> Row:
        self.rows[table].append(row)
        return row


class RiskMaker:
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
            day = self.today - dt.timedelta(days=int(540 * rng.random() ** 1.6) + 1)
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
