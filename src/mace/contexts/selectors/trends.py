"""Themes and trends: counts over time by theme, by ward and by exploitation type (ADR 32).

Aggregates only, never a child: the figures are counted here from a fixed number of
queries whatever the data, by month (by quarter when the period spans more than two
years). The core group sees every chart, exact, with totals. Outside it (Silver and Gold)
the page shows the charts of ``PUBLISHED_CHARTS`` by month, without totals and with a count
of 1 to 4 as "<5" (``mace.core.suppression``), as Silver's dashboard shows its themes
(ADR 39). Who may see the page is ``may_see_trends``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from mace.accounts.models import Role
from mace.accounts.permissions import has_role
from mace.contexts.models import Context, ThemeTag
from mace.contexts.permissions import CORE_GROUP_ROLES, is_core_group
from mace.core import clock
from mace.core.suppression import Published, publish
from mace.meetings.models import Discussion, Finding
from mace.people.models import ChildAddress
from mace.referrals.models import Referral

SMALLEST_SHOWN = 5  # a "<5" is drawn up to here
NOT_KNOWN_WARD = "Ward not known"
NOT_KNOWN_TYPE = "Type not recorded"
QUARTERS_AFTER_DAYS = 731  # "over 2 years"
TRENDS_ROLES = (*CORE_GROUP_ROLES, Role.SILVER, Role.GOLD)


def may_see_trends(user) -> bool:
    """The core group (exact figures), and Silver and Gold (aggregates, suppressed)."""
    return has_role(user, *TRENDS_ROLES)


@dataclass(frozen=True)
class Period:
    start: dt.date
    label: str


def periods_between(
    start: dt.date, end: dt.date, *, quarters: bool = True
) -> tuple[str, list[Period]]:
    """The buckets from ``start`` to ``end`` (both included): months, or quarters when the
    span is over two years (unless ``quarters`` is False)."""
    if quarters and (end - start).days >= QUARTERS_AFTER_DAYS:
        first = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
        step, unit = relativedelta(months=3), "quarter"
    else:
        first = dt.date(start.year, start.month, 1)
        step, unit = relativedelta(months=1), "month"
    rows, day = [], first
    while day <= end:
        last = day + step - relativedelta(days=1)
        label = (
            day.strftime("%b %Y")
            if unit == "month"
            else f"{day.strftime('%b')}–{last.strftime('%b %Y')}"
        )
        rows.append(Period(day, label))
        day += step
    return unit, rows


@dataclass
class Chart:
    """One figure: counts per group (a theme, a ward, a type) per period."""

    key: str
    title: str
    group_label: str
    counted: str  # what is counted, in words ("records tagged", "referrals")
    unit: str
    periods: list[Period]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    exact: bool = True
    # Whether the periods' totals mean something: False where one record may count in
    # more than one group (a referral naming two exploitation types). Outside the core
    # group such a table has no totals at all; the core group still sees each row's total.
    totals: bool = True

    @cached_property
    def published(self) -> Published:
        """The table as the viewer may see it: every number for the core group; outside
        it "<5" for 1 to 4 and, with totals, "[c]" for what would give a "<5" away."""
        counts = [list(values) for _, values in self.rows]
        if not counts:
            return Published([], [], [""] * len(self.periods), "")
        if not self.exact:
            return publish(counts, exact=False, totals=self.totals)
        table = publish(counts, exact=True)
        if self.totals:
            return table
        return replace(table, column_totals=[""] * len(self.periods), total="")

    @property
    def has_row_totals(self) -> bool:
        return self.exact or self.totals

    @property
    def has_column_totals(self) -> bool:
        return self.totals

    def shown_rows(self) -> list[tuple[str, list[str], str]]:
        """Each group with its cells as the viewer may see them, and its total ("" when
        the table has none for this viewer)."""
        table = self.published
        return [
            (label, cells, total)
            for (label, _), cells, total in zip(
                self.rows, table.cells, table.row_totals, strict=True
            )
        ]

    @property
    def is_empty(self) -> bool:
        return not any(sum(counts) for _, counts in self.rows)


def _bucketer(unit: str, periods: list[Period]):
    index = {p.start: i for i, p in enumerate(periods)}

    def bucket(day: dt.date) -> int | None:
        if unit == "quarter":
            key = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        else:
            key = dt.date(day.year, day.month, 1)
        return index.get(key)

    return bucket


def _tally(
    items: Iterable[tuple[dt.date, Iterable[str], object]], bucket, n_periods: int
) -> dict[str, list[int]]:
    """Count distinct records (the third item) per group per period."""
    seen: dict[str, list[set]] = defaultdict(lambda: [set() for _ in range(n_periods)])
    for day, groups, record in items:
        i = bucket(day)
        if i is None:
            continue
        for group in groups:
            seen[group][i].add(record)
    return {group: [len(s) for s in sets] for group, sets in seen.items()}


def _rows(counts: dict[str, list[int]], *, last: tuple[str, ...] = ()) -> list:
    """Groups, largest first (named "not known" groups at the end)."""
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] in last, -sum(kv[1]), kv[0]))
    return [(label, list(values)) for label, values in ordered]


def _current_wards(child_ids_query) -> dict:
    """The ward of each child's current address (the latest address still current)."""
    wards: dict = {}
    addresses = (
        ChildAddress.objects.filter(date_to__isnull=True, child_id__in=child_ids_query)
        .order_by("child_id", "-date_from")
        .values_list("child_id", "ward__name")
    )
    for child_id, ward in addresses:
        wards.setdefault(child_id, ward)
    return wards


def _type_label(code: str) -> str:
    if code in Referral.Concern.values:
        return Referral.Concern(code).label
    return code or NOT_KNOWN_TYPE


@dataclass
class Trends:
    start: dt.date
    end: dt.date
    unit: str
    periods: list[Period]
    exact: bool
    charts: list[Chart]

    def chart(self, key: str) -> Chart | None:
        return next((c for c in self.charts if c.key == key), None)


CHART_KEYS = ("themes", "theme_wards", "theme_types", "referral_types", "referral_wards")
# What Silver and Gold see (ADR 39): the charts whose rows may hold one record more than
# once, without totals and with 1 to 4 as "<5", as Silver's dashboard shows themes and
# referral types. The ward charts put each record in one row, so each of their columns sums
# to the records of the period, and beside the theme and type charts, which count every
# record at least once, a "<5" could be bounded: they stay with the core group.
PUBLISHED_CHARTS = ("themes", "theme_types", "referral_types")


def default_period() -> tuple[dt.date, dt.date]:
    """The last twelve months, this one included."""
    today = clock.today()
    return dt.date(today.year, today.month, 1) - relativedelta(months=11), today


def trends_for(*, user, start: dt.date, end: dt.date) -> Trends:
    """Every figure of the trends page for this period, as this user may see them."""
    if not may_see_trends(user):
        raise PermissionError("Only the MACE core group, Silver and Gold see themes and trends.")
    exact = is_core_group(user)
    # Outside the core group by month always: Silver's dashboard counts the same themes by
    # month, and a quarter beside its months would be their sum.
    unit, periods = periods_between(start, end, quarters=exact)
    bucket = _bucketer(unit, periods)
    n = len(periods)
    window = {"occurred_on__gte": periods[0].start if periods else start, "occurred_on__lte": end}

    types = ContentType.objects.get_for_models(Referral, Discussion, Finding, Context)
    tags = list(
        ThemeTag.objects.filter(**window)
        .values_list("theme__name", "target_type_id", "target_id", "occurred_on")
        .order_by()
    )
    ids_by_type: dict[int, set] = defaultdict(set)
    for _, type_id, target_id, _ in tags:
        ids_by_type[type_id].add(target_id)

    # What each tagged record says of its ward and its exploitation type.
    ward_of: dict = {}
    types_of: dict = {}
    referral_ids = ids_by_type.get(types[Referral].pk, set())
    discussion_ids = ids_by_type.get(types[Discussion].pk, set())
    context_ids = ids_by_type.get(types[Context].pk, set())
    referral_rows = list(
        Referral.objects.filter(pk__in=referral_ids).values_list("pk", "child_id", "concerns")
    )
    discussion_rows = list(
        Discussion.objects.filter(pk__in=discussion_ids).values_list(
            "pk", "item__child_id", "item__referral__concerns"
        )
    )
    children = {c for _, c, _ in referral_rows if c} | {c for _, c, _ in discussion_rows if c}
    wards = _current_wards(list(children)) if children else {}
    # A record is (its type, its id): a referral and a discussion may share an id.
    for type_id, rows in (
        (types[Referral].pk, referral_rows),
        (types[Discussion].pk, discussion_rows),
    ):
        for pk, child_id, concerns in rows:
            ward_of[type_id, pk] = wards.get(child_id) or NOT_KNOWN_WARD
            types_of[type_id, pk] = [_type_label(c) for c in (concerns or [])] or [NOT_KNOWN_TYPE]
    for pk, ward, kind in Context.objects.filter(pk__in=context_ids).values_list(
        "pk", "ward__name", "exploitation_type"
    ):
        ward_of[types[Context].pk, pk] = ward or NOT_KNOWN_WARD
        types_of[types[Context].pk, pk] = [_type_label(kind)]

    records = [(theme, (type_id, tid), day) for theme, type_id, tid, day in tags]
    theme_counts = _tally(((day, [theme], r) for theme, r, day in records), bucket, n)
    ward_counts = _tally(
        ((day, [ward_of.get(r, NOT_KNOWN_WARD)], r) for _, r, day in records), bucket, n
    )
    type_counts = _tally(
        ((day, types_of.get(r, [NOT_KNOWN_TYPE]), r) for _, r, day in records), bucket, n
    )

    # Every referral submitted in the period, tagged or not.
    referrals = list(
        Referral.objects.exclude(status=Referral.Status.DRAFT)
        .filter(submitted_at__isnull=False)
        .filter(submitted_at__date__gte=window["occurred_on__gte"], submitted_at__date__lte=end)
        .values_list("pk", "child_id", "concerns", "submitted_at")
        .order_by()
    )
    referral_children = {c for _, c, _, _ in referrals if c}
    wards = _current_wards(list(referral_children)) if referral_children else {}

    def day_of(stamp: dt.datetime) -> dt.date:
        return timezone.localtime(stamp).date()

    ref_type_counts = _tally(
        (
            (day_of(at), [_type_label(c) for c in (concerns or [])] or [NOT_KNOWN_TYPE], pk)
            for pk, _, concerns, at in referrals
        ),
        bucket,
        n,
    )
    ref_ward_counts = _tally(
        (
            (day_of(at), [wards.get(child_id) or NOT_KNOWN_WARD], pk)
            for pk, child_id, _, at in referrals
        ),
        bucket,
        n,
    )

    def chart(key, title, group_label, counted, counts, last=(), totals=True):
        return Chart(
            totals=totals,
            key=key,
            title=title,
            group_label=group_label,
            counted=counted,
            unit=unit,
            periods=periods,
            rows=_rows(counts, last=last),
            exact=exact,
        )

    charts = [
        chart("themes", "Records tagged with each theme", "Theme", "records tagged", theme_counts),
        chart(
            "theme_wards",
            "Records tagged with a theme, by ward",
            "Ward",
            "records tagged",
            ward_counts,
            last=(NOT_KNOWN_WARD,),
        ),
        chart(
            "theme_types",
            "Records tagged with a theme, by exploitation type",
            "Exploitation type",
            "records tagged",
            type_counts,
            last=(NOT_KNOWN_TYPE,),
            totals=False,
        ),
        chart(
            "referral_types",
            "Referrals by exploitation type",
            "Exploitation type",
            "referrals",
            ref_type_counts,
            last=(NOT_KNOWN_TYPE,),
            totals=False,
        ),
        chart(
            "referral_wards",
            "Referrals by ward of the child's current address",
            "Ward",
            "referrals",
            ref_ward_counts,
            last=(NOT_KNOWN_WARD,),
        ),
    ]
    if not exact:
        charts = [replace(chart, totals=False) for chart in charts if chart.key in PUBLISHED_CHARTS]
    return Trends(start=start, end=end, unit=unit, periods=periods, exact=exact, charts=charts)
