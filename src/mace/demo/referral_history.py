"""Two years of referrals behind the demo's meetings, so the dashboards' referral figures
(arrivals, triage outcomes, time to triage, the types of exploitation) have a story.

``demo_referral_history_ensure`` runs once the meetings are seeded (``mace seed``), and reads
them: each child a child-focused MACE took on (the agenda item that brought them, not a
review) was referred and accepted first, for that meeting, a week or two before its agenda
was made; a child the first meetings took on as already known was referred months before;
a child who came back after leaving MACE was referred again. Some of those children had an
earlier referral that was signposted or declined; other children of the city were referred
and never reached MACE (signposted, declined, or still awaiting more information). Time to
triage is spread around the target of five working days (mostly within it, a few late); a
few referrals were asked for more information before the decision. The concerns follow the
child: criminal exploitation and county lines most often, then sexual exploitation (girls
more often), online, going missing (more for a child with missing episodes), gang-related,
and trafficking (more for a child with an NRM referral).

Through the referral and triage services (received, matched to the child, decided; themes
tagged as the coordinator would), with the clock set to each moment
(``mace.core.clock.set_to``), so the audit events and history rows are dated when it
happened. The accepted referral is set on the agenda item it brought (a direct write: the
meetings were made first), which keeps it off the list of referrals waiting for a place.
What a decision does once it commits (the referrer's email, placing the child, persons
named) happened long ago in the demo world: those callbacks are dropped, and the time the
referrer was emailed is written as the email would have written it.

Dates are relative to today, like the meetings'. Deterministic: one ``random.Random``
(``"{seed}/referral-history"``), rows read in a fixed order. Once: nothing if any triage
decision exists. The referrers are made up, and none is one of the triage queue's
(``mace.demo.referrals``).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from simple_history.utils import get_history_model_for_model

from mace.accounts.models import Role, User
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock
from mace.core.workdays import add_working_days, is_working_day
from mace.demo import risk_data as rd
from mace.demo.referrals import _tag, _themes
from mace.demo.rows import TableWriter
from mace.meetings.models import AgendaItem, Kind, Meeting
from mace.people.models import Child
from mace.referrals.models import Referral, ReferralDecision, ReferralLink
from mace.referrals.models.referral import new_reference
from mace.risk.models import MissingEpisode, StatutoryProcess

# How far back the referrals go (the dashboards' two years).
HISTORY_DAYS = 728
# The meetings taken first: their new children were known before (meetings.child).
KNOWN_BEFORE_MEETINGS = 3
# Children of the city referred who never reached MACE, per child MACE took on.
NEVER_REACHED_SHARE = 0.8
NEVER_REACHED_MIN = 24  # at least one a month, where the city has the children
# Children MACE took on who had an earlier referral signposted or declined.
EARLIER_SHARE = 0.2
# Accepted referrals asked for more information first.
MORE_INFORMATION_SHARE = 0.12
# Working days from arrival to decision (the target is five): mostly within, a few late.
TRIAGE_DAYS = (
    (0, 6), (1, 14), (2, 17), (3, 16), (4, 13), (5, 11),
    (6, 5), (7, 4), (8, 3), (10, 2), (13, 1),
)  # fmt: skip

DAY = dt.timedelta(days=1)
Q = Referral.Concern
# A referral's first concern, by weight, for a boy and for a girl.
PRIMARY = {
    False: ((Q.CCE, 34), (Q.COUNTY_LINES, 26), (Q.CSE, 6), (Q.ONLINE, 9), (Q.MISSING, 10),
            (Q.GANG, 10), (Q.TRAFFICKING, 5)),
    True: ((Q.CCE, 16), (Q.COUNTY_LINES, 12), (Q.CSE, 36), (Q.ONLINE, 16), (Q.MISSING, 12),
           (Q.GANG, 4), (Q.TRAFFICKING, 4)),
}  # fmt: skip
# The concerns that come with it, each with its chance.
WITH = {
    Q.CCE: ((Q.COUNTY_LINES, 0.45), (Q.GANG, 0.2), (Q.MISSING, 0.25)),
    Q.COUNTY_LINES: ((Q.CCE, 0.6), (Q.MISSING, 0.35), (Q.TRAFFICKING, 0.1)),
    Q.CSE: ((Q.ONLINE, 0.35), (Q.MISSING, 0.3)),
    Q.ONLINE: ((Q.CSE, 0.4),),
    Q.MISSING: ((Q.CCE, 0.3), (Q.CSE, 0.25)),
    Q.GANG: ((Q.CCE, 0.6),),
    Q.TRAFFICKING: ((Q.COUNTY_LINES, 0.5), (Q.CCE, 0.3)),
}

# (name, agency, role, email): none is a referrer of the triage queue. None means the
# child's school, with its designated safeguarding lead.
REFERRERS = (
    ("DC Hannah Price", "Police (Child Exploitation Team)", "Detective constable",
     "h.price@police.demo.example"),
    ("PC Marcus Bell", "Police (Neighbourhood Policing Team)", "Police constable",
     "m.bell@police.demo.example"),
    ("Gemma Wood", "Children's Social Work Service", "Social worker",
     "gemma.wood@csws.demo.example"),
    ("Tariq Hussain", "Children's Social Work Service", "Team manager",
     "tariq.hussain@csws.demo.example"),
    ("Lauren Kerr", "Youth Justice Service", "Case manager", "l.kerr@yjs.demo.example"),
    ("Sophie Ng", "CAMHS", "Clinical nurse specialist", "sophie.ng@nhs.demo.example"),
    ("Joanne Reid", "Sexual Health Service", "Sexual health nurse",
     "joanne.reid@nhs.demo.example"),
    ("Nathan Cole", "Missing from home service (Safe Steps)", "Return interview worker",
     "nathan.cole@safesteps.demo.example"),
    ("Kelly Ashworth", "Early Help Hub", "Family support worker",
     "k.ashworth@earlyhelp.demo.example"),
    None, None, None,
)  # fmt: skip

# What the referral says, by its first concern ({he}, {his}, {him}: the child's pronouns).
WHY = {
    Q.CCE: (
        "Found with cash and two phones he will not explain; older youths wait for {him} "
        "after school.",
        "Arrested with a small quantity of cannabis packaged for sale; says {he} owes "
        "someone money.",
        "Seen getting into different cars most evenings; new clothes and trainers the "
        "family did not buy.",
    ),
    Q.COUNTY_LINES: (
        "Found by British Transport Police at Doncaster station with a bus ticket bought "
        "by someone else.",
        "Missing for two nights and found in a flat in Blackpool with older males; wraps "
        "of crack cocaine recovered.",
        "A phone taken from {him} holds messages offering 'work' out of town.",
    ),
    Q.CSE: (
        "An older male picks {him} up from school; {he} calls him {his} boyfriend.",
        "Returned home at 3am smelling of alcohol with a new phone {he} says a friend gave {him}.",
        "Disclosed to a friend that {he} was taken to a party at a house in Beeston with "
        "adults {he} did not know.",
    ),
    Q.ONLINE: (
        "Sent images to an adult met on Snapchat, who now threatens to share them.",
        "Up all night on a gaming platform talking to 'a friend from Manchester' who sends "
        "{him} gift cards.",
    ),
    Q.MISSING: (
        "Missing from {home} four times in six weeks; will not say where {he} goes.",
        "Goes missing most weekends; found twice in the city centre late at night.",
    ),
    Q.GANG: (
        "Associating with a group linked to violence in Chapeltown; seen with a knife in "
        "a video shared at school.",
        "Has been assaulted and will not name who did it; friends say {he} is 'part of "
        "the estate'.",
    ),
    Q.TRAFFICKING: (
        "Moved between addresses in Leeds and Bradford by adults who hold {his} passport.",
        "Arrived in the UK last year; works for cash in a car wash and sleeps at the premises.",
    ),
}
WHY_MACE = (
    "The risk is rising despite single-agency work; a multi-agency picture is needed.",
    "Several agencies hold pieces of this; we need them joined up.",
    "Other children may be involved with the same adults.",
    "The family want help and we think the risk is of serious harm.",
)
WHAT_TRIED = (
    "Safety plan with the school; conversations with {his} {carers}; a referral to the "
    "youth service.",
    "Return home interviews; disruption notices served on two adults.",
    "Early help assessment; mentoring offered and not taken up.",
)

ACCEPT_REASONS = (
    "Indicators of exploitation with several agencies involved: accepted for a child-focused MACE.",
    "Risk of serious harm from exploitation, rising since the spring: accepted for MACE.",
    "Links to adults and places already known to MACE: accepted so the picture is joined up.",
)
RETURN_REASONS = (
    "Referred again after stepping down: new concerns since MACE last discussed the child.",
    "Re-referral: the risk has risen again since the child left MACE; accepted.",
)
MORE_INFORMATION_REASONS = (
    "Please send the dates of the missing episodes and the school's attendance record.",
    "Please say what has been tried so far and whether the family know of the referral.",
    "Please tell us who the adults named are and how the child knows them.",
)
SIGNPOSTS = (
    (
        "Early Help Hub",
        "Vulnerabilities but no indicators of exploitation yet: signposted to early help.",
    ),
    (
        "Children's Social Work Service (front door)",
        "A safeguarding concern within the family: referred to the front door.",
    ),
    (
        "Youth Justice Service",
        "Already open to youth justice, who are managing the risk: signposted back.",
    ),
    (
        "Missing from home service (Safe Steps)",
        "Missing episodes without indicators of exploitation: return interviews first.",
    ),
    ("CAMHS", "Emotional wellbeing is the main concern: signposted to CAMHS."),
)
DECLINE_REASONS = (
    "Threshold for MACE not met: the concerns are managed by the school's pastoral support.",
    "No indicators of exploitation found at triage; re-refer if new concerns arise.",
    "Duplicate of a concern already in hand with the allocated social worker.",
)


@dataclass
class Planned:
    """One referral as it happened: arrived, matched, then each triage decision."""

    child: Child
    fields: dict
    submitted_at: dt.datetime
    linked_at: dt.datetime
    decisions: list  # (when, decision, reason, signposted to, meeting date)
    item: AgendaItem | None  # the agenda item an accepted referral brought


@dataclass
class Counts:
    by_status: Counter = field(default_factory=Counter)
    concerns: Counter = field(default_factory=Counter)


def demo_referral_history_ensure(*, seed: int) -> dict[str, int]:
    """Seed two years of referrals once (see the module's notes): nothing if any triage
    decision exists, no coordinator is set up, or no child meeting took a child on."""
    coordinator = (
        User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("email").first()
    )
    if coordinator is None or ReferralDecision.objects.exists():
        return {}
    entries = list(
        AgendaItem.objects.filter(
            meeting__kind=Kind.CHILD,
            child__isnull=False,
            status=AgendaItem.Status.LISTED,
            for_information=False,
            source__in=(AgendaItem.Source.ADDED, AgendaItem.Source.REFERRAL),
            referral__isnull=True,
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting", "child__school")
        .prefetch_related("child__addresses")
        .order_by("meeting__date", "position", "pk")
    )
    if not entries:
        return {}
    with transaction.atomic():
        history = ReferralHistory(
            rng=random.Random(f"{seed}/referral-history"),
            today=clock.today(),
            coordinator=coordinator,
        )
        history.build(entries)
        history.write()
    counts = history.counts
    return {
        "referrals": sum(counts.by_status.values()),
        **{status: counts.by_status[status] for status in Referral.Status.values},
    }


class ReferralHistory:
    def __init__(self, *, rng: random.Random, today: dt.date, coordinator: User):
        self.rng, self.today, self.coordinator = rng, today, coordinator
        self.start = today - dt.timedelta(days=HISTORY_DAYS)
        self.themes = _themes()
        self.counts = Counts()
        self.planned: list[Planned] = []
        self.missing = set(MissingEpisode.objects.values_list("child_id", flat=True).distinct())
        self.nrm = set(
            StatutoryProcess.objects.filter(kind=StatutoryProcess.Kind.NRM_REFERRAL)
            .values_list("child_id", flat=True)
            .distinct()
        )

    # The children MACE took on ------------------------------------------------------------

    def build(self, entries: list[AgendaItem]) -> None:
        rng = self.rng
        held = sorted({e.meeting.date for e in entries if e.meeting.status == Meeting.Status.HELD})[
            :KNOWN_BEFORE_MEETINGS
        ]
        on_agendas: dict = {}  # child -> the dates of the meetings that listed them
        for child_id, day in AgendaItem.objects.filter(
            meeting__kind=Kind.CHILD, child__isnull=False, status=AgendaItem.Status.LISTED
        ).values_list("child_id", "meeting__date"):
            on_agendas.setdefault(child_id, []).append(day)
        seen: set = set()
        for entry in entries:
            child, meeting = entry.child, entry.meeting
            returning = child.pk in seen
            seen.add(child.pk)
            agenda_day = min(meeting.starts_at.date() - 8 * DAY, self.today - DAY)
            if not returning and meeting.date in held:
                # Known before the first meetings recorded here: referred months before,
                # for a meeting (fortnightly) before them.
                decided = self._workday(agenda_day - rng.randint(21, 300) * DAY)
                fortnights = max(1, (meeting.date - decided - 5 * DAY).days // 14)
                accepted_for = meeting.date - dt.timedelta(weeks=2 * fortnights)
            else:
                decided = self._workday(agenda_day - rng.randint(0, 13) * DAY)
                if returning:  # referred again after the meeting they left
                    left = max(d for d in on_agendas[child.pk] if d < meeting.date)
                    decided = max(decided, self._workday(left + DAY, forward=True))
                accepted_for = meeting.date
            concerns = self._concerns(child)
            submitted = self._refer(
                child,
                concerns,
                decided,
                decision=ReferralDecision.Decision.ACCEPT,
                reason=rng.choice(RETURN_REASONS if returning else ACCEPT_REASONS),
                meeting_date=accepted_for,
                item=entry,
            )
            if not returning and rng.random() < EARLIER_SHARE:
                earlier = submitted.date() - rng.randint(90, 420) * DAY
                if earlier > self.start:
                    self._turned_away(child, earlier, concerns=concerns[:1], may_wait=False)
        self._never_reached(seen, len(seen))

    # Children who never reached MACE -----------------------------------------------------

    def _never_reached(self, taken: set, taken_on: int) -> None:
        rng = self.rng
        pool = list(
            Child.objects.filter(restricted=False, date_of_birth__isnull=False)
            .exclude(pk__in=taken)
            .select_related("school")
            .prefetch_related("addresses")
            .order_by("pk")
        )
        wanted = max(NEVER_REACHED_MIN, round(NEVER_REACHED_SHARE * taken_on))
        chosen = rng.sample(pool, min(wanted, len(pool)))
        months = HISTORY_DAYS // 30
        for index, child in enumerate(chosen):
            # One in each month first, then anywhere: every month has some.
            slot = index % months
            low, high = slot * HISTORY_DAYS // months, (slot + 1) * HISTORY_DAYS // months - 1
            day = self.start + rng.randint(low, high) * DAY
            self._turned_away(child, min(day, self.today - 2 * DAY))

    def _turned_away(
        self, child: Child, submitted_on: dt.date, concerns=None, may_wait: bool = True
    ) -> None:
        """A referral signposted, declined, or (if recent) still awaiting information."""
        rng = self.rng
        submitted_on = self._workday(submitted_on, forward=True)
        if submitted_on >= self.today:
            submitted_on = self._workday(self.today - DAY)
        decided = add_working_days(submitted_on, self._triage_days())
        concerns = concerns or self._concerns(child, most=2)
        r = rng.random()
        recent = (self.today - submitted_on).days < 120
        if may_wait and (decided >= self.today or r < (0.4 if recent else 0.05)):
            self._refer(
                child,
                concerns,
                min(decided, self.today - DAY),
                decision=ReferralDecision.Decision.MORE_INFORMATION,
                reason=rng.choice(MORE_INFORMATION_REASONS),
                submitted_on=submitted_on,
            )
        elif r < 0.62:
            to, reason = rng.choice(SIGNPOSTS)
            self._refer(
                child,
                concerns,
                decided,
                decision=ReferralDecision.Decision.SIGNPOST,
                reason=reason,
                signpost_to=to,
                submitted_on=submitted_on,
            )
        else:
            self._refer(
                child,
                concerns,
                decided,
                decision=ReferralDecision.Decision.DECLINE,
                reason=rng.choice(DECLINE_REASONS),
                submitted_on=submitted_on,
            )

    # One referral ------------------------------------------------------------------------

    def _refer(
        self,
        child: Child,
        concerns: list[str],
        decided_on: dt.date,
        *,
        decision: str,
        reason: str,
        meeting_date: dt.date | None = None,
        signpost_to: str = "",
        item: AgendaItem | None = None,
        submitted_on: dt.date | None = None,
    ) -> dt.datetime:
        """Received, matched, (perhaps asked for more, then) decided; returns when it
        arrived. The rows are written together at the end (``_write``)."""
        rng = self.rng
        more = ReferralDecision.Decision.MORE_INFORMATION
        if submitted_on is None:
            submitted_on = add_working_days(decided_on, -self._triage_days())
        decided_at = self._moment(decided_on, 9 * 60, 17 * 60)
        if submitted_on == decided_on:
            latest = decided_at.astimezone(timezone.get_default_timezone())
            submitted_at = self._moment(
                submitted_on, 8 * 60, max(8 * 60 + 1, latest.hour * 60 + latest.minute - 40)
            )
        else:
            submitted_at = self._moment(submitted_on, 8 * 60, 18 * 60)
        asked = (
            decision == ReferralDecision.Decision.ACCEPT
            and (decided_on - submitted_on).days >= 3
            and rng.random() < MORE_INFORMATION_SHARE
        )
        first_look = submitted_at + dt.timedelta(hours=rng.randint(2, 26))
        if decision == more or asked:
            first_look = min(first_look, decided_at - dt.timedelta(minutes=20))
        else:
            first_look = decided_at - dt.timedelta(minutes=rng.randint(5, 30))
        first_look = max(first_look, submitted_at + dt.timedelta(minutes=5))
        decisions = []
        if asked:
            decisions.append(
                (
                    first_look + dt.timedelta(minutes=10),
                    more,
                    rng.choice(MORE_INFORMATION_REASONS),
                    "",
                    None,
                )
            )
        if decision == more:
            decisions.append((first_look + dt.timedelta(minutes=10), more, reason, "", None))
        else:
            at = max(decided_at, first_look + dt.timedelta(minutes=20))
            decisions.append((at, decision, reason, signpost_to, meeting_date))
        self.planned.append(
            Planned(
                child=child,
                fields={
                    "channel": (
                        Referral.Channel.EMAIL if rng.random() < 0.3 else Referral.Channel.WEB
                    ),
                    **self._fields(child, concerns),
                },
                submitted_at=submitted_at,
                linked_at=first_look,
                decisions=decisions,
                item=item,
            )
        )
        self.counts.by_status[_status(decision)] += 1
        self.counts.concerns.update(concerns)
        return submitted_at

    # Writing -----------------------------------------------------------------------------

    def write(self) -> None:
        """The rows the referral and triage services would write, in a few statements: the
        referral (and a history row as it arrived, was matched and was decided), the link
        to the child, each decision (the referrer emailed a minute later), the audit events
        (through mace.audit, dated by the clock), the themes tagged, and the agenda item
        the accepted referral brought."""
        coordinator = self.coordinator.pk
        referrals, states, links, decisions, events = [], [], [], [], []
        for plan in self.planned:
            pk = uuid.uuid4()
            last_at, last, _, signpost_to, meeting_date = plan.decisions[-1]
            final = _status(last)
            row = {
                **plan.fields,
                "id": pk,
                "reference": new_reference(),
                "subject": Referral.Subject.CHILD,
                "created_at": plan.submitted_at,
                "modified_at": last_at,
                "modified_by_id": coordinator,
                "status": final,
                "child_id": plan.child.pk,
                "submitted_at": plan.submitted_at,
                "decided_at": None if last == ReferralDecision.Decision.MORE_INFORMATION
                else last_at,
                "decision_reason": plan.decisions[-1][2],
                "signpost_to": signpost_to,
                "accepted_for": meeting_date,
            }  # fmt: skip
            referrals.append(row)
            arrived = {
                **row,
                "modified_at": plan.submitted_at,
                "modified_by_id": None,
                "status": Referral.Status.NEW,
                "child_id": None,
                "decided_at": None,
                "decision_reason": "",
                "signpost_to": "",
                "accepted_for": None,
            }
            states.append(_state(arrived, plan.submitted_at, "+", None))
            matched = {**arrived, "child_id": plan.child.pk, "modified_by_id": coordinator}
            states.append(_state(matched, plan.linked_at, "~", coordinator))
            referral = Referral(pk=pk)
            events.append(
                (
                    plan.submitted_at,
                    None,
                    Event.Verb.REFERRAL_RECEIVED,
                    None,
                    referral,
                    "",
                    {"channel": row["channel"]},
                )
            )
            links.append(
                {
                    "id": uuid.uuid4(),
                    "created_at": plan.linked_at,
                    "modified_at": plan.linked_at,
                    "created_by_id": coordinator,
                    "modified_by_id": coordinator,
                    "referral_id": pk,
                    "child_id": plan.child.pk,
                    "how": ReferralLink.How.MATCHED,
                    "reasons": [],
                    "history_date": plan.linked_at,
                    "history_user_id": coordinator,
                }
            )
            events.append(
                (
                    plan.linked_at,
                    self.coordinator,
                    Event.Verb.REFERRAL_LINKED,
                    plan.child,
                    referral,
                    "",
                    {"link": ReferralLink.How.MATCHED},
                )
            )
            state = matched
            for at, decision, reason, to, on in plan.decisions:
                decisions.append(
                    {
                        "id": uuid.uuid4(),
                        "created_at": at,
                        "modified_at": at,
                        "created_by_id": coordinator,
                        "modified_by_id": coordinator,
                        "referral_id": pk,
                        "decision": decision,
                        "reason": reason,
                        "signpost_to": to,
                        "meeting_date": on,
                        "referrer_notified_at": at + dt.timedelta(minutes=1),
                        "history_date": at,
                        "history_user_id": coordinator,
                    }
                )
                done = decision != ReferralDecision.Decision.MORE_INFORMATION
                state = {
                    **state,
                    "modified_at": at,
                    "status": _status(decision),
                    "decision_reason": reason,
                    "signpost_to": to,
                    "accepted_for": on,
                    "decided_at": at if done else None,
                }
                states.append(_state(state, at, "~", coordinator))
                events.append(
                    (
                        at,
                        self.coordinator,
                        Event.Verb.REFERRAL_TRIAGED,
                        plan.child,
                        referral,
                        reason,
                        {"decision": decision},
                    )
                )
        now = clock.now()
        TableWriter(Referral, now=now, history=False, change_reason="").write(referrals)
        history = get_history_model_for_model(Referral)
        TableWriter(history, now=now, history=False, change_reason="").write(states)
        for model, rows in ((ReferralLink, links), (ReferralDecision, decisions)):
            TableWriter(model, now=now, history=True, change_reason="").write(rows)
        for at, actor, verb, child, obj, reason, payload in sorted(events, key=lambda e: e[0]):
            with clock.set_to(at):
                event_record(
                    actor=actor, verb=verb, child=child, obj=obj, reason=reason, payload=payload
                )
        for plan, row in zip(self.planned, referrals, strict=True):
            referral = Referral(pk=row["id"])
            with clock.set_to(plan.linked_at):
                _tag(self.themes, referral, row["concerns"], plan.linked_at.date())
            if plan.item is not None:
                AgendaItem.objects.filter(pk=plan.item.pk).update(referral_id=row["id"])

    # Helpers -----------------------------------------------------------------------------

    def _fields(self, child: Child, concerns: list[str]) -> dict:
        rng = self.rng
        female = child.gender == Child.Gender.FEMALE
        looked_after = child.legal_status in ("la_s20", "la_s31", "la_s38")

        def say(text: str) -> str:
            return rd.render(text, female=female, looked_after=looked_after) or ""

        referrer = rng.choice(REFERRERS)
        if referrer is None or (looked_after and rng.random() < 0.2):
            school = child.school.name if child.school_id else "Leeds City Academy"
            slug = "".join(ch for ch in school.lower() if ch.isalnum())[:24]
            referrer = (
                rng.choice(("Claire Booth", "Imran Aziz", "Rachel Lowe", "Owen Pritchard")),
                school,
                "Designated safeguarding lead",
                f"dsl@{slug}.demo.example",
            )
        name, agency, role, email = referrer
        current = next((a for a in child.addresses.all() if a.date_to is None), None)
        push = rd.render(rd.PUSH_FACTORS, female=female, looked_after=looked_after)
        pull = rd.render(rd.PULL_FACTORS, female=female, looked_after=looked_after)
        return {
            "referrer_name": name,
            "referrer_agency": agency,
            "referrer_role": role,
            "referrer_email": email,
            "child_given_name": child.given_name,
            "child_family_name": child.family_name,
            "child_date_of_birth": child.date_of_birth,
            "child_gender": child.get_gender_display(),
            "child_postcode": current.postcode if current else "",
            "child_address": current.line_1 if current else "",
            "child_school": child.school.name if child.school_id else "",
            "concerns": concerns,
            "risk_analysis": say(rng.choice(WHY[concerns[0]])),
            "push_factors": rng.choice(push) if push else "",
            "pull_factors": rng.choice(pull) if pull else "",
            "what_tried": say(rng.choice(WHAT_TRIED)),
            "parents_aware": rng.choice(("yes", "yes", "no", "unknown")),
            "parents_consent": "no",
            "lawful_basis": Referral.LawfulBasis.SAFEGUARDING,
            "sharing_reason": "Necessary to safeguard the child: risk of serious harm.",
            "why_mace": rng.choice(WHY_MACE),
        }

    def _concerns(self, child: Child, most: int = 3) -> list[str]:
        """The first concern by the child's sex, then those that come with it; going
        missing more often for a child with missing episodes, trafficking with an NRM."""
        rng = self.rng
        codes, weights = zip(*PRIMARY[child.gender == Child.Gender.FEMALE], strict=True)
        concerns = [rng.choices(codes, weights)[0]]
        for concern, chance in WITH[concerns[0]]:
            if rng.random() < chance:
                concerns.append(concern)
        if child.pk in self.missing and Q.MISSING not in concerns and rng.random() < 0.4:
            concerns.append(Q.MISSING)
        if child.pk in self.nrm and Q.TRAFFICKING not in concerns and rng.random() < 0.5:
            concerns.append(Q.TRAFFICKING)
        return [str(c) for c in concerns[:most]]

    def _triage_days(self) -> int:
        days, weights = zip(*TRIAGE_DAYS, strict=True)
        return self.rng.choices(days, weights)[0]

    def _workday(self, day: dt.date, forward: bool = False) -> dt.date:
        while not is_working_day(day):
            day += DAY if forward else -DAY
        return day

    def _moment(self, day: dt.date, earliest: int, latest: int) -> dt.datetime:
        """A moment on ``day`` between two times of day (minutes after midnight, local)."""
        minutes = self.rng.randint(earliest, max(earliest, latest))
        local = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60))
        return timezone.make_aware(local, timezone.get_default_timezone())


def _state(row: dict, at: dt.datetime, kind: str, user) -> dict:
    """A history row of the referral: its state at ``at`` (no draft data, as its history)."""
    state = {**row, "history_date": at, "history_type": kind, "history_user_id": user}
    state.pop("draft_data", None)
    return state


def _status(decision: str) -> str:
    return {
        ReferralDecision.Decision.ACCEPT: Referral.Status.ACCEPTED,
        ReferralDecision.Decision.SIGNPOST: Referral.Status.SIGNPOSTED,
        ReferralDecision.Decision.DECLINE: Referral.Status.DECLINED,
        ReferralDecision.Decision.MORE_INFORMATION: Referral.Status.AWAITING_INFORMATION,
    }[decision]
