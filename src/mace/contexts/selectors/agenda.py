"""The contextual MACE agenda (ADR 33): the meetings a context can go to, the candidates
the coordinator builds an agenda from, and each contextual item's summary in the papers.

Every function here reads a fixed number of queries, whatever the number of items, links,
children or candidates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from mace.accounts.permissions import COHORT_ROLES
from mace.audit.models import Event
from mace.contexts.models import Alert, Context, ContextAction, Disruption, Link, Node, ThemeTag
from mace.contexts.selectors.persons import persons_read_log
from mace.contexts.selectors.visibility import (
    alerts_as_seen,
    contexts_visible_to,
    links_visible_to,
)
from mace.core import clock
from mace.core.levels import LEVEL_RANK, Level
from mace.meetings.models import Action, AgendaItem, Discussion, Finding, Kind, Meeting
from mace.meetings.selectors.agenda import upcoming_meetings
from mace.people.selectors import children_visible_to, rows_shown

# Without an earlier contextual meeting, "the last period" is the four-week cycle.
PERIOD_DAYS = 28
# An open context not discussed at a contextual meeting for this long is a candidate
# (three four-weekly cycles).
STALE_DAYS = 84
CANDIDATES_SHOWN = 25
FINDING_KINDS = (Finding.Kind.THEME, Finding.Kind.TREND, Finding.Kind.PERPETRATOR)


def context_type() -> ContentType:
    return ContentType.objects.get_for_model(Context)


def contextual_meetings_ahead(*, user) -> QuerySet[Meeting]:
    """Contextual MACE meetings still to be held that this user may see, soonest first."""
    return upcoming_meetings(user=user, kind=Kind.CONTEXT).order_by("date", "start_time")


def period_start(meeting: Meeting) -> dt.date:
    """The start of the period a contextual meeting looks back on: the date of the previous
    contextual meeting (not cancelled), or four weeks before this one."""
    previous = (
        Meeting.objects.filter(kind=Kind.CONTEXT, date__lt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .aggregate(last=Max("date"))["last"]
    )
    return previous or meeting.date - dt.timedelta(days=PERIOD_DAYS)


def _listed_here(meeting: Meeting) -> QuerySet:
    return AgendaItem.objects.filter(
        meeting=meeting, subject_type=context_type(), status=AgendaItem.Status.LISTED
    ).values("subject_id")


@dataclass
class Candidates:
    alerts: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    expiring: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    themes: list = field(default_factory=list)  # open themes, to choose for a finding
    since: dt.date | None = None

    @property
    def empty(self) -> bool:
        return not (self.alerts or self.findings or self.expiring or self.stale)


def agenda_candidates(*, user, meeting: Meeting) -> Candidates:
    """What the coordinator may put on a contextual meeting's agenda: open co-occurrence
    alerts, the themes, trends and suspected perpetrators raised at child-focused meetings
    since the last contextual meeting (not yet brought to this one), contexts with an order
    expiring, and open contexts not discussed for a long time. No child is named (an alert
    says how many children, not who), so nothing here is a read of a child."""
    today = clock.today()
    since = period_start(meeting)
    listed = _listed_here(meeting)
    visible = contexts_visible_to(user)
    alerts = alerts_as_seen(
        user=user,
        alerts=Alert.objects.filter(
            status=Alert.Status.OPEN, context__in=visible, link__in=links_visible_to(user)
        )
        .exclude(context_id__in=listed)
        .select_related("context")
        .order_by("-created_at"),
    )[:CANDIDATES_SHOWN]
    finding_type = ContentType.objects.get_for_model(Finding)
    brought = ThemeTag.objects.filter(
        target_type=finding_type, target_id=OuterRef("pk"), theme_id__in=listed
    )
    findings = list(
        Finding.objects.filter(
            meeting__kind=Kind.CHILD,
            kind__in=FINDING_KINDS,
            meeting__date__gt=since,
            meeting__date__lte=max(today, meeting.date),
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .exclude(Exists(brought))
        .select_related("meeting")
        .order_by("-meeting__date", "kind", "created_at")[:CANDIDATES_SHOWN]
    )
    horizon = today + dt.timedelta(days=settings.MACE_DISRUPTION_EXPIRY_WARNING_DAYS)
    expiring = list(
        Disruption.objects.filter(
            status=Disruption.Status.ACTIVE,
            expires_on__isnull=False,
            expires_on__lte=horizon,
            context__in=visible,
            context__status=Context.Status.OPEN,
        )
        .exclude(context_id__in=listed)
        .select_related("context", "agency")
        .order_by("expires_on")[:CANDIDATES_SHOWN]
    )
    last_discussed = (
        AgendaItem.objects.filter(
            subject_type=context_type(),
            subject_id=OuterRef("pk"),
            status=AgendaItem.Status.LISTED,
            meeting__kind=Kind.CONTEXT,
            meeting__status=Meeting.Status.HELD,
        )
        .order_by("-meeting__date")
        .values("meeting__date")[:1]
    )
    cutoff = today - dt.timedelta(days=STALE_DAYS)
    stale = list(
        visible.filter(status=Context.Status.OPEN)
        .exclude(pk__in=listed)
        .annotate(last_discussed=Subquery(last_discussed))
        .filter(Q(last_discussed__lt=cutoff) | Q(last_discussed__isnull=True, opened_on__lt=cutoff))
        .order_by(F("last_discussed").asc(nulls_first=True), "opened_on", "name")[:CANDIDATES_SHOWN]
    )
    themes = list(
        visible.filter(kind=Context.Kind.THEME, status=Context.Status.OPEN).order_by("name")[:200]
    )
    persons_read_log(
        user=user,
        contexts=[
            *(a.context for a in alerts),
            *(d.context for d in expiring),
            *(c for c in stale if c.kind == Context.Kind.PERSON),
        ],
        where="agenda builder",
    )
    return Candidates(
        alerts=alerts,
        findings=findings,
        expiring=expiring,
        stale=stale,
        themes=themes,
        since=since,
    )


def agenda_builder_links(*, user, meeting) -> list[tuple[str, str]]:
    """The meetings agenda page's link to the builder (registered in mace.web.registry):
    for a coming contextual meeting, to the coordinator or chair."""
    if meeting.kind != Kind.CONTEXT or meeting.status != Meeting.Status.SCHEDULED:
        return []
    from mace.contexts.services.agenda import may_build_agenda

    if not may_build_agenda(user):
        return []
    url = reverse("contexts:agenda_build", args=[meeting.pk])
    return [("Build the agenda from alerts, findings and contexts", url)]


# The papers' summary of each contextual item.


@dataclass
class ChildRow:
    """A child linked to the context, as this reader may see them."""

    child: object
    locked: bool = False  # a restricted record: "A restricted record"
    level: str = ""  # the level last agreed at MACE

    @property
    def child_id(self):
        return self.child.pk

    @property
    def label(self) -> str:
        return "A restricted record" if self.locked else self.child.full_name


@dataclass
class ContextSummary:
    context: Context
    since: dt.date
    by_level: list = field(default_factory=list)  # [(label, [ChildRow])], highest first
    hidden_children: int = 0  # linked children this reader may not see: counted, not named
    links_in_period: int = 0
    disruptions: list = field(default_factory=list)
    actions: list = field(default_factory=list)  # (description, owner, agency, due, source)

    @property
    def children_count(self) -> int:
        return sum(len(rows) for _, rows in self.by_level) + self.hidden_children


LEVEL_ORDER = [*sorted(Level.values, key=LEVEL_RANK.get, reverse=True), ""]
LEVEL_LABELS = {**dict(Level.choices), "": "No level agreed at MACE"}


def children_levels(child_ids) -> dict:
    """Each child's latest level agreed at a MACE discussion (one query): the risk level
    of their latest discussion that recorded one (ADR 33)."""
    child_ids = list(child_ids)
    if not child_ids:
        return {}
    latest = (
        Discussion.objects.filter(item__child_id__in=child_ids)
        .exclude(risk_level="")
        .exclude(item__meeting__status=Meeting.Status.CANCELLED)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("item__child_id"),
                order_by=(F("item__meeting__date").desc(), F("modified_at").desc()),
            )
        )
        .filter(rank=1)
        .values_list("item__child_id", "risk_level")
    )
    return dict(latest)


def context_summaries(*, user, items) -> dict:
    """{item id: ("contexts/_item_summary.html", {"summary": ContextSummary})} for the items
    about a context this reader may see: its linked children by the level last agreed,
    links recorded since the previous contextual meeting, disruption in force and open
    actions. Every child shown is logged (``rows_shown``); a restricted record is "A
    restricted record"; a child the reader may not see is counted, not named. A fixed
    number of queries for the whole agenda."""
    ct = context_type()
    items = [i for i in items if i.subject_type_id == ct.pk and i.subject_id and not i.child_id]
    if not items:
        return {}
    context_ids = {i.subject_id for i in items}
    contexts = {
        c.pk: c for c in contexts_visible_to(user).filter(pk__in=context_ids).select_related("node")
    }
    if not contexts:
        return {}
    meeting = items[0].meeting
    since = period_start(meeting)
    node_of = {c.node.pk: c.pk for c in contexts.values() if hasattr(c, "node")}
    links = list(
        links_visible_to(user)
        .filter(status=Link.Status.CONFIRMED)
        .filter(Q(source_id__in=list(node_of)) | Q(target_id__in=list(node_of)))
        .select_related("source__child", "target__child")
        .only(
            "id",
            "source_id",
            "target_id",
            "created_at",
            "source__kind",
            "source__child",
            "target__kind",
            "target__child",
        )
    )
    children_of: dict = defaultdict(dict)
    in_period: dict = defaultdict(int)
    for link in links:
        for mine, other in ((link.source, link.target), (link.target, link.source)):
            if mine.pk not in node_of:
                continue
            context_id = node_of[mine.pk]
            if timezone.localtime(link.created_at).date() >= since:
                in_period[context_id] += 1
            if other.kind == Node.Kind.CHILD and other.child_id:
                children_of[context_id][other.child_id] = other.child
    every = {pk: child for kids in children_of.values() for pk, child in kids.items()}
    shown_ids = _children_shown(user, every)
    levels = children_levels(shown_ids)
    shown = rows_shown(
        user=user,
        rows=[ChildRow(child=every[pk], level=levels.get(pk, "")) for pk in shown_ids],
        verb=Event.Verb.CHILD_SEEN_IN_NETWORK,
        payload={"page": "papers", "meeting": str(meeting.pk)},
    )
    row_of = {row.child_id: row for row in shown}
    disruptions: dict = defaultdict(list)
    for d in (
        Disruption.objects.filter(context_id__in=list(contexts), status=Disruption.Status.ACTIVE)
        .select_related("agency")
        .order_by("expires_on", "started_on")
    ):
        disruptions[d.context_id].append(d)
    actions = _open_actions(list(contexts))
    out = {}
    for item in items:
        context = contexts.get(item.subject_id)
        if context is None:
            continue
        summary = ContextSummary(context=context, since=since)
        by_level: dict = defaultdict(list)
        for pk in children_of.get(context.pk, {}):
            row = row_of.get(pk)
            if row is None:
                summary.hidden_children += 1
            else:
                by_level["" if row.locked else row.level].append(row)
        summary.by_level = [
            (LEVEL_LABELS[level], sorted(by_level[level], key=lambda r: (r.locked, r.label)))
            for level in LEVEL_ORDER
            if by_level.get(level)
        ]
        summary.links_in_period = in_period.get(context.pk, 0)
        summary.disruptions = disruptions.get(context.pk, [])
        summary.actions = actions.get(context.pk, [])
        out[item.pk] = ("contexts/_item_summary.html", {"summary": summary})
    return out


def _children_shown(user, children: dict) -> list:
    """Of these children, those the reader gets a row for: the ones they may see, and (for
    the cohort roles, who reach every child) restricted records, shown as such. Anyone else
    is counted, not named. One query."""
    if not children:
        return []
    visible = set(
        children_visible_to(user).filter(pk__in=list(children)).values_list("pk", flat=True)
    )
    cohort = user.role in COHORT_ROLES
    return [pk for pk, c in children.items() if pk in visible or (cohort and c.restricted)]


@dataclass(frozen=True)
class SummaryAction:
    description: str
    owner: str
    agency: str
    due_date: dt.date
    source: str
    overdue: bool


def _open_actions(context_ids: list) -> dict:
    """Open plan actions and open meeting actions on items about these contexts, by
    context, by due date (two queries)."""
    today = clock.today()
    by_context: dict = defaultdict(list)
    for a in ContextAction.objects.filter(
        context_id__in=context_ids, status=ContextAction.Status.OPEN
    ).select_related("owner", "owner_agency"):
        by_context[a.context_id].append(
            SummaryAction(
                a.description,
                a.owner.full_name if a.owner_id else "",
                a.owner_agency.name,
                a.due_date,
                "Plan",
                a.due_date < today,
            )
        )
    for a in Action.objects.filter(
        item__subject_type=context_type(),
        item__subject_id__in=context_ids,
        status=Action.Status.OPEN,
    ).select_related("owner", "owner_agency", "meeting", "item"):
        kind = "Recommendation" if a.is_recommendation else "Action"
        by_context[a.item.subject_id].append(
            SummaryAction(
                a.description,
                a.owner.full_name if a.owner_id else "",
                a.owner_agency.name,
                a.due_date,
                f"{kind} from contextual MACE, {a.meeting.date:%-d %b %Y}",
                a.due_date < today,
            )
        )
    for rows in by_context.values():
        rows.sort(key=lambda a: a.due_date)
    return by_context


def open_alerts_of(*, context: Context) -> QuerySet[Alert]:
    return Alert.objects.filter(context=context, status=Alert.Status.OPEN)


__all__ = [
    "Candidates",
    "ContextSummary",
    "agenda_builder_links",
    "agenda_candidates",
    "context_summaries",
    "contextual_meetings_ahead",
    "period_start",
]
