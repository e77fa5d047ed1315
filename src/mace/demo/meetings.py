"""The demo's meetings: a year of MACE meetings held, and the next ones being prepared.

``demo_meetings_ensure`` sets up the four standing meetings (child-focused MACE every two
weeks, contextual MACE every four, Silver every two months, Gold every six), generates their
dates from a year ago to three months ahead, then, through the meetings services, as the
coordinator and the chair would:

- holds each past meeting: the agenda (the reviews that fell due, placed by agenda_fill, then
  new children), who came, each child's discussion (risk analysis, push and pull factors,
  connections, what each agency shared, the level agreed and the outcome), the themes,
  trends and suspected perpetrators found, and actions with owners; then closes it, drafts
  the minutes and has the chair approve them (a meeting held in the last few days may
  still wait for its minutes). Children come back when the meeting said; some step down,
  close or are recommended for a statutory process. Actions due in the past are mostly
  done, with a note; a few are overdue. Contextual MACE discusses places and peer groups
  the same way; Silver and Gold record attendance and themes.
- prepares the next two child-focused meetings: due reviews (agenda_fill), a new child, a
  child for information, one review deferred to the meeting after; core members and a
  social worker (for one child's slot) invited. The very next meeting's invitations are
  sent, which opens its children to its members, with the emails kept off the console.

The past is recorded as it happened: the services run with the clock set to the moment
(``_clock``: the agenda a week before, each discussion in its slot, the minutes days
after), so what they stamp (created and modified times, history rows, audit events, access
grants) and what they take as today fit the demo world. Three kinds of row are written
directly, as their services would write them, because the services' one audit event a
row made seeding several times slower: contributions, attendance, and actions done (each
saved once every meeting is made, dated when it was done).

Dates are relative to today (meetings must be upcoming to be prepared), unlike the
children's records, which are relative to ``data.REFERENCE_DATE``. The same seed on the
same day gives the same meetings (row ids aside): one ``random.Random``, children in id
order, reviews due on distinct days. The size is fixed whatever the city's: at most
COHORT_SIZE children are read, and the rest only touches meeting rows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from unittest import mock

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from mace.accounts.models import Agency, Role, User
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.demo import risk_data as rd
from mace.demo.city import agencies_ensure
from mace.demo.users import (
    demo_email,
    demo_users_create,
    meeting_people_ensure,
    practitioner_user,
)
from mace.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Contribution,
    Discussion,
    Invitation,
    Kind,
    Meeting,
    MeetingSeries,
    Minutes,
    Outcome,
    SeriesMember,
    local_datetime,
)
from mace.meetings.services.agenda import agenda_fill, item_add, item_defer
from mace.meetings.services.invitations import (
    core_invitations_ensure,
    invitation_add,
    invitations_send,
)
from mace.meetings.services.minutes import minutes_approve, minutes_draft
from mace.meetings.services.recording import (
    action_add,
    discussion_save,
    finding_add,
    meeting_close,
)
from mace.meetings.services.schedule import series_generate
from mace.people.grants import action_grant_release
from mace.people.models import Child
from mace.risk.models import Assessment, Level, Vrmp

# Children the meetings may discuss, at most: children with an active plan, by id.
COHORT_SIZE = 90
# Meetings are generated this far ahead of today.
AHEAD_DAYS = 92
# Reviews booked into one child-focused meeting, at most: with a new child or two, a
# meeting discusses five to seven, and the next meetings keep places for new referrals.
REVIEWS_PER_MEETING = 5
# The base of the links in invitation emails (which go nowhere: see demo_meetings_ensure).
LINK_BASE = "http://127.0.0.1:8000"
LOCMEM_EMAIL = "django.core.mail.backends.locmem.EmailBackend"
MERRION_HOUSE = "Merrion House, 110 Merrion Centre, Leeds LS2 8BB"
CIVIC_HALL = "Civic Hall, Calverley Street, Leeds LS1 1UR"

LEVELS = [level.value for level in Level]  # by rank: none, low, medium, high
DAY = dt.timedelta(days=1)
CHILD_SEATS = (
    "police",
    "childrens_social_work",
    "health",
    "education",
    "youth_justice",
    "third_sector",
)
CONTEXT_SEATS = (
    "police",
    "childrens_social_work",
    "education",
    "community_safety",
    "youth_offer",
    "third_sector",
)


@dataclass(frozen=True)
class SeriesSpec:
    kind: str
    name: str
    rrule: str
    start_time: dt.time
    duration_minutes: int
    location: str
    online_link: str
    chair_role: str
    seats: tuple[str, ...]
    capacity: int = 8
    slot_minutes: int = 20
    monthly: bool = False  # first date: the 1st of a month, not a year ago to the day


SERIES: tuple[SeriesSpec, ...] = (
    SeriesSpec(
        Kind.CHILD,
        "Child-focused MACE",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        dt.time(10, 0),
        180,
        f"Meeting Room 4, {MERRION_HOUSE}",
        "https://meet.demo.example/mace-child",
        Role.CHAIR,
        CHILD_SEATS,
    ),
    SeriesSpec(
        Kind.CONTEXT,
        "Contextual MACE",
        "FREQ=WEEKLY;INTERVAL=4;BYDAY=TH",
        dt.time(14, 0),
        120,
        f"Meeting Room 2, {MERRION_HOUSE}",
        "https://meet.demo.example/mace-context",
        Role.CHAIR,
        CONTEXT_SEATS,
        capacity=6,
        slot_minutes=30,
    ),
    SeriesSpec(
        Kind.SILVER,
        "Silver",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        dt.time(13, 30),
        120,
        f"Committee Room 1, {CIVIC_HALL}",
        "https://meet.demo.example/mace-silver",
        Role.SILVER,
        (),
        monthly=True,
    ),
    SeriesSpec(
        Kind.GOLD,
        "Gold",
        "FREQ=MONTHLY;INTERVAL=6;BYDAY=1TH",
        dt.time(10, 0),
        90,
        f"Committee Room 1, {CIVIC_HALL}",
        "https://meet.demo.example/mace-gold",
        Role.GOLD,
        (),
        monthly=True,
    ),
)

# Text ------------------------------------------------------------------------------------
# Written as a minute-taker would, with risk_data's conventions: {he}, {his}, {him} follow
# the child; {carers} and {home} say who looks after them and where; "F|" only for girls,
# "LA|" only for looked-after children, "H|" only for children living at home. Places are
# real Leeds streets and districts; people, vehicles and addresses are made up.

RISK_ANALYSIS: dict[str, tuple[str, ...]] = {
    "high": (
        "Significant and current risk of criminal exploitation: missing overnight, found out "
        "of area with cash and a second phone, and linked to adults running a county line. "
        "Protective factors are not reducing the risk.",
        "F|High risk of sexual exploitation: an older male, gifts, and missing overnight "
        "twice since the last meeting. {He} does not see {him}self as at risk.",
        "Risk is escalating: {he} owes money to older boys and has been seen carrying a "
        "knife. {Carers} feel unable to keep {him} safe.",
    ),
    "medium": (
        "Risk remains, with some protection: {he} is engaging with {his} worker and missing "
        "episodes have reduced, but {he} still spends time with older peers linked to drug "
        "supply.",
        "Concerns about online contact with unknown adults; no missing episodes since the "
        "last meeting, and school attendance is improving.",
        "H|Risk is steady: {carers} are engaging well and using the safety plan, but {he} "
        "is still out late with the same group.",
        "LA|Risk is steady: the placement is holding and staff follow the missing protocol, "
        "but {he} still returns late with things {he} cannot account for.",
    ),
    "low": (
        "Risk has reduced: no missing episodes for two months, attending school and "
        "engaging with {his} worker. The peers of concern are no longer around {him}.",
        "Emerging risk only: one late return and a new friendship group being watched; "
        "{carers} and school are alert to it.",
    ),
    "none": (
        "No current indicators of exploitation: settled at school and at {home}, and no "
        "contact with the adults previously of concern.",
    ),
}
CONNECTIVITY: tuple[str, ...] = (
    "Associates with a group of older boys around Harehills Road; two of them are known to MACE.",
    "Linked on Snapchat to an adult male in Bradford who is under police investigation.",
    "Same school and friendship group as another child discussed today.",
    "Seen at a flat in a block off Beckett Street that police link to drug supply.",
    "F|In contact with an older male who picks girls up in a grey car near the bus station.",
    "Travels with older peers to Wakefield and Hull by train; a phone number links {him} "
    "to a county line.",
    "Part of the peer group on the contextual MACE agenda (Seacroft).",
    "No current links to other children or adults of concern.",
)
CONTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "police": (
        "Stopped in a car on Roundhay Road with two older males; the car is linked to a "
        "county line (intelligence graded B2P).",
        "Reported missing twice since the last meeting; found in Bradford, then in Wakefield.",
        "Intelligence (B2P) that {he} is holding drugs for older boys at an address in LS9.",
        "No new intelligence since the last meeting; neighbourhood officers have visited "
        "{home} twice.",
        "Arrested for possession with intent to supply and released under investigation; "
        "treated as a possible victim (a National Referral Mechanism referral is made).",
    ),
    "childrens_social_work": (
        "Child in Need plan reviewed last week; {carers} say {he} is out until the early "
        "hours most nights.",
        "LA|Placement stable; staff say {he} comes back late with new clothes {he} cannot "
        "account for.",
        "H|Mother is engaging well and has agreed a location-sharing app with {him}.",
        "The social worker has seen {him} alone twice; {he} denies anyone is pressuring {him}.",
    ),
    "health": (
        "Attended A&E with a hand injury {he} would not explain; the emergency department "
        "made a safeguarding referral.",
        "F|Seen at the sexual health clinic twice: contraception and tests.",
        "At school nurse drop-ins {he} talks about poor sleep and smoking cannabis daily.",
        "Referred to CAMHS for low mood; on the waiting list (about 12 weeks).",
    ),
    "education": (
        "Attendance 64% this half term; leaves at lunchtime and does not come back.",
        "Two suspensions this term for fighting; now on a reduced timetable.",
        "Moved to alternative provision; attending three days out of five.",
        "School says {he} has a second phone and is often on it in the toilets.",
    ),
    "youth_justice": (
        "On a referral order for possession of a knife; attends appointments but says little.",
        "Out-of-court disposal; the case manager is working on consequential thinking.",
        "Not known to the Youth Justice Service.",
    ),
    "third_sector": (
        "Weekly one-to-one sessions with a Brightwater worker; {he} told the worker {he} "
        "owes money to an older boy.",
        "F|Comes to the girls' group; talked about an older 'boyfriend' who buys {him} gifts.",
        "The Brightwater worker has built trust; {he} says {he} wants to get out but is scared.",
        "Missed the last three sessions; the worker is trying again through school.",
    ),
}
# (agency kind, action, what was done). The owner is the agency's representative or
# deputy, or nobody in particular.
ACTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "police",
        "Assess the adult seen with {him} for a Child Abduction Warning Notice",
        "Notice served on the adult; breaches to be reported to the child exploitation team.",
    ),
    (
        "police",
        "Share the vehicle's details with the county lines team and flag it",
        "Shared; the vehicle is flagged on ANPR.",
    ),
    (
        "police",
        "Safe and well check and a debrief after the next missing episode",
        "Done after the episode on the weekend; debrief shared with the social worker.",
    ),
    (
        "police",
        "Submit intelligence about the address in LS9 and add it to the patrol plan",
        "Submitted (graded B2P); the address is on the neighbourhood team's patrol plan.",
    ),
    (
        "childrens_social_work",
        "Update the safety plan with {him} and {his} {carers} and share it with the group",
        "Safety plan updated with {him} and shared with the core group.",
    ),
    (
        "childrens_social_work",
        "Make sure a return home interview is offered within 72 hours of any episode",
        "Two interviews offered and done within 72 hours; themes shared with police.",
    ),
    (
        "childrens_social_work",
        "Review the VRMP and bring the updated plan to the next meeting",
        "VRMP reviewed; new version shared with the group.",
    ),
    (
        "health",
        "Offer a health assessment and sexual health advice through the school nurse",
        "Seen by the school nurse; advice given and a follow-up booked.",
    ),
    (
        "health",
        "Ask CAMHS to bring the appointment forward given the risk",
        "Appointment brought forward; {he} attended the first session.",
    ),
    (
        "education",
        "Arrange a reintegration meeting and a plan back to a full timetable",
        "Meeting held with {carers}; back on a full timetable from Monday.",
    ),
    (
        "education",
        "Share attendance weekly with the social worker, with any unexplained absence the same day",
        "Weekly attendance shared since the meeting; no unexplained absence.",
    ),
    (
        "youth_justice",
        "Complete exploitation-focused sessions with {him} as part of the order",
        "Four sessions done; {he} engaged with the work on debt and grooming.",
    ),
    (
        "third_sector",
        "Offer weekly one-to-one sessions with a Brightwater worker",
        "Sessions started; {he} attends most weeks.",
    ),
    (
        "third_sector",
        "Refer {him} to the Brightwater mentoring programme",
        "Referral accepted; a mentor is matched.",
    ),
)
STATUTORY_RECOMMENDATIONS: tuple[str, ...] = (
    "A strategy discussion (section 47, Children Act 1989): risk of significant harm from "
    "criminal exploitation.",
    "A National Referral Mechanism referral: indicators of trafficking for criminal exploitation.",
    "A Child Protection conference: the risk outside the home has not reduced under the "
    "Child in Need plan.",
)
RECOMMENDATION_ACTION = (
    "Convene the strategy discussion the meeting recommends, and report back to MACE"
)
FINDINGS: tuple[tuple[str, str], ...] = (
    (
        "trend",
        "County lines activity around Harehills Road: four children discussed this month were "
        "stopped there.",
    ),
    (
        "theme",
        "Children going missing from placements in Bradford and turning up in Leeds city centre.",
    ),
    ("emerging_risk", "Vape shops selling to under-18s and asking them to carry cannabis."),
    (
        "perpetrator",
        "Adult male known as 'T' (no other identifiers) collecting boys from school gates in "
        "a grey Audi; shared with police.",
    ),
    (
        "practice_issue",
        "Return home interviews not offered within 72 hours for three children; raised with "
        "the missing service.",
    ),
    ("trend", "More girls referred for online grooming on Snapchat and Telegram."),
    (
        "theme",
        "School exclusion came before the first missing episode for most children discussed.",
    ),
    (
        "perpetrator",
        "Two adult males using a flat off Beckett Street to store drugs; children seen "
        "visiting. Shared with police for disruption.",
    ),
    ("emerging_risk", "Short-let flats in the city centre used for parties with older males."),
    (
        "practice_issue",
        "CAMHS waits of 12 weeks or more for children at high risk; escalated to Silver.",
    ),
    ("trend", "Children travelling by train to Wakefield and Hull to sell drugs."),
    ("theme", "Debt bondage: children say they owe money for drugs they 'lost'."),
    (
        "perpetrator",
        "A woman in her twenties recruiting girls at Leeds bus station with offers of "
        "'modelling' work; shared with police.",
    ),
    (
        "practice_issue",
        "Schools not told when a child on a reduced timetable goes missing; guidance to be "
        "reissued.",
    ),
)
# Contextual MACE's places, peer groups and themes: (subject, title, level, what is known,
# connections, actions as (agency kind, action, what was done)).
CONTEXTS: tuple[tuple[str, str, str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "place",
        "Takeaways and shops on Harehills Road (LS8)",
        "high",
        "Children in school uniform collecting packages after school; adults on bikes "
        "watching. Staff at two takeaways let children use a back room.",
        "Five children discussed at child-focused MACE were stopped here.",
        (
            (
                "police",
                "Targeted patrols after school, 3pm to 7pm, for six weeks",
                "Patrols done; two adults arrested, one vehicle seized.",
            ),
            (
                "community_safety",
                "Licensing review of the two takeaways",
                "Review held; conditions added to both licences.",
            ),
        ),
    ),
    (
        "place",
        "Leeds City Bus Station",
        "medium",
        "Girls aged 13 to 15 approached by older males offering lifts and cigarettes.",
        "Linked to the perpetrator finding of the child-focused MACE (the grey car).",
        (
            (
                "community_safety",
                "Business engagement: train bus station and café staff to "
                "spot and report exploitation",
                "Training given to 40 staff; posters up.",
            ),
            (
                "police",
                "Joint visits with British Transport Police on Friday evenings",
                "Four joint visits; intelligence submitted on two males.",
            ),
        ),
    ),
    (
        "peer_group",
        "Peer group of boys aged 14 to 16 around Seacroft",
        "high",
        "About eight boys, three known to MACE; drill videos naming a rival group from "
        "Gipton; two stabbings nearby this year.",
        "Links to an adult supplier in LS14; one boy is on a referral order.",
        (
            (
                "youth_offer",
                "Detached youth work on Friday and Saturday nights",
                "Youth workers out every weekend; five of the boys now come to the centre.",
            ),
            (
                "education",
                "Talk to the two schools about managed moves and a joint plan",
                "Joint plan agreed between the schools.",
            ),
        ),
    ),
    (
        "place",
        "Armley Park and the skate area",
        "medium",
        "Cannabis sold to children in the evenings; younger children recruited as runners.",
        "Three children seen there are at child-focused MACE.",
        (
            (
                "police",
                "Neighbourhood patrols and a dispersal order at weekends",
                "Dispersal order used twice; reports down.",
            ),
            (
                "youth_offer",
                "Pop-up youth sessions in the park on Thursday evenings",
                "Sessions running; 20 to 30 young people each week.",
            ),
        ),
    ),
    (
        "peer_group",
        "Girls from two Middleton schools going to parties at an address in Belle Isle",
        "high",
        "Older males supply alcohol and drugs at weekend parties; one girl disclosed a "
        "sexual assault.",
        "Linked to short-let flats in the city centre.",
        (
            (
                "police",
                "Closure order application for the address",
                "Closure order granted for three months.",
            ),
            (
                "third_sector",
                "Brightwater girls' group at both schools",
                "Group running at both schools; twelve girls attend.",
            ),
        ),
    ),
    (
        "theme",
        "Snapchat groups selling vapes and cannabis to Year 9 pupils",
        "medium",
        "Several schools report the same group names; delivery to the school gates.",
        "Connects children across four wards; no single place.",
        (
            (
                "education",
                "Awareness sessions for Year 9 and a letter to parents",
                "Sessions given in six schools; letter sent.",
            ),
            (
                "police",
                "Refer the accounts to the platform and the cyber team",
                "Accounts reported; two taken down.",
            ),
        ),
    ),
    (
        "place",
        "Short-let flats in Leeds city centre",
        "high",
        "Flats booked for a night at a time and used for parties with older males and children.",
        "Linked to the Belle Isle peer group and two missing episodes.",
        (
            (
                "community_safety",
                "Engage the letting agents and platforms: warning signs and a reporting route",
                "Three agents signed up to the reporting route.",
            ),
            (
                "police",
                "Hotel and short-let information notices where children are found",
                "Two notices issued; bookings now checked.",
            ),
        ),
    ),
)
SILVER_FINDINGS: tuple[tuple[str, str], ...] = (
    (
        "theme",
        "Themes from MACE: county lines around Harehills Road and online grooming of "
        "girls are the two largest.",
    ),
    (
        "practice_issue",
        "CAMHS waiting times for children at high risk: the partnership to ask for a fast track.",
    ),
    ("trend", "Referrals up a fifth on last year; most from schools."),
    (
        "emerging_risk",
        "Short-let flats used for parties with older males: a city-wide "
        "approach with letting agents is needed.",
    ),
    (
        "practice_issue",
        "Return home interviews within 72 hours at 61%: the missing service to report monthly.",
    ),
    (
        "theme",
        "Disruption of the Harehills Road takeaways worked: reports down since the "
        "licensing review.",
    ),
)
GOLD_FINDINGS: tuple[tuple[str, str], ...] = (
    (
        "theme",
        "Line of sight: MACE discussed about 60 children this half year; most at high "
        "risk were girls at risk of sexual exploitation or boys on county lines.",
    ),
    (
        "practice_issue",
        "Funding for detached youth work in Seacroft and Armley to continue for another year.",
    ),
    (
        "trend",
        "Fewer children missing more than three times, since return home interviews improved.",
    ),
)
STRATEGIC_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("community_safety", "Produce the next exploitation problem profile for Silver",
     "Problem profile presented at the next meeting."),
    ("health", "Report CAMHS waiting times for children known to MACE each month",
     "Monthly report in place."),
    ("childrens_social_work", "Audit ten cases stepped down from MACE in the last quarter",
     "Audit done; findings shared with the practice forum."),
)  # fmt: skip
STRATEGIC_ATTENDEES: dict[str, str] = {
    "childrens_social_work": "Head of Service, Safeguarding",
    "health": "Designated Nurse, Safeguarding Children",
    "education": "Head of Learning Inclusion",
    "community_safety": "Community Safety Manager",
    "youth_justice": "Head of Youth Justice",
}
DEFER_REASON = "The social worker is on leave; the family's views are needed first."


@dataclass
class ChildState:
    """Where a child stands at MACE, meeting by meeting."""

    child: Child
    rank: int  # the level, as an index of LEVELS
    texts: dict[str, object]
    discussions: int = 0
    outcome: str = ""
    recommended: bool = False
    escalated: bool = False


@dataclass
class Seat:
    agency: Agency
    representative: User
    deputy: User | None


def _texts(child: Child) -> dict[str, object]:
    """The phrase banks as they read for this child (risk_data.render)."""
    female = child.gender == Child.Gender.FEMALE
    looked_after = child.legal_status in ("la_s20", "la_s31", "la_s38")
    banks = {
        "analysis": RISK_ANALYSIS,
        "connectivity": CONNECTIVITY,
        "contributions": CONTRIBUTIONS,
        "push": rd.PUSH_FACTORS,
        "pull": rd.PULL_FACTORS,
    }
    texts = {
        name: rd.render(bank, female=female, looked_after=looked_after)
        for name, bank in banks.items()
    }
    texts["actions"] = tuple(
        (kind, rd.render(text, female=female, looked_after=looked_after),
         rd.render(note, female=female, looked_after=looked_after))
        for kind, text, note in ACTIONS
    )  # fmt: skip
    return texts


def _cohort(limit: int = COHORT_SIZE) -> list[tuple[Child, str]]:
    """Children with an active plan (at medium or high risk, mostly), unrestricted, by id,
    with their latest agreed level; other children if the city has few plans."""
    ids = list(
        Vrmp.objects.filter(status=Vrmp.Status.ACTIVE, child__restricted=False)
        .order_by("child_id")
        .values_list("child_id", flat=True)
        .distinct()[:limit]
    )
    if len(ids) < limit // 3:
        ids += list(
            Child.objects.filter(restricted=False)
            .exclude(pk__in=ids)
            .order_by("id")
            .values_list("pk", flat=True)[: limit // 3 - len(ids)]
        )
    levels = dict.fromkeys(ids, Level.MEDIUM.value)
    for child_id, level in (
        Assessment.objects.filter(child_id__in=ids, status=Assessment.Status.COMPLETED)
        .exclude(final_level="")
        .order_by("assessed_on", "created_at")
        .values_list("child_id", "final_level")
    ):
        levels[child_id] = level
    children = Child.objects.in_bulk(ids)
    return [(children[pk], levels[pk]) for pk in ids]


def _first_date(spec: SeriesSpec, today: dt.date) -> dt.date:
    year_ago = today - dt.timedelta(days=364)
    if not spec.monthly:
        return year_ago
    first = year_ago.replace(day=1)
    return (first + dt.timedelta(days=32)).replace(day=1)  # the next 1st: within the year


class MeetingMaker:
    """Makes the demo's year of meetings (see the module's notes)."""

    def __init__(
        self,
        *,
        rng: random.Random,
        today: dt.date,
        users: dict[str, User],
        seats: dict[str, Seat],
        practitioner: User,
        cohort: Sequence[tuple[Child, str]],
    ):
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.coordinator = users[Role.COORDINATOR]
        self.users = users
        self.seats = seats
        self.practitioner = practitioner
        self.counts: Counter = Counter()
        self.pool = [
            ChildState(child=child, rank=LEVELS.index(level), texts=_texts(child))
            for child, level in cohort
        ]
        self.states: dict[object, ChildState] = {}
        self.exited: list[ChildState] = []
        self.load: Counter = Counter()  # reviews booked, by child-focused meeting index
        self.review_days: set[dt.date] = set()
        self.findings = list(FINDINGS)
        self.rng.shuffle(self.findings)
        self.schedule: list[Meeting] = []  # the child-focused meetings, past and coming
        self.preparing: tuple[int, ...] = ()  # indexes in schedule of the next two
        self.completed: list[Action] = []  # actions done since (saved by completions_save)
        self.attendance: list[Attendance] = []  # the meeting's, to write in one go

    # Set-up ------------------------------------------------------------------------------

    def series(self) -> dict[str, list[Meeting]]:
        """The four series with their seats, set up three weeks before their first date,
        and their meetings from then to AHEAD_DAYS from today."""
        made = {}
        until = self.today + dt.timedelta(days=AHEAD_DAYS)
        for spec in SERIES:
            first_date = _first_date(spec, self.today)
            with _clock(local_datetime(first_date - dt.timedelta(days=21), dt.time(9, 30))):
                series = MeetingSeries(
                    name=spec.name,
                    kind=spec.kind,
                    rrule=spec.rrule,
                    first_date=first_date,
                    start_time=spec.start_time,
                    duration_minutes=spec.duration_minutes,
                    location=spec.location,
                    online_link=spec.online_link,
                    chair=self.users[spec.chair_role],
                    slot_minutes=spec.slot_minutes,
                    capacity=spec.capacity,
                    created_by=self.coordinator,
                    modified_by=self.coordinator,
                )
                series.full_clean()
                series.save()
                for kind in spec.seats:
                    seat = self.seats[kind]
                    SeriesMember.objects.create(
                        series=series,
                        agency=seat.agency,
                        representative=seat.representative,
                        deputy=seat.deputy,
                    )
                meetings = series_generate(series=series, until=until, actor=self.coordinator)
            made[spec.kind] = meetings
            self.counts["series"] += 1
            self.counts["meetings"] += len(meetings)
        return made

    # Child-focused MACE ------------------------------------------------------------------

    def child_meetings(self, meetings: list[Meeting]) -> None:
        self.schedule = meetings
        past = [m for m in meetings if m.date < self.today]
        self.preparing = (len(past), len(past) + 1)  # the next two, by index
        for index, meeting in enumerate(past):
            self._hold_child_meeting(index, meeting)
        self._prepare(meetings[len(past) : len(past) + 2])

    def _draw(self) -> ChildState | None:
        """A new child for the agenda: from the cohort, higher risk first more often; once
        the cohort is used up, a child who left MACE comes back."""
        pool = self.pool or self.exited
        if not pool:
            return None
        weights = [(1, 2, 3, 4)[state.rank] for state in pool]
        state = self.rng.choices(pool, weights)[0]
        pool.remove(state)
        state.discussions = 0
        state.recommended = state.escalated = False
        self.states[state.child.pk] = state
        return state

    def _hold_child_meeting(self, index: int, meeting: Meeting) -> None:
        coordinator = self.coordinator
        start = meeting.starts_at
        with _clock(start - dt.timedelta(days=7, hours=1)):  # the agenda, a week before
            reviews = agenda_fill(meeting=meeting, actor=coordinator)
            wanted = self.rng.randint(5, 7)
            most = 3 if index >= 3 else 6  # the first meetings take on children known before
            new = min(max(wanted - len(reviews), 1), most, meeting.capacity - len(reviews))
            for _ in range(new):
                state = self._draw()
                if state is None:
                    break
                item_add(actor=coordinator, meeting=meeting, child=state.child)
        items = list(
            meeting.items.filter(status=AgendaItem.Status.LISTED)
            .select_related("child")
            .order_by("position")
        )
        self.counts["items"] += len(items)
        with _clock(start):
            present = self._attendance(meeting, CHILD_SEATS)
        for position, item in enumerate(items):
            slot = dt.timedelta(minutes=meeting.slot_minutes * (position + 1))
            with _clock(start + slot):
                self._discuss_child(index, meeting, item, present)
        with _clock(start + dt.timedelta(minutes=meeting.duration_minutes - 15)):
            for kind, description in self._findings(self.rng.choice((1, 1, 2))):
                finding_add(actor=coordinator, meeting=meeting, kind=kind, description=description)
                self.counts["findings"] += 1
        self._conclude(meeting)

    def _attendance(self, meeting: Meeting, kinds: Sequence[str]) -> list[str]:
        """Who came for each seat; returns the agencies there."""
        present = []
        for kind in kinds:
            seat = self.seats[kind]
            r = self.rng.random()
            if r < 0.8:
                status, name = Attendance.Status.PRESENT, seat.representative.full_name
            elif r < 0.9 and seat.deputy is not None:
                status, name = Attendance.Status.DEPUTY, seat.deputy.full_name
            elif r < 0.98:
                status, name = Attendance.Status.APOLOGIES, seat.representative.full_name
            else:
                status, name = Attendance.Status.ABSENT, ""
            self._attend(meeting, seat.agency, status, name)
            if status in (Attendance.Status.PRESENT, Attendance.Status.DEPUTY):
                present.append(kind)
        _rows_write(Attendance, self.attendance, self.coordinator)
        self.attendance = []
        return present

    def _attend(self, meeting: Meeting, agency: Agency, status: str, name: str) -> None:
        """Who came for an agency (as attendance_record would; written with the others)."""
        self.attendance.append(
            Attendance(
                meeting=meeting,
                agency=agency,
                status=status,
                attendee_name=name,
                created_by=self.coordinator,
                modified_by=self.coordinator,
            )
        )

    def _findings(self, count: int) -> list[tuple[str, str]]:
        found = []
        for _ in range(count):
            finding = self.findings.pop(0)
            self.findings.append(finding)
            found.append(finding)
        return found

    def _next_rank(self, state: ChildState) -> int:
        if state.discussions == 0:
            return state.rank
        rank, r = state.rank, self.rng.random()
        if rank == 3:
            return 3 if r < 0.65 else 2
        if rank == 2:
            return 2 if r < 0.55 else (1 if r < 0.85 else 3)
        if rank == 1:
            return 1 if r < 0.6 else (0 if r < 0.85 else 2)
        return 0 if r < 0.8 else 1

    def _outcome(self, state: ChildState) -> str:
        r = self.rng.random()
        if state.rank <= 1:
            if state.discussions == 0 and r < 0.4:
                return Outcome.CONTINUE  # a new child: see whether it holds
            return Outcome.STEP_DOWN if r < 0.65 else Outcome.CLOSE
        if state.discussions >= 7:
            return Outcome.STEP_DOWN if state.rank == 2 else Outcome.RECOMMEND_STATUTORY
        if state.rank == 3 and not state.recommended and state.discussions >= 1 and r < 0.15:
            return Outcome.RECOMMEND_STATUTORY
        if state.rank == 3 and not state.escalated and state.discussions >= 4 and r < 0.2:
            return Outcome.ESCALATE_GOLD
        if state.rank == 2 and r < 0.08:
            return Outcome.STEP_DOWN
        return Outcome.CONTINUE

    def _review_date(self, index: int, meeting: Meeting, rank: int) -> dt.date:
        """Back in four, six or eight weeks (sooner at high risk), at a meeting with room
        (the next two meetings first: the demo shows their agendas), on a day no other
        review has (so agenda_fill's order is the same everywhere)."""
        offsets = [2, 3] if rank == 3 else [2, 3, 4]
        self.rng.shuffle(offsets)
        targets = sorted((index + o for o in offsets), key=lambda t: t not in self.preparing)
        target = next(
            (t for t in targets if self.load[t] < REVIEWS_PER_MEETING),
            min(targets, key=lambda t: (self.load[t], t)),
        )
        self.load[target] += 1
        if target < len(self.schedule):
            due, before = self.schedule[target].date, self.schedule[target - 1].date
        else:
            due = meeting.date + dt.timedelta(weeks=2 * (target - index))
            before = due - dt.timedelta(weeks=2)
        days = [due - d * DAY for d in range(12) if due - d * DAY > before]
        free = [day for day in days if day not in self.review_days] or days
        day = self.rng.choice(free)
        self.review_days.add(day)
        return day

    def _discuss_child(self, index: int, meeting: Meeting, item: AgendaItem, present) -> None:
        rng, actor = self.rng, self.coordinator
        state = self.states[item.child_id]
        state.rank = self._next_rank(state)
        level = LEVELS[state.rank]
        outcome = self._outcome(state)
        fields = {
            "risk_analysis": rng.choice(state.texts["analysis"][level]),
            "push_factors": rng.choice(state.texts["push"]),
            "pull_factors": rng.choice(state.texts["pull"]) if state.rank else "",
            "connectivity": rng.choice(state.texts["connectivity"]),
            "risk_level": level,
            "outcome": outcome,
        }
        if outcome == Outcome.CONTINUE:
            fields["next_review_date"] = self._review_date(index, meeting, state.rank)
        elif outcome == Outcome.RECOMMEND_STATUTORY:
            fields["statutory_recommendation"] = rng.choice(STATUTORY_RECOMMENDATIONS)
            state.recommended = True
        elif outcome == Outcome.ESCALATE_GOLD:
            state.escalated = True
        discussion = discussion_save(actor=actor, item=item, **fields)
        self.counts["discussions"] += 1
        sharing = [kind for kind in present if kind in state.texts["contributions"]]
        kinds = sorted(rng.sample(sharing, min(len(sharing), rng.randint(3, 5))))
        self._contribute(
            discussion, [(kind, rng.choice(state.texts["contributions"][kind])) for kind in kinds]
        )
        if outcome in (Outcome.CONTINUE, Outcome.ESCALATE_GOLD) or (
            outcome == Outcome.STEP_DOWN and rng.random() < 0.5
        ):
            count = rng.choice((1, 2, 2, 3)) if outcome != Outcome.STEP_DOWN else 1
            for kind, text, note in rng.sample(state.texts["actions"], count):
                self._action(meeting, item, kind, text, note)
        if outcome == Outcome.RECOMMEND_STATUTORY:
            self._action(
                meeting,
                item,
                "childrens_social_work",
                RECOMMENDATION_ACTION,
                "Strategy discussion held; outcome shared with MACE.",
                recommendation=True,
            )
        state.discussions += 1
        state.outcome = outcome
        if outcome != Outcome.CONTINUE:
            self.exited.append(state)

    def _contribute(self, discussion: Discussion, shared: Sequence[tuple[str, str]]) -> None:
        """What each agency shared (as contribution_save would, one row each; written
        together: the service's audit event per row made seeding several times slower)."""
        rows = [
            Contribution(
                discussion=discussion,
                agency=self.seats[kind].agency,
                information=information,
                created_by=self.coordinator,
                modified_by=self.coordinator,
            )
            for kind, information in shared
        ]
        _rows_write(Contribution, rows, self.coordinator)

    def _action(self, meeting, item, kind, text, note, *, recommendation=False) -> None:
        """An action agreed now, with its owner; done later, or still open (a few overdue)."""
        rng = self.rng
        seat = self.seats[kind]
        r = rng.random()
        owner = seat.representative if r < 0.7 else (seat.deputy if r < 0.85 else None)
        due = meeting.date + dt.timedelta(days=rng.choice((7, 14, 14, 21, 28, 28, 42)))
        action = action_add(
            actor=self.coordinator,
            meeting=meeting,
            item=item,
            description=text,
            owner_agency=seat.agency,
            owner=owner,
            due_date=due,
            is_recommendation=recommendation,
        )
        self.counts["actions"] += 1
        # Done by now? Nearly always once long past due; often once just past; rarely early.
        late = (self.today - due).days
        if late > 56:
            done = rng.random() < 0.97
        elif late > 0:
            done = rng.random() < 0.75
        else:
            done = (self.today - meeting.date).days > 10 and rng.random() < 0.25
        if not done:
            return
        latest = min(self.today - DAY, due + dt.timedelta(days=7))
        earliest = min(meeting.date + dt.timedelta(days=2), latest)
        day = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
        when = local_datetime(day, dt.time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))))
        # As action_complete would, by the owner (or the coordinator), on the day; saved
        # once every meeting is made (completions_save), as the days run past later meetings.
        action.status = Action.Status.DONE
        action.completed_at = action.modified_at = action._history_date = when
        action.completion_note = note
        action.modified_by = action._history_user = owner or self.coordinator
        self.completed.append(action)

    def completions_save(self) -> None:
        """Save the actions done (with a history row each, dated when done), and end the
        owners' action grants on children for whom they have no open action left (as
        action_complete does), when their last one was done."""
        if not self.completed:
            return
        for action in self.completed:  # (bulk_update's CASE per row is slower here)
            Action.objects.filter(pk=action.pk).update(
                status=action.status,
                completed_at=action.completed_at,
                completion_note=action.completion_note,
                modified_at=action.modified_at,
                modified_by=action.modified_by,
            )
        Action.history.bulk_history_create(self.completed, update=True)
        self.counts["actions_done"] += len(self.completed)
        last_done: dict[tuple[object, object], dt.datetime] = {}
        for action in self.completed:
            if action.owner_id and action.child_id:
                key = (action.owner_id, action.child_id)
                last_done[key] = max(last_done.get(key, action.completed_at), action.completed_at)
        children = Child.objects.in_bulk({child_id for _, child_id in last_done})
        for (owner_id, child_id), when in sorted(last_done.items(), key=lambda kv: kv[1]):
            with _clock(when):
                action_grant_release(owner_id=owner_id, child=children[child_id])
        self.completed = []

    def _conclude(self, meeting: Meeting) -> None:
        """Close the meeting at its end, draft the minutes a day or three later, and have the
        chair approve them a few days after that."""
        rng, start = self.rng, meeting.starts_at
        with _clock(start + dt.timedelta(minutes=meeting.duration_minutes - 5)):
            meeting_close(actor=self.coordinator, meeting=meeting)
        drafted = local_datetime(meeting.date + dt.timedelta(days=rng.randint(1, 3)), dt.time(11))
        approved = drafted + dt.timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 5))
        self.counts["held"] += 1
        if drafted > self.now:
            return  # held in the last day or two: the minutes are still to be drafted
        with _clock(drafted):
            minutes = minutes_draft(actor=self.coordinator, meeting=meeting)
        if approved > self.now:
            return  # drafted, waiting for the chair
        chair = meeting.chair
        with _clock(approved):
            if chair is not None and chair.role == Role.CHAIR:
                minutes_approve(actor=chair, minutes=minutes)
            else:
                # Only a chair may approve minutes (can_approve_minutes); Silver and Gold are
                # chaired by their own members, so the demo records their approval itself.
                minutes.status = Minutes.Status.APPROVED
                minutes.approved_at = timezone.now()
                minutes.approved_by = minutes.modified_by = chair
                minutes.save()
                event_record(actor=chair, verb=Event.Verb.MINUTES_APPROVED, obj=minutes)
        self.counts["minutes_approved"] += 1

    # Contextual MACE -----------------------------------------------------------------------

    def context_meetings(self, meetings: list[Meeting]) -> None:
        """Places, peer groups and themes, each discussed at a run of meetings until the
        disruption works and it is closed; the next meeting's agenda."""
        rng, actor = self.rng, self.coordinator
        past = [m for m in meetings if m.date < self.today]
        runs = []
        for context in CONTEXTS:
            length = rng.randint(3, 6)
            start = rng.randint(-2, max(len(past) - 2, 0))
            runs.append((context, max(start, 0), start + length))
        for index, meeting in enumerate(past):
            active = [run for run in runs if run[1] <= index < run[2]][:3]
            for offset in range(len(runs)):
                if len(active) >= 2:
                    break
                run = runs[(index + offset) % len(runs)]  # an update on a quieter context
                if run not in active:
                    active.append(run)
            start = meeting.starts_at
            with _clock(start - dt.timedelta(days=7, hours=1)):
                items = [
                    item_add(actor=actor, meeting=meeting, subject=c[0], title=c[1])
                    for c, _, _ in active
                ]
            self.counts["items"] += len(items)
            with _clock(start):
                present = self._attendance(meeting, CONTEXT_SEATS)
            for position, (item, (context, _, end)) in enumerate(zip(items, active, strict=True)):
                _, title, level, known, links, actions = context
                closing = index == end - 1
                rank = max(LEVELS.index(level) - (1 if closing else 0), 1)
                fields = {
                    "risk_analysis": known
                    if not closing
                    else f"{known} Disruption has worked: no reports since the last meeting.",
                    "connectivity": links,
                    "risk_level": LEVELS[rank],
                    "outcome": Outcome.CLOSE if closing else Outcome.CONTINUE,
                }
                if not closing:
                    fields["next_review_date"] = meeting.date + dt.timedelta(weeks=4)
                slot = dt.timedelta(minutes=meeting.slot_minutes * (position + 1))
                with _clock(start + slot):
                    discussion = discussion_save(actor=actor, item=item, **fields)
                    self.counts["discussions"] += 1
                    self._contribute(
                        discussion, [(k, _context_contribution(k, title)) for k in present[:3]]
                    )
                    if not closing:
                        kind, text, note = actions[index % len(actions)]
                        self._action(meeting, None, kind, text, note)
            with _clock(start + dt.timedelta(minutes=meeting.duration_minutes - 15)):
                for kind, description in self._findings(1):
                    finding_add(actor=actor, meeting=meeting, kind=kind, description=description)
                    self.counts["findings"] += 1
            self._conclude(meeting)
        for meeting in [m for m in meetings if m.date >= self.today][:1]:
            for context, _, _ in [r for r in runs if r[2] > len(past)][:3] or runs[:2]:
                item_add(actor=actor, meeting=meeting, subject=context[0], title=context[1])
                self.counts["upcoming_items"] += 1
            self.counts["invitations"] += len(core_invitations_ensure(actor=actor, meeting=meeting))

    # Silver and Gold -----------------------------------------------------------------------

    def strategic_meetings(self, meetings: list[Meeting], findings) -> None:
        """Attendance, themes and a partnership action at each past meeting."""
        actor = self.coordinator
        past = [m for m in meetings if m.date < self.today]
        for index, meeting in enumerate(past):
            start, chair = meeting.starts_at, meeting.chair
            with _clock(start):
                self._attend(meeting, chair.agency, Attendance.Status.PRESENT, chair.full_name)
                for kind, title in STRATEGIC_ATTENDEES.items():
                    agency = self.seats[kind].agency
                    if agency.pk == chair.agency_id:
                        continue  # the chair speaks for their agency
                    came = self.rng.random() < 0.85
                    status = Attendance.Status.PRESENT if came else Attendance.Status.APOLOGIES
                    self._attend(meeting, agency, status, title)
                _rows_write(Attendance, self.attendance, actor)
                self.attendance = []
            with _clock(start + dt.timedelta(minutes=meeting.duration_minutes - 15)):
                for offset in range(2):
                    kind, description = findings[(2 * index + offset) % len(findings)]
                    finding_add(actor=actor, meeting=meeting, kind=kind, description=description)
                    self.counts["findings"] += 1
                kind, text, note = STRATEGIC_ACTIONS[index % len(STRATEGIC_ACTIONS)]
                self._action(meeting, None, kind, text, note)
            self._conclude(meeting)

    # The next two child-focused meetings (now) --------------------------------------------

    def _prepare(self, upcoming: list[Meeting]) -> None:
        """Agendas for the next two meetings; invitations, sent for the first."""
        actor = self.coordinator
        for meeting in upcoming:
            self.counts["upcoming_items"] += len(agenda_fill(meeting=meeting, actor=actor))
        if not upcoming:
            return
        first = upcoming[0]
        listed = list(first.items.filter(status=AgendaItem.Status.LISTED).order_by("position"))
        if len(upcoming) > 1 and len(listed) > 2:
            item_defer(actor=actor, item=listed[-1], reason=DEFER_REASON)
        state = self._draw()
        if state is not None:
            item_add(actor=actor, meeting=first, child=state.child)
            self.counts["upcoming_items"] += 1
        on_first = set(first.items.exclude(child=None).values_list("child_id", flat=True))
        stepped_down = next(
            (
                s
                for s in reversed(self.exited)
                if s.outcome == Outcome.STEP_DOWN and s.child.pk not in on_first
            ),
            None,
        )
        if stepped_down is not None:
            item_add(actor=actor, meeting=first, child=stepped_down.child, for_information=True)
            self.counts["upcoming_items"] += 1
        for meeting in upcoming:
            self.counts["invitations"] += len(core_invitations_ensure(actor=actor, meeting=meeting))
            item = (
                meeting.items.filter(status=AgendaItem.Status.LISTED, for_information=False)
                .exclude(child=None)
                .order_by("position")
                .first()
            )
            if item is not None:
                invitation_add(
                    actor=actor,
                    item=item,
                    user=self.practitioner,
                    capacity=Invitation.Capacity.SOCIAL_WORKER,
                )
                self.counts["invitations"] += 1
        self.counts["invitations_sent"] += invitations_send(
            actor=actor, meeting=first, link_base=LINK_BASE
        )


@contextmanager
def _clock(moment: dt.datetime):
    """Run the services as at ``moment`` in the demo world's past: whatever they stamp
    (created and modified, history rows, audit events, grants) and whatever they take as
    today is then. Only django.utils.timezone.now is moved; the services read it."""
    moment = moment.astimezone(dt.UTC)
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


def _rows_write(model, rows: list, user: User) -> None:
    """Insert rows and a history row each, stamped now (see _clock)."""
    if rows:
        model.objects.bulk_create(rows)
        model.history.bulk_history_create(rows, default_user=user)


def _context_contribution(kind: str, title: str) -> str:
    where = title[0].lower() + title[1:]
    return {
        "police": f"Two intelligence reports this month about {where} (graded B2P); "
        "patrols continue.",
        "childrens_social_work": f"Two children with open cases are linked to {where}.",
        "education": f"Schools nearby report pupils talking about {where}.",
        "community_safety": f"Anti-social behaviour reports about {where} are down a third "
        "on last month.",
        "youth_offer": f"Youth workers have been out at {where} twice a week.",
        "third_sector": f"Brightwater workers hear about {where} from the young people they see.",
    }[kind]


def demo_meetings_ensure(*, seed: int, password: str) -> dict[str, int]:
    """Set up the demo's meetings once (see the module's notes): nothing if any meeting
    series exists or the city has no children. Makes the demo users (with ``password``) if
    missing: the meetings need their chair, coordinator and members. Returns counts."""
    if MeetingSeries.objects.exists() or not Child.objects.exists():
        return {}
    today = timezone.localdate()
    # The invitations email their invitees when the transaction commits: keep them off the
    # console (the demo's email backend) by sending them nowhere. Without DEBUG, the queries
    # are not logged (a tenth of the time).
    quiet = override_settings(EMAIL_BACKEND=LOCMEM_EMAIL, DEBUG=False)
    with quiet, transaction.atomic():
        users = {user.role: user for user in demo_users_create(password=password)}
        agencies = agencies_ensure()
        seats = {
            kind: Seat(agency=agencies[kind], representative=rep, deputy=dep)
            for kind, (rep, dep) in meeting_people_ensure(password=password).items()
        }
        maker = MeetingMaker(
            rng=random.Random(f"{seed}/meetings"),
            today=today,
            users=users,
            seats=seats,
            practitioner=practitioner_user(),
            cohort=_cohort(),
        )
        made = maker.series()
        maker.child_meetings(made[Kind.CHILD])
        maker.context_meetings(made[Kind.CONTEXT])
        maker.strategic_meetings(made[Kind.SILVER], SILVER_FINDINGS)
        maker.strategic_meetings(made[Kind.GOLD], GOLD_FINDINGS)
        maker.completions_save()
        counts = maker.counts
        open_actions = Action.objects.filter(status=Action.Status.OPEN)
        counts["actions_open"] = open_actions.count()
        counts["actions_overdue"] = open_actions.filter(due_date__lt=today).count()
        counts["member_actions"] = open_actions.filter(owner__email=demo_email(Role.MEMBER)).count()
    return dict(counts)
