"""Meeting papers (the agenda pack) and minutes for one reader, limited to what that reader
may see (ARCHITECTURE §4).

Which items a reader sees is decided by ``items_visible_to``; on top of it, a child whose
record is restricted and not opened to the reader (named, or broken glass) is shown as
"a restricted record" with nothing that identifies the child, as the cohort search does.
The distribution list names professionals, never a child: a slot invitation says which
item by its number only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from mace.accounts.permissions import COHORT_ROLES, has_role
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock
from mace.meetings.models import Action, AgendaItem, Discussion, Meeting, Minutes
from mace.meetings.selectors.agenda import (
    agenda_slots,
    invitations_standing,
    items_visible_to,
    sits_on,
)
from mace.people.selectors import rows_shown
from mace.risk.models import VrmpAction
from mace.risk.selectors.summary import child_record_summaries
from mace.web.registry import item_summaries

PAPERS_MARKING = "OFFICIAL-SENSITIVE — RESTRICTED: MACE meeting papers, do not forward"
MINUTES_MARKING = "OFFICIAL-SENSITIVE — RESTRICTED: MACE meeting minutes, do not forward"


@dataclass(frozen=True)
class Recipient:
    """One line of the distribution list."""

    name: str
    agency: str
    capacity: str
    item_number: int | None  # None: the whole meeting

    @property
    def invited_to(self) -> str:
        if self.item_number is None:
            return "The whole meeting"
        return f"Item {self.item_number} only"


@dataclass(frozen=True)
class OpenAction:
    description: str
    source: str  # "VRMP" or the meeting it was agreed at
    owner: str
    agency: str
    due_date: dt.date
    overdue: bool


@dataclass(frozen=True)
class LastOutcome:
    """What the last MACE meeting that discussed the child decided."""

    date: dt.date
    meeting: str
    outcome: str  # the outcome's label, "" if none was recorded
    risk_level: str  # the level agreed, "" if none


@dataclass
class PaperItem:
    """One agenda item as this reader gets it."""

    number: int
    item: AgendaItem
    starts_at: dt.datetime | None  # None: for information, takes no time
    locked: bool = False  # a restricted record the reader may not open
    summary: dict | None = None
    # What an app above adds about a contextual item (contexts: its linked children,
    # links, disruption and actions): the template and its context.
    extra_template: str = ""
    extra: dict = field(default_factory=dict)
    actions: list[OpenAction] = field(default_factory=list)
    last_outcome: LastOutcome | None = None

    @property
    def child(self):
        return None if self.locked else self.item.child

    @property
    def label(self) -> str:
        return "A restricted record" if self.locked else self.item.label


@dataclass
class Papers:
    meeting: Meeting
    items: list[PaperItem]
    distribution: list[Recipient]

    @property
    def children(self) -> list:
        """The children named in this pack (to be logged)."""
        return [p.child for p in self.items if p.child is not None]

    @property
    def child_items(self) -> list[PaperItem]:
        return [p for p in self.items if p.child is not None]

    @property
    def subject_items(self) -> list[PaperItem]:
        """Contextual items with a summary (a place, group, person or theme on record)."""
        return [p for p in self.items if p.extra_template]

    @property
    def locked_count(self) -> int:
        return sum(1 for p in self.items if p.locked)


@dataclass(frozen=True)
class MinutesSection:
    number: int | None
    label: str
    text: str


@dataclass(frozen=True)
class MinutesAddendum:
    item_label: str  # "" for a general addendum
    text: str
    added_at: dt.datetime
    added_by: str


@dataclass
class MinutesPack:
    meeting: Meeting
    minutes: Minutes
    sees_whole: bool
    general_text: str
    entries: list[MinutesSection]
    addenda: list[MinutesAddendum]
    distribution: list[Recipient]
    children: list
    locked_count: int

    @property
    def is_draft(self) -> bool:
        return self.minutes.status == Minutes.Status.DRAFT


def sees_whole_meeting(user, meeting: Meeting) -> bool:
    """Cohort roles, the meeting's chair and its Silver or Gold seats, and anyone with a
    standing invitation to the whole meeting (not to one child's slot)."""
    if has_role(user, *COHORT_ROLES) or sits_on(user, meeting):
        return True
    return invitations_standing().filter(meeting=meeting, user=user, item__isnull=True).exists()


def _item_numbers(meeting: Meeting) -> dict:
    """Each listed item's number on the agenda (the same for every reader)."""
    listed = meeting.items.filter(status=AgendaItem.Status.LISTED).order_by(
        "position", "created_at"
    )
    return {pk: n for n, pk in enumerate(listed.values_list("pk", flat=True), start=1)}


def distribution_list(meeting: Meeting, numbers: dict | None = None) -> list[Recipient]:
    """Everyone the meeting's standing invitations went to (sent and not revoked; a moved
    meeting's invitations stand while they wait to be sent again): whole-meeting
    invitations first, then slots in agenda order. Never names a child. One query (two
    without ``numbers``)."""
    if numbers is None:
        numbers = _item_numbers(meeting)
    invitations = (
        invitations_standing().filter(meeting=meeting).select_related("user", "user__agency")
    )
    rows = [
        Recipient(
            name=inv.user.full_name,
            agency=inv.user.agency.name if inv.user.agency_id else "",
            capacity=inv.get_capacity_display(),
            item_number=numbers.get(inv.item_id) if inv.item_id else None,
        )
        for inv in invitations
        # A slot on an item no longer listed opens nothing (its invitation is revoked).
        if inv.item_id is None or inv.item_id in numbers
    ]
    rows.sort(key=lambda r: (r.item_number is not None, r.item_number or 0, r.name))
    return rows


def _readable(user, meeting: Meeting, *, document: str, fmt: str) -> tuple[list[AgendaItem], set]:
    """The items this reader may see (``items_visible_to``) and, of their children, those
    whose records the reader may open, the reading logged (``rows_shown``: one
    ``meeting.papers_downloaded`` event per child in the document, or one for the meeting
    when no child is in it). Cohort roles see every item, but a restricted record opens only
    to named users: such an item stays on the agenda without the child's identity. An item
    whose child the reader may not see at all is left out (defence in depth:
    ``items_visible_to`` already leaves it out)."""
    items = list(items_visible_to(user, meeting).prefetch_related("subject_object"))
    payload = {"meeting": str(meeting.pk), "format": fmt, "document": document}
    items = rows_shown(user=user, rows=items, verb=Event.Verb.PAPERS_DOWNLOADED, payload=payload)
    if not any(item.child_id and not item.locked for item in items):
        event_record(actor=user, verb=Event.Verb.PAPERS_DOWNLOADED, obj=meeting, payload=payload)
    items = [i for i in items if not i.locked or i.child.restricted]
    return items, {i.child_id for i in items if i.child_id and not i.locked}


def _open_actions(child_ids: list, today: dt.date) -> dict:
    """Open VRMP and meeting actions for these children, by child (two queries)."""
    by_child: dict = defaultdict(list)
    vrmp_actions = (
        VrmpAction.objects.filter(vrmp__child_id__in=child_ids, status=VrmpAction.Status.OPEN)
        .select_related("vrmp", "owner", "owner_agency")
        .order_by("due_date", "created_at")
    )
    for a in vrmp_actions:
        by_child[a.vrmp.child_id].append(
            OpenAction(
                description=a.description,
                source="VRMP",
                owner=a.owner.full_name if a.owner_id else "",
                agency=a.owner_agency.name,
                due_date=a.due_date,
                overdue=a.due_date < today,
            )
        )
    meeting_actions = (
        Action.objects.filter(child_id__in=child_ids, status=Action.Status.OPEN)
        .select_related("meeting", "owner", "owner_agency")
        .order_by("due_date", "created_at")
    )
    for a in meeting_actions:
        kind = "Recommendation" if a.is_recommendation else "Action"
        by_child[a.child_id].append(
            OpenAction(
                description=a.description,
                source=f"{kind} from MACE, {a.meeting.date:%-d %b %Y}",
                owner=a.owner.full_name if a.owner_id else "",
                agency=a.owner_agency.name,
                due_date=a.due_date,
                overdue=a.due_date < today,
            )
        )
    for actions in by_child.values():
        actions.sort(key=lambda a: a.due_date)
    return by_child


def last_outcome(*, child_id, before: dt.date) -> LastOutcome | None:
    """The last discussion of the child at a MACE meeting held before ``before`` (one
    query)."""
    return last_outcomes(child_ids=[child_id], before=before).get(child_id)


def last_outcomes(*, child_ids, before: dt.date) -> dict:
    """``last_outcome`` for each of these children that has one, by child id: one query,
    each child's latest discussion ranked in the database."""
    child_ids = list(child_ids)
    if not child_ids:
        return {}
    latest = (
        Discussion.objects.filter(
            item__child_id__in=child_ids,
            item__status=AgendaItem.Status.LISTED,
            item__meeting__date__lt=before,
            item__meeting__status=Meeting.Status.HELD,
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("item__child_id"),
                order_by=("-item__meeting__date", "-modified_at"),
            )
        )
        .filter(rank=1)
        .select_related("item__meeting")
    )
    outcomes = {}
    for discussion in latest:
        meeting = discussion.item.meeting
        outcomes[discussion.item.child_id] = LastOutcome(
            date=meeting.date,
            meeting=meeting.title,
            outcome=discussion.get_outcome_display() if discussion.outcome else "",
            risk_level=discussion.get_risk_level_display() if discussion.risk_level else "",
        )
    return outcomes


def _pictures_fill(pack: list[PaperItem], meeting: Meeting, today: dt.date) -> None:
    """Give each child's item its picture: the record's summary, the open actions and the
    last MACE outcome (a fixed number of queries for the whole pack, whatever its length:
    ``child_record_summaries``' and one each for the outcomes and the two kinds of
    action)."""
    child_ids = [p.item.child_id for p in pack]
    actions = _open_actions(child_ids, today)
    summaries = child_record_summaries(children=[p.child for p in pack])
    outcomes = last_outcomes(child_ids=child_ids, before=meeting.date)
    for p in pack:
        p.summary = summaries[p.item.child_id]
        p.actions = actions.get(p.item.child_id, [])
        p.last_outcome = outcomes.get(p.item.child_id)


def item_picture(*, meeting: Meeting, item: AgendaItem) -> PaperItem:
    """The child's picture for the live meeting screen, as the papers give it: risk level
    and trend, VRMP and its last review, missing episodes, statutory processes, the last
    MACE outcome and the open actions. The caller has authorised and logged the reading of
    the child (the run page opens the child through ``child_get_for_user``)."""
    numbers = _item_numbers(meeting)
    picture = PaperItem(number=numbers.get(item.pk, 0), item=item, starts_at=None)
    if item.child_id:
        _pictures_fill([picture], meeting, clock.today())
    return picture


def papers_for_user(*, user, meeting: Meeting, fmt: str = "html") -> Papers:
    """The agenda pack for this reader: the items they may see, a one-page summary of each
    child among them, and the distribution list.

    Queries: a fixed number, whatever the number of children in the pack and however much
    is recorded about each (``_pictures_fill`` reads the summaries for them all at once).
    """
    today = clock.today()
    numbers = _item_numbers(meeting)
    slots = agenda_slots(meeting)
    items, unlocked = _readable(user, meeting, document="papers", fmt=fmt)
    pack = []
    for item in items:
        start, minutes = slots.get(item.pk, (None, 0))
        pack.append(
            PaperItem(
                number=numbers.get(item.pk, 0),
                item=item,
                starts_at=None if item.for_information else start,
                locked=bool(item.child_id) and item.child_id not in unlocked,
            )
        )
    _pictures_fill([p for p in pack if p.child is not None], meeting, today)
    summaries = item_summaries(user=user, items=[p.item for p in pack if not p.item.child_id])
    for p in pack:
        if p.item.pk in summaries:
            p.extra_template, p.extra = summaries[p.item.pk]
    return Papers(meeting=meeting, items=pack, distribution=distribution_list(meeting, numbers))


def minutes_for_user(*, user, meeting: Meeting, fmt: str = "pdf") -> MinutesPack:
    """The minutes this reader may read: the general minutes and general addenda only for
    those who see the whole meeting; each item's entry and addenda only for the items they
    may see. Http404 if the minutes have not been drafted. A fixed number of queries."""
    minutes = Minutes.objects.filter(meeting=meeting).select_related("approved_by").first()
    if minutes is None:
        raise Http404("No minutes yet")
    whole = sees_whole_meeting(user, meeting)
    numbers = _item_numbers(meeting)
    items, unlocked = _readable(user, meeting, document="minutes", fmt=fmt)
    readable = {
        item.pk: item for item in items if item.child_id is None or item.child_id in unlocked
    }
    locked_count = len(items) - len(readable)

    shown = set()  # items whose minutes this reader gets
    entries = []
    for entry in minutes.entries.filter(item_id__in=list(readable)):
        shown.add(entry.item_id)
        entries.append(
            MinutesSection(
                number=numbers.get(entry.item_id),
                label=readable[entry.item_id].label,
                text=entry.text,
            )
        )
    condition = Q(item_id__in=list(readable))
    if whole:
        condition |= Q(item__isnull=True)
    addenda = []
    for addendum in minutes.addenda.filter(condition).select_related("created_by"):
        label = ""
        if addendum.item_id is not None:
            shown.add(addendum.item_id)
            number = numbers.get(addendum.item_id)
            label = readable[addendum.item_id].label
            label = f"Item {number}: {label}" if number else label
        addenda.append(
            MinutesAddendum(
                item_label=label,
                text=addendum.text,
                added_at=addendum.created_at,
                added_by=addendum.created_by.full_name if addendum.created_by_id else "",
            )
        )
    children = [item.child for pk, item in readable.items() if pk in shown and item.child_id]
    return MinutesPack(
        meeting=meeting,
        minutes=minutes,
        sees_whole=whole,
        general_text=minutes.text if whole else "",
        entries=entries,
        addenda=addenda,
        distribution=distribution_list(meeting, numbers),
        children=children,
        locked_count=locked_count,
    )
