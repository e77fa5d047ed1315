"""The figures of the MACE, Silver and Gold dashboards (issue 13 item 4), counted from the
records with no user: ``selectors.dashboards`` decides who sees them, publishes them
(suppression) and logs. Every figure reads a fixed number of queries whatever the data:
counts of records are aggregated in the database (``values()`` and ``Count`` by
``TruncMonth`` or ``TruncQuarter``); counts of *children* (each child once per cell, under
one category) are tallied here from one row per child per period, and keep the children
behind each cell (``Figure.members``) for the drill-down.

The words, once: a child is *discussed* at a child-focused MACE meeting (not cancelled)
whose agenda lists them and records a discussion; the *level* is the one last agreed at
such a discussion; a child is *open* at MACE while their latest discussion's outcome is
neither "Close" nor "Step down"; Gold's *children at risk* in a quarter are the children
discussed in it. Snapshots ("open", "overdue", "most vulnerable") are as at the end of
the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone

from mace.contexts.models import ThemeTag
from mace.contexts.selectors.trends import Period
from mace.core.levels import LEVEL_RANK, Level
from mace.core.workdays import working_days_between
from mace.governance.models import (
    AGE_BANDS,
    RAG,
    AssuranceFinding,
    Audience,
    Escalation,
    Objective,
    PlanItem,
    PopulationReference,
)
from mace.meetings.models import Action, AgendaItem, Discussion, Finding, Kind, Meeting, Outcome
from mace.people.models import Child, ChildAddress, Ward
from mace.referrals.models import Referral
from mace.referrals.selectors.referrals import triage_target_days
from mace.risk.models import MissingEpisode, Vrmp, VrmpReview
from mace.risk.models.missing import RETURN_INTERVIEW_WINDOW

MONTH, QUARTER = "month", "quarter"
NOT_KNOWN = "Not known"
NOT_KNOWN_WARD = "Ward not known"
NOT_KNOWN_TYPE = "Type not recorded"
NO_LEVEL = "No level agreed"
# "Not discussed for long": over twelve weeks since the latest discussion.
NOT_DISCUSSED_DAYS = 84
# "Frequent missing episodes": this many or more, begun in the 90 days to the end.
FREQUENT_MISSING = 3
MISSING_WINDOW_DAYS = 90
ENDED = (Outcome.CLOSE, Outcome.STEP_DOWN)
LOOKED_AFTER = ("la_s20", "la_s31", "la_s38")
CHILDREN_AT_RISK = "Children at risk"


@dataclass
class Figure:
    """One figure of a dashboard: counts per row (a category) per column (a period, or a
    category such as a RAG status). ``rows`` are the counts as they are; what a reader
    sees of them is ``published`` (set by ``dashboard_build``).

    ``counts_children``: the cells count children or their records (referrals, missing
    episodes), so small counts are suppressed outside the MACE core group; a figure that
    counts plan items, findings or escalations is published exact to everyone who may see
    the dashboard (Silver and Gold read those records in full on their own pages).
    ``totals``: False where one child or record may count in more than one row (a referral
    naming two kinds of exploitation), so a row or column total would mean nothing.
    ``reference``: a disproportionality figure's city population per row (None where the
    reference table has no such category); its one column is the children at risk.
    ``members``: the children behind each (row, column) cell, for the drill-down."""

    key: str
    title: str
    row_label: str
    columns: list[str]
    rows: list[tuple[str, list[int]]]
    chart: str = "bar"  # "bar", "line" or "none"
    note: str = ""
    counts_children: bool = True
    totals: bool = True
    unit: str = ""  # MONTH or QUARTER when the columns are periods
    counted: str = "children"  # what a cell counts, in words, for the chart's axis
    reference: list[int | None] | None = None
    members: dict[tuple[str, str], set] | None = field(default=None, repr=False, compare=False)
    published: object = field(default=None, repr=False, compare=False)
    table: object = field(default=None, repr=False, compare=False)
    # Figures with the same ``splits`` split the same children over the same columns (each
    # child in one row where the figure has totals, in one row or more where not), so they
    # are suppressed together (``publish_linked``).
    splits: str = ""

    @property
    def drillable(self) -> bool:
        return self.members is not None

    def count(self, row: str, column: str) -> int:
        """One cell as counted (for tests and reports that hold the figure exact)."""
        index = self.columns.index(column)
        return next(counts[index] for label, counts in self.rows if label == row)


@dataclass
class NamedChild:
    """A most vulnerable child escalated to Gold, and why they are among the most vulnerable
    (``locked`` is set by ``rows_shown`` for a reader who may not see them)."""

    child: Child
    reasons: list[str]
    locked: bool = False

    @property
    def child_id(self):
        return self.child.pk


# Periods.


def period_start(day: dt.date, unit: str) -> dt.date:
    if unit == QUARTER:
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, day.month, 1)


def periods_of(start: dt.date, end: dt.date, unit: str) -> list[Period]:
    """The months or quarters from the one holding ``start`` to the one holding ``end``
    (labelled as the trends page labels them)."""
    step = relativedelta(months=3 if unit == QUARTER else 1)
    day, rows = period_start(start, unit), []
    while day <= end:
        last = day + step - relativedelta(days=1)
        label = (
            day.strftime("%b %Y")
            if unit == MONTH
            else f"{day.strftime('%b')}–{last.strftime('%b %Y')}"
        )
        rows.append(Period(day, label))
        day += step
    return rows


@dataclass
class Window:
    start: dt.date
    end: dt.date
    unit: str
    periods: list[Period]

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.periods]

    def index(self, value) -> int | None:
        """The column of a date (or of a TruncMonth/TruncQuarter value)."""
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        key = period_start(value, self.unit)
        for i, period in enumerate(self.periods):
            if period.start == key:
                return i
        return None

    def last_day(self, i: int) -> dt.date:
        """The last day of column ``i`` counted (the end of the period, for the last)."""
        step = relativedelta(months=3 if self.unit == QUARTER else 1)
        return min(self.periods[i].start + step - relativedelta(days=1), self.end)

    def trunc(self, name: str):
        return (TruncQuarter if self.unit == QUARTER else TruncMonth)(name)


def _local(stamp: dt.datetime) -> dt.date:
    return timezone.localtime(stamp).date()


def _grid(window_columns: int, keys: Iterable[str]) -> dict[str, list[int]]:
    return {key: [0] * window_columns for key in keys}


def _tally(
    rows: Iterable[dict], window: Window, category: str, keys: list[str] | None = None
) -> dict[str, list[int]]:
    """SQL rows of (period, category, n) as a grid: category -> counts per column."""
    grid: dict[str, list[int]] = _grid(len(window.periods), keys or [])
    for row in rows:
        i = window.index(row["period"])
        if i is None:
            continue
        grid.setdefault(row[category], [0] * len(window.periods))[i] += row["n"]
    return grid


def _by_size(grid: dict[str, list[int]], *, last: tuple[str, ...] = ()) -> list:
    ordered = sorted(grid.items(), key=lambda kv: (kv[0] in last, -sum(kv[1]), str(kv[0])))
    return [(label, counts) for label, counts in ordered if sum(counts)]


def _members_figure(
    *,
    members: dict[tuple[str, str], set],
    rows: list[str],
    columns: list[str],
    keep_empty: bool,
    **fields,
) -> Figure:
    """A figure of children counted from the sets behind its cells."""
    counted = [(row, [len(members.get((row, col), ())) for col in columns]) for row in rows]
    if not keep_empty:
        counted = [(row, counts) for row, counts in counted if sum(counts)]
    cells = {(row, col): members.get((row, col), set()) for row, _ in counted for col in columns}
    return Figure(rows=counted, columns=columns, members=cells, **fields)


# What the figures share: the discussions, read once.


def _discussions() -> QuerySet[Discussion]:
    """Discussions of children at child-focused MACE meetings that were not cancelled."""
    return (
        Discussion.objects.filter(
            item__child__isnull=False,
            item__status=AgendaItem.Status.LISTED,
            item__meeting__kind=Kind.CHILD,
        )
        .exclude(item__meeting__status=Meeting.Status.CANCELLED)
        .order_by()
    )


@dataclass
class ChildAt:
    """A child as their discussions up to the end of the period leave them."""

    last_discussed: dt.date
    outcome: str
    levels: list[str] = field(default_factory=list)  # each level agreed, oldest first

    @property
    def is_open(self) -> bool:
        return self.outcome not in ENDED

    @property
    def level(self) -> str:
        return self.levels[-1] if self.levels else ""

    @property
    def rising(self) -> bool:
        return len(self.levels) > 1 and LEVEL_RANK[self.levels[-1]] > LEVEL_RANK[self.levels[-2]]


class Cohort:
    """Every discussion up to the end, in one query: each child's state at the end, and the
    children discussed in each column with the highest level agreed there."""

    def __init__(self, window: Window):
        self.window = window
        self.at_end: dict = {}
        self.by_column: list[dict] = [{} for _ in window.periods]
        rows = (
            _discussions()
            .filter(item__meeting__date__lte=window.end)
            .values_list("item__child_id", "item__meeting__date", "risk_level", "outcome")
            .order_by("item__meeting__date", "item__meeting__start_time", "modified_at")
        )
        for child_id, day, level, outcome in rows:
            state = self.at_end.get(child_id)
            if state is None:
                state = self.at_end[child_id] = ChildAt(day, outcome)
            state.last_discussed, state.outcome = day, outcome
            if level:
                state.levels.append(level)
            if day >= window.start:
                i = window.index(day)
                if i is not None:
                    column = self.by_column[i]
                    best = column.get(child_id, "")
                    if level and (not best or LEVEL_RANK[level] > LEVEL_RANK[best]):
                        best = level
                    column[child_id] = best

    def open_ids(self) -> set:
        return {pk for pk, state in self.at_end.items() if state.is_open}

    def in_period(self) -> set:
        return set().union(*self.by_column) if self.by_column else set()


LEVEL_ROWS = [(v, Level(v).label) for v in sorted(Level.values, key=LEVEL_RANK.get, reverse=True)]


def _level_label(level: str) -> str:
    return Level(level).label if level else NO_LEVEL


# The MACE dashboard (by month): referrals and triage, the open cohort, actions, return
# interviews, and how long since each child was discussed.


REFERRAL_OUTCOMES = [
    (Referral.Status.ACCEPTED, "Accepted"),
    (Referral.Status.SIGNPOSTED, "Signposted"),
    (Referral.Status.DECLINED, "Declined"),
    (Referral.Status.AWAITING_INFORMATION, "Awaiting more information"),
    (Referral.Status.NEW, "Not yet triaged"),
]


def _referrals_in(window: Window) -> QuerySet[Referral]:
    return (
        Referral.objects.exclude(status=Referral.Status.DRAFT)
        .filter(submitted_at__isnull=False)
        .filter(submitted_at__date__gte=window.start, submitted_at__date__lte=window.end)
        .order_by()
    )


def referrals_figure(window: Window) -> Figure:
    rows = (
        _referrals_in(window)
        .annotate(period=window.trunc("submitted_at"))
        .values("period", "status")
        .annotate(n=Count("pk"))
    )
    grid = _tally(rows, window, "status", [code for code, _ in REFERRAL_OUTCOMES])
    return Figure(
        key="referrals",
        title="Referrals received and their triage outcome",
        row_label="Outcome",
        columns=window.labels,
        rows=[(label, grid[code]) for code, label in REFERRAL_OUTCOMES],
        unit=window.unit,
        counted="referrals",
        note="Referrals by the month they arrived, with the outcome of triage as it stands now.",
    )


def triage_time_figure(window: Window) -> Figure:
    target = triage_target_days()
    labels = [
        "Decided within the target",
        "Decided after the target",
        "Awaiting a decision, within the target",
        "Awaiting a decision, past the target",
    ]
    grid = _grid(len(window.periods), labels)
    for submitted, decided in _referrals_in(window).values_list("submitted_at", "decided_at"):
        i = window.index(submitted)
        if i is None:
            continue
        day = _local(submitted)
        if decided is not None and _local(decided) <= window.end:
            late = working_days_between(day, _local(decided)) > target
            grid[labels[1] if late else labels[0]][i] += 1
        else:
            late = working_days_between(day, window.end) > target
            grid[labels[3] if late else labels[2]][i] += 1
    return Figure(
        key="triage_time",
        title=f"Time to triage against the target of {target} working days",
        row_label="Triage",
        columns=window.labels,
        rows=[(label, grid[label]) for label in labels],
        unit=window.unit,
        counted="referrals",
        note=(
            "Working days from the day a referral arrived to the day it was accepted, "
            "signposted or declined (asking for more information does not stop the clock), "
            f"as at {window.end:%-d %B %Y}."
        ),
    )


def open_by_level_figure(window: Window, cohort: Cohort) -> Figure:
    members: dict = defaultdict(set)
    column = "Children open"
    for pk in cohort.open_ids():
        members[(_level_label(cohort.at_end[pk].level), column)].add(pk)
    return _members_figure(
        key="open_by_level",
        title="Children open at MACE by the level of risk last agreed",
        row_label="Risk level",
        members=members,
        rows=[label for _, label in LEVEL_ROWS] + [NO_LEVEL],
        columns=[column],
        keep_empty=True,
        note=f"Children whose latest discussion, by {window.end:%-d %B %Y}, did not close "
        "or step down their case.",
    )


SINCE_DISCUSSED = [
    ("Up to 2 weeks", 14),
    ("2 to 4 weeks", 28),
    ("4 to 8 weeks", 56),
    ("8 to 12 weeks", NOT_DISCUSSED_DAYS),
    ("Over 12 weeks", None),
]


def _since_label(days: int) -> str:
    return next(label for label, most in SINCE_DISCUSSED if most is None or days <= most)


def last_discussed_figure(window: Window, cohort: Cohort) -> Figure:
    members: dict = defaultdict(set)
    column = "Children open"
    for pk in cohort.open_ids():
        days = (window.end - cohort.at_end[pk].last_discussed).days
        members[(_since_label(days), column)].add(pk)
    return _members_figure(
        key="last_discussed",
        title="Days since each open child was last discussed",
        row_label="Last discussed",
        members=members,
        rows=[label for label, _ in SINCE_DISCUSSED],
        columns=[column],
        keep_empty=True,
        note=f"As at {window.end:%-d %B %Y}. Follow a count to the children behind it.",
    )


OVERDUE = [("Up to 2 weeks", 14), ("2 to 4 weeks", 28), ("Over 4 weeks", None)]


def actions_overdue_figure(window: Window) -> Figure:
    end = window.end
    overdue = (
        Action.objects.filter(due_date__lt=end, created_at__date__lte=end)
        .filter(
            Q(status=Action.Status.OPEN) | Q(status=Action.Status.DONE, completed_at__date__gt=end)
        )
        .order_by()
    )
    buckets = {
        "up_to_2": Count("pk", filter=Q(due_date__gte=end - dt.timedelta(days=14))),
        "to_4": Count(
            "pk",
            filter=Q(
                due_date__lt=end - dt.timedelta(days=14),
                due_date__gte=end - dt.timedelta(days=28),
            ),
        ),
        "over_4": Count("pk", filter=Q(due_date__lt=end - dt.timedelta(days=28))),
    }
    rows = overdue.values("owner_agency__name").annotate(**buckets).order_by("owner_agency__name")
    return Figure(
        key="actions_overdue",
        title="Meeting actions overdue, by the agency that owns them",
        row_label="Agency",
        columns=[label for label, _ in OVERDUE],
        rows=[
            (row["owner_agency__name"], [row["up_to_2"], row["to_4"], row["over_4"]])
            for row in rows
        ],
        counts_children=False,
        counted="actions",
        note=f"Actions past their due date and not done on {end:%-d %B %Y}, by how long overdue.",
    )


INTERVIEWS = [
    ("within", "Within 72 hours"),
    ("after", "After 72 hours"),
    ("refused", "Refused by the child"),
    ("not_done", "Not done"),
    ("pending", "Not yet done"),
    ("untimed", "Done, time not recorded"),
]


def return_interviews_figure(window: Window) -> Figure:
    Status = MissingEpisode.InterviewStatus
    end_of_period = timezone.make_aware(
        dt.datetime.combine(window.end + dt.timedelta(days=1), dt.time.min)
    )
    done = Q(interview_status=Status.COMPLETED)
    done_by_end = done & Q(interview_completed_at__lt=end_of_period)
    outcome = Case(
        When(
            done_by_end,
            interview_completed_at__lte=F("ended_at") + RETURN_INTERVIEW_WINDOW,
            then=Value("within"),
        ),
        When(done_by_end, then=Value("after")),
        When(done & Q(interview_completed_at__isnull=True), then=Value("untimed")),
        When(interview_status=Status.REFUSED, then=Value("refused")),
        When(interview_status=Status.NOT_DONE, then=Value("not_done")),
        default=Value("pending"),
        output_field=CharField(),
    )
    rows = (
        MissingEpisode.objects.filter(
            ended_at__isnull=False,
            ended_at__date__gte=window.start,
            ended_at__date__lte=window.end,
        )
        .order_by()
        .annotate(period=window.trunc("ended_at"), outcome=outcome)
        .values("period", "outcome")
        .annotate(n=Count("pk"))
    )
    grid = _tally(rows, window, "outcome", [code for code, _ in INTERVIEWS])
    return Figure(
        key="return_interviews",
        title="Return interviews after a missing episode: done within 72 hours?",
        row_label="Return interview",
        columns=window.labels,
        rows=[
            (label, grid[code])
            for code, label in INTERVIEWS
            if code != "untimed" or sum(grid[code])
        ],
        unit=window.unit,
        counted="missing episodes",
        note="Missing episodes by the month the child returned; 72 hours from their return.",
    )


def mace_figures(window: Window) -> list[Figure]:
    cohort = Cohort(window)
    return [
        referrals_figure(window),
        triage_time_figure(window),
        open_by_level_figure(window, cohort),
        last_discussed_figure(window, cohort),
        actions_overdue_figure(window),
        return_interviews_figure(window),
    ]


# The Silver dashboard (by month): themes and trends, emerging risks and practice issues,
# the action plan by RAG, assurance findings, and what MACE escalated.


def themes_figure(window: Window) -> Figure:
    rows = (
        ThemeTag.objects.filter(occurred_on__gte=window.start, occurred_on__lte=window.end)
        .order_by()
        .annotate(period=window.trunc("occurred_on"))
        .values("period", "theme__name")
        .annotate(n=Count("pk"))
    )
    return Figure(
        key="themes",
        title="Themes over time: records tagged with each theme",
        row_label="Theme",
        columns=window.labels,
        rows=_by_size(_tally(rows, window, "theme__name")),
        chart="line",
        unit=window.unit,
        counted="records tagged",
        totals=False,
        note="Referrals, discussions, findings and contexts tagged with a theme, by month. "
        "A record tagged with two themes counts under each, so there are no totals.",
    )


def referral_types_figure(window: Window) -> Figure:
    counts = {
        code: Count("pk", filter=Q(concerns__icontains=f'"{code}"'))
        for code in Referral.Concern.values
    }
    counts["none"] = Count("pk", filter=Q(concerns=[]))
    rows = list(
        _referrals_in(window)
        .annotate(period=window.trunc("submitted_at"))
        .values("period")
        .annotate(**counts)
    )
    labels = {**dict(Referral.Concern.choices), "none": NOT_KNOWN_TYPE}
    grid = _grid(len(window.periods), labels.values())
    for row in rows:
        i = window.index(row["period"])
        if i is not None:
            for code, label in labels.items():
                grid[label][i] += row[code]
    return Figure(
        key="referral_types",
        title="Trends: referrals by type of exploitation",
        row_label="Exploitation type",
        columns=window.labels,
        rows=_by_size(grid, last=(NOT_KNOWN_TYPE,)),
        chart="line",
        totals=False,
        unit=window.unit,
        counted="referrals",
        note="A referral that names more than one type counts under each, so there are no totals.",
    )


FINDING_KINDS = [
    (Finding.Kind.EMERGING_RISK, "Emerging risks"),
    (Finding.Kind.PRACTICE_ISSUE, "Practice issues"),
    (Finding.Kind.THEME, "Themes"),
    (Finding.Kind.TREND, "Trends"),
]


def findings_figure(window: Window) -> Figure:
    rows = (
        Finding.objects.filter(
            meeting__date__gte=window.start,
            meeting__date__lte=window.end,
            kind__in=[kind for kind, _ in FINDING_KINDS],
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .order_by()
        .annotate(period=window.trunc("meeting__date"))
        .values("period", "kind")
        .annotate(n=Count("pk"))
    )
    grid = _tally(rows, window, "kind", [kind for kind, _ in FINDING_KINDS])
    return Figure(
        key="findings",
        title="Emerging risks, practice issues, themes and trends identified by MACE",
        row_label="Finding",
        columns=window.labels,
        rows=[(label, grid[kind]) for kind, label in FINDING_KINDS],
        counts_children=False,
        unit=window.unit,
        counted="findings",
        note="What MACE meetings recorded as findings for Silver, by the month of the meeting.",
    )


def escalations_figure(window: Window, to: str) -> Figure:
    rows = (
        Escalation.objects.filter(
            to=to, created_at__date__gte=window.start, created_at__date__lte=window.end
        )
        .order_by()
        .annotate(period=window.trunc("created_at"))
        .values("period", "kind")
        .annotate(n=Count("pk"))
    )
    kinds = Escalation.Kind.choices
    grid = _tally(rows, window, "kind", [kind for kind, _ in kinds])
    audience = Audience(to).label
    return Figure(
        key="escalations",
        title=f"Escalations to {audience}, by kind",
        row_label="Kind",
        columns=window.labels,
        rows=[(label, grid[kind]) for kind, label in kinds],
        counts_children=False,
        unit=window.unit,
        counted="escalations",
        note=f"Escalations raised to {audience} in each {window.unit}.",
    )


def plan_rag_figure() -> Figure:
    counts = {
        (row["objective_id"], row["rag"]): row["n"]
        for row in PlanItem.objects.order_by().values("objective_id", "rag").annotate(n=Count("pk"))
    }
    objectives = list(Objective.objects.values_list("pk", "title"))
    return Figure(
        key="plan_rag",
        title="The action plan by RAG status",
        row_label="Objective",
        columns=[label for _, label in RAG.choices],
        rows=[
            (title, [counts.get((pk, value), 0) for value, _ in RAG.choices])
            for pk, title in objectives
        ],
        counts_children=False,
        counted="plan items",
        note="Items of the partnership's action plan, by their RAG status now.",
    )


def assurance_figure(window: Window) -> Figure:
    counts = dict(
        AssuranceFinding.objects.filter(
            activity__carried_out_on__gte=window.start, activity__carried_out_on__lte=window.end
        )
        .order_by()
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    )
    column = "Findings"
    return Figure(
        key="assurance",
        title="Assurance findings: how far the standard was met",
        row_label="Standard",
        columns=[column],
        rows=[(label, [counts.get(value, 0)]) for value, label in AssuranceFinding.Rating.choices],
        counts_children=False,
        counted="findings",
        note="Findings of the multi-agency case audits carried out in the period.",
    )


def silver_figures(window: Window) -> list[Figure]:
    return [
        themes_figure(window),
        referral_types_figure(window),
        findings_figure(window),
        escalations_figure(window, Audience.SILVER),
        plan_rag_figure(),
        assurance_figure(window),
    ]


# The Gold dashboard (by quarter): the scale, disproportionality against the city's
# children, and the most vulnerable children.


@dataclass
class Facts:
    """What the Gold figures read of each child discussed in the period (four queries)."""

    gender: dict
    ethnicity: dict
    born: dict
    legal: dict
    ward: dict  # child -> (ward code, ward name) of the current address
    referrals: dict  # child -> [(day submitted, concerns)]


def _facts(window: Window) -> Facts:
    discussed = (
        _discussions()
        .filter(item__meeting__date__gte=window.start, item__meeting__date__lte=window.end)
        .values("item__child_id")
    )
    gender, ethnicity, born, legal = {}, {}, {}, {}
    for pk, g, e, dob, status in Child.objects.filter(pk__in=discussed).values_list(
        "pk", "gender", "ethnicity", "date_of_birth", "legal_status"
    ):
        gender[pk], ethnicity[pk], born[pk], legal[pk] = g, e, dob, status
    wards: dict = {}
    for child_id, code, name in (
        ChildAddress.objects.filter(date_to__isnull=True, child_id__in=discussed)
        .order_by("child_id", "-date_from")
        .values_list("child_id", "ward__code", "ward__name")
    ):
        wards.setdefault(child_id, (code, name) if code else None)
    referrals: dict = defaultdict(list)
    for child_id, concerns, submitted in (
        Referral.objects.exclude(status=Referral.Status.DRAFT)
        .filter(child_id__in=discussed, submitted_at__isnull=False)
        .order_by()
        .values_list("child_id", "concerns", "submitted_at")
    ):
        referrals[child_id].append((_local(submitted), concerns or []))
    return Facts(gender, ethnicity, born, legal, wards, referrals)


def _age(born: dt.date | None, on: dt.date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: dt.date | None, on: dt.date) -> str:
    """The AGE_BANDS code of a child's age on a day ("" when not known)."""
    age = _age(born, on)
    if age is None:
        return ""
    return next((code for code, _, low, high in AGE_BANDS if low <= age <= high), "")


AGE_LABELS = {code: label for code, label, _, _ in AGE_BANDS}
SEX_LABELS = dict(Child.Gender.choices)
ETHNICITY_LABELS = dict(Child.Ethnicity.choices)


def _looked_after(status: str) -> str:
    if status in LOOKED_AFTER:
        return "Looked after"
    if status == Child.LegalStatus.CARE_LEAVER:
        return "Care leaver"
    return "Not looked after"


@dataclass
class Dimension:
    """One way of dividing the children at risk: a category for a child on a day."""

    key: str
    title: str
    row_label: str
    category: Callable[[object, dt.date], list[str]]  # a child's categories (labels)
    rows: list[str]  # the rows in order (those always shown, then any other met)
    keep_empty: bool = True
    multiple: bool = False
    note: str = ""


def _dimensions(facts: Facts, ward_names: dict) -> list[Dimension]:
    def types(pk, on):
        kinds: list[str] = []
        for day, concerns in facts.referrals.get(pk, ()):
            if day <= on:
                kinds += [c for c in concerns if c not in kinds]
        labels = dict(Referral.Concern.choices)
        return [labels.get(c, c) for c in kinds] or [NOT_KNOWN_TYPE]

    def ward(pk, on):
        place = facts.ward.get(pk)
        return [place[1] if place else NOT_KNOWN_WARD]

    return [
        Dimension(
            "scale_type",
            "Children at risk by type of exploitation",
            "Exploitation type",
            types,
            [*dict(Referral.Concern.choices).values(), NOT_KNOWN_TYPE],
            keep_empty=False,
            multiple=True,
            note="The types named by the referrals about each child up to the quarter's end; "
            "a child may count under more than one, so there are no totals.",
        ),
        Dimension(
            "scale_age",
            "Children at risk by age",
            "Age",
            lambda pk, on: [AGE_LABELS.get(age_band(facts.born.get(pk), on), NOT_KNOWN)],
            [*AGE_LABELS.values(), NOT_KNOWN],
            note="Age on the last day of the quarter.",
        ),
        Dimension(
            "scale_sex",
            "Children at risk by sex",
            "Sex",
            lambda pk, on: [SEX_LABELS[facts.gender[pk]]],
            list(SEX_LABELS.values()),
        ),
        Dimension(
            "scale_ethnicity",
            "Children at risk by ethnicity",
            "Ethnicity",
            lambda pk, on: [ETHNICITY_LABELS[facts.ethnicity[pk]]],
            list(ETHNICITY_LABELS.values()),
            keep_empty=False,
        ),
        Dimension(
            "scale_ward",
            "Children at risk by ward",
            "Ward",
            ward,
            [*sorted(ward_names.values()), NOT_KNOWN_WARD],
            keep_empty=False,
            note="Ward of the child's current address.",
        ),
        Dimension(
            "scale_looked_after",
            "Children at risk by looked-after status",
            "Looked-after status",
            lambda pk, on: [_looked_after(facts.legal[pk])],
            ["Looked after", "Care leaver", "Not looked after"],
            note="Looked-after status as recorded on the child now.",
        ),
    ]


def scale_figures(window: Window, cohort: Cohort, facts: Facts, ward_names) -> list[Figure]:
    """Children at risk each quarter by level, type, age, sex, ethnicity, ward and
    looked-after status."""
    columns = window.labels
    level_members: dict = defaultdict(set)
    for i, column in enumerate(cohort.by_column):
        for pk, level in column.items():
            level_members[(_level_label(level), columns[i])].add(pk)
    figures = [
        _members_figure(
            key="scale_level",
            title="Children at risk each quarter, by the highest level of risk agreed",
            row_label="Risk level",
            members=level_members,
            rows=[label for _, label in LEVEL_ROWS] + [NO_LEVEL],
            columns=columns,
            keep_empty=True,
            unit=window.unit,
            splits="scale",
            note="Children discussed at MACE in each quarter, by the highest level agreed "
            "at a discussion in it.",
        )
    ]
    for dim in _dimensions(facts, ward_names):
        members: dict = defaultdict(set)
        for i, column in enumerate(cohort.by_column):
            on = window.last_day(i)
            for pk in column:
                if pk not in facts.gender:  # a child deleted since: not counted
                    continue
                for label in dim.category(pk, on):
                    members[(label, columns[i])].add(pk)
        rows = list(dim.rows) + sorted({row for row, _ in members} - set(dim.rows))
        figures.append(
            _members_figure(
                key=dim.key,
                title=dim.title,
                row_label=dim.row_label,
                members=members,
                rows=rows,
                columns=columns,
                keep_empty=dim.keep_empty,
                totals=not dim.multiple,
                chart="none" if dim.key in ("scale_ward", "scale_ethnicity") else "bar",
                unit=window.unit,
                splits="scale",
                note=dim.note,
            )
        )
    return figures


# The order of a disproportionality figure's rows (a ward's: by name, not known last).
CANONICAL = {
    PopulationReference.Dimension.ETHNICITY: list(ETHNICITY_LABELS.values()),
    PopulationReference.Dimension.SEX: list(SEX_LABELS.values()),
    PopulationReference.Dimension.AGE_BAND: [*AGE_LABELS.values(), NOT_KNOWN],
}
DISPROPORTIONALITY = [
    (PopulationReference.Dimension.ETHNICITY, "disp_ethnicity", "Ethnicity"),
    (PopulationReference.Dimension.SEX, "disp_sex", "Sex"),
    (PopulationReference.Dimension.AGE_BAND, "disp_age", "Age"),
    (PopulationReference.Dimension.WARD, "disp_ward", "Ward"),
]


def disproportionality_figures(
    window: Window, cohort: Cohort, facts: Facts, ward_names: dict
) -> list[Figure]:
    """For each dimension the reference table has: each category's children at risk in
    the period, beside the city's children in it (the figure adds the shares and the rate
    ratio when it is published)."""
    reference: dict[str, dict[str, int]] = defaultdict(dict)
    source = ""
    for dimension, category, children, src, year in PopulationReference.objects.values_list(
        "dimension", "category", "children", "source", "year"
    ):
        reference[dimension][category] = children
        source = source or f"{src} ({year})"
    at_risk = [pk for pk in cohort.in_period() if pk in facts.gender]
    end = window.end

    def category(dimension: str, pk) -> tuple[str, str]:
        """(reference category, label) of a child."""
        if dimension == PopulationReference.Dimension.ETHNICITY:
            code = facts.ethnicity[pk]
            return code, ETHNICITY_LABELS[code]
        if dimension == PopulationReference.Dimension.SEX:
            code = facts.gender[pk]
            return code, SEX_LABELS[code]
        if dimension == PopulationReference.Dimension.AGE_BAND:
            code = age_band(facts.born.get(pk), end)
            return code, AGE_LABELS.get(code, NOT_KNOWN)
        place = facts.ward.get(pk)
        return (place[0], place[1]) if place else ("", NOT_KNOWN_WARD)

    def label_of(dimension: str, code: str) -> str:
        if dimension == PopulationReference.Dimension.ETHNICITY:
            return ETHNICITY_LABELS.get(code, code)
        if dimension == PopulationReference.Dimension.SEX:
            return SEX_LABELS.get(code, code)
        if dimension == PopulationReference.Dimension.AGE_BAND:
            return AGE_LABELS.get(code, code)
        return ward_names.get(code, code)

    figures = []
    for dimension, key, row_label in DISPROPORTIONALITY:
        city = reference.get(dimension, {})
        if not city:
            continue
        members: dict = defaultdict(set)
        population: dict[str, int | None] = {}
        for code, children in city.items():
            population[label_of(dimension, code)] = children
        for pk in at_risk:
            code, label = category(dimension, pk)
            members[(label, CHILDREN_AT_RISK)].add(pk)
            population.setdefault(label, city.get(code))
        canonical = CANONICAL.get(dimension, [])
        order = sorted(
            population,
            key=lambda label: (
                label not in canonical,
                population[label] is None,
                canonical.index(label) if label in canonical else 0,
                label,
            ),
        )
        figure = _members_figure(
            key=key,
            title=f"Disproportionality by {row_label.lower()}: children at risk against the "
            "city's children",
            row_label=row_label,
            members=members,
            rows=order,
            columns=[CHILDREN_AT_RISK],
            keep_empty=True,
            splits="disproportionality",
            note=(
                f"Children discussed at MACE from {window.start:%-d %B %Y} to {end:%-d %B %Y}, "
                "and the city's children aged 0 to 17. The rate ratio is the share of children "
                "at risk over the share of the city's children: above 1, a group is more "
                f"often at risk than its size would suggest. City figures: {source}."
            ),
        )
        figure.reference = [population[label] for label, _ in figure.rows]
        figures.append(figure)
    return figures


VULNERABLE = [
    ("high", "At high risk"),
    ("rising", "Risk rising since the previous discussion"),
    ("vrmp", "VRMP not having the desired effect"),
    ("missing", f"Missing {FREQUENT_MISSING} or more times in {MISSING_WINDOW_DAYS} days"),
    ("not_discussed", "Not discussed at MACE for over 12 weeks"),
    ("escalated", "Escalated to Gold"),
]
ANY = "Any of these"


def _vulnerable(window: Window, cohort: Cohort) -> dict[str, set]:
    """Which children meet each criterion of the most vulnerable, as at the end."""
    end = window.end
    open_ids = cohort.open_ids()
    states = cohort.at_end
    sets = {
        "high": {pk for pk in open_ids if states[pk].level == Level.HIGH},
        "rising": {pk for pk in open_ids if states[pk].rising},
        "not_discussed": {
            pk for pk in open_ids if (end - states[pk].last_discussed).days > NOT_DISCUSSED_DAYS
        },
    }
    latest_review: dict = {}
    for child_id, effect in (
        VrmpReview.objects.filter(vrmp__status=Vrmp.Status.ACTIVE, reviewed_on__lte=end)
        .order_by("reviewed_on", "created_at")
        .values_list("vrmp__child_id", "effect")
    ):
        latest_review[child_id] = effect
    sets["vrmp"] = {pk for pk, effect in latest_review.items() if pk in open_ids and effect == "no"}
    since = timezone.make_aware(dt.datetime.combine(end, dt.time.min)) - dt.timedelta(
        days=MISSING_WINDOW_DAYS - 1
    )
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    sets["missing"] = {
        row["child_id"]
        for row in MissingEpisode.objects.filter(started_at__gte=since, started_at__lt=until)
        .order_by()
        .values("child_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=FREQUENT_MISSING)
        if row["child_id"] in open_ids
    }
    escalations = Escalation.objects.filter(to=Audience.GOLD, created_at__lt=until).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=until)
    )
    sets["escalated"] = set(
        Escalation.children.through.objects.filter(escalation__in=escalations).values_list(
            "child_id", flat=True
        )
    )
    return sets


def vulnerable_figures(window: Window, cohort: Cohort) -> tuple[list[Figure], list[NamedChild]]:
    """The most vulnerable children, counted by criterion, and those escalated to Gold
    (named, with the criteria they meet)."""
    sets = _vulnerable(window, cohort)
    column = "Children"
    members = {(label, column): sets[code] for code, label in VULNERABLE}
    members[(ANY, column)] = set().union(*sets.values())
    figure = _members_figure(
        key="vulnerable",
        title="The most vulnerable children",
        row_label="Why",
        members=members,
        rows=[label for _, label in VULNERABLE] + [ANY],
        columns=[column],
        keep_empty=True,
        totals=False,
        note=f"Children open at MACE (and any escalated to Gold) as at {window.end:%-d %B %Y}. "
        "A child may meet more than one; named below only where escalated to Gold.",
    )
    labels = dict(VULNERABLE)
    named = [
        NamedChild(
            child=child,
            reasons=[labels[code] for code, _ in VULNERABLE if child.pk in sets[code]],
        )
        for child in Child.objects.filter(pk__in=sets["escalated"]).order_by(
            "family_name", "given_name"
        )
    ]
    return [figure], named


def gold_figures(window: Window) -> tuple[list[Figure], list[Figure], list[NamedChild]]:
    cohort = Cohort(window)
    facts = _facts(window)
    ward_names = dict(Ward.objects.values_list("code", "name"))
    figures = [
        *scale_figures(window, cohort, facts, ward_names),
        *disproportionality_figures(window, cohort, facts, ward_names),
        escalations_figure(window, Audience.GOLD),
    ]
    counted, named = vulnerable_figures(window, cohort)
    return figures, counted, named
