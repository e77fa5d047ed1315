"""A small hand-built city for the dashboards' figures (issue 13 item 4). What each figure
should say is counted by hand in the tests; the story is:

The clock reads 10 April 2026. MACE and Silver look at January to March 2026 (by month),
Gold at October 2025 to March 2026 (two quarters). Six children (improbable surnames, so a
test can check one is absent from a page):

=====  ======  ===================  ==========  ======  =========================
child  sex     ethnicity            born        ward    looked after
=====  ======  ===================  ==========  ======  =========================
Amber  female  White British        1 Jun 2011  Armley  no
Bryn   male    Black African        15 Feb 2009 Gipton  yes (section 20)
Cara   female  Asian Pakistani      20 May 2012 Gipton  no
Dylan  male    White British        10 Jan 2008 none    care leaver
Esme   female  Mixed W/B Caribbean  not known   Armley  no (child protection)
Felix  male    White other          9 Sep 2010  Armley  no
=====  ======  ===================  ==========  ======  =========================

Child-focused meetings (level agreed, outcome):
5 Nov 2025: Amber medium, Bryn high, Dylan low, Felix low (all continue);
10 Dec 2025: Bryn high, Cara low (continue);
14 Jan 2026: Amber high, Cara medium, Esme medium (continue);
11 Feb 2026: Bryn high (escalate to Gold), Dylan medium (close);
11 Mar 2026: Amber high (continue), Esme medium (step down);
25 Mar 2026, cancelled: Dylan high (continue): counts nowhere.

At 31 March Amber, Bryn, Cara and Felix are open; Bryn is escalated to Gold (open), Amber to
Silver only; Dylan's escalation to Gold closed on 15 March. Referrals, missing episodes,
VRMP reviews, meeting actions, theme tags, findings, plan items and an assurance audit are
set out in the functions below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from mace.accounts.models import Role
from mace.contexts.models import Context
from mace.contexts.services.themes import theme_tag
from mace.core import clock
from mace.governance.models import (
    AssuranceActivity,
    AssuranceFinding,
    Objective,
)
from mace.governance.services.escalations import escalation_close
from mace.governance.services.population import population_reference_load
from mace.meetings.models import Action, Finding, Meeting, Outcome
from mace.people.models import Child
from mace.referrals.models import Referral
from mace.risk.models import MissingEpisode, Vrmp, VrmpReview, VrmpVersion
from tests.factories.accounts import AgencyFactory, UserFactory
from tests.factories.contexts import context_made
from tests.factories.governance import escalated, plan_item_made
from tests.factories.meetings import held_meeting
from tests.factories.people import ChildAddressFactory, ChildFactory, WardFactory
from tests.factories.referrals import submitted_referral

TODAY = dt.datetime(2026, 4, 10, 11, 0, tzinfo=dt.UTC)
START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
GOLD_START = dt.date(2025, 10, 1)
MONTHS = ["Jan 2026", "Feb 2026", "Mar 2026"]
QUARTERS = ["Oct–Dec 2025", "Jan–Mar 2026"]


def utc(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


def noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


@dataclass
class DashCity:
    coordinator: object
    chair: object
    analyst: object
    silver: object
    gold: object
    children: dict[str, Child]
    meetings: dict[str, Meeting]


def _children(armley, gipton) -> dict[str, Child]:
    D = dt.date
    # fmt: off
    rows = {
        "amber": ("Amber", "Quillfeather", "female", "white_british", D(2011, 6, 1), armley,
                  "none"),
        "bryn": ("Bryn", "Wrenfold", "male", "black_african", D(2009, 2, 15), gipton, "la_s20"),
        "cara": ("Cara", "Dunmorrow", "female", "asian_pakistani", D(2012, 5, 20), gipton, "none"),
        "dylan": ("Dylan", "Harrowgate", "male", "white_british", D(2008, 1, 10), None,
                  "care_leaver"),
        "esme": ("Esme", "Yarrowby", "female", "mixed_wbc", None, armley, "cp"),
        "felix": ("Felix", "Ormsgill", "male", "white_other", D(2010, 9, 9), armley, "none"),
    }
    # fmt: on
    children = {}
    for key, (given, family, gender, ethnicity, born, ward, legal) in rows.items():
        child = ChildFactory(
            given_name=given,
            family_name=family,
            gender=gender,
            ethnicity=ethnicity,
            date_of_birth=born,
            legal_status=legal,
        )
        if ward is not None:
            ChildAddressFactory(child=child, ward=ward)
        children[key] = child
    return children


def _meetings(coordinator, c) -> dict[str, Meeting]:
    def seen(level, outcome=Outcome.CONTINUE):
        return {"risk_level": level, "outcome": outcome}

    meetings = {
        "nov": held_meeting(
            dt.date(2025, 11, 5),
            actor=coordinator,
            children=[
                (c["amber"], seen("medium")),
                (c["bryn"], seen("high")),
                (c["dylan"], seen("low")),
                (c["felix"], seen("low")),
            ],
        ),
        "dec": held_meeting(
            dt.date(2025, 12, 10),
            actor=coordinator,
            children=[(c["bryn"], seen("high")), (c["cara"], seen("low"))],
        ),
        "jan": held_meeting(
            dt.date(2026, 1, 14),
            actor=coordinator,
            children=[
                (c["amber"], seen("high")),
                (c["cara"], seen("medium")),
                (c["esme"], seen("medium")),
            ],
        ),
        "feb": held_meeting(
            dt.date(2026, 2, 11),
            actor=coordinator,
            children=[
                (c["bryn"], seen("high", Outcome.ESCALATE_GOLD)),
                (c["dylan"], seen("medium", Outcome.CLOSE)),
            ],
        ),
        "mar": held_meeting(
            dt.date(2026, 3, 11),
            actor=coordinator,
            children=[(c["amber"], seen("high")), (c["esme"], seen("medium", Outcome.STEP_DOWN))],
        ),
        "cancelled": held_meeting(
            dt.date(2026, 3, 25), actor=coordinator, children=[(c["dylan"], seen("high"))]
        ),
    }
    Meeting.objects.filter(pk=meetings["cancelled"].pk).update(status=Meeting.Status.CANCELLED)
    return meetings


def _referrals(c) -> None:
    def referral(day, concerns, status=Referral.Status.NEW, decided=None, child=None):
        return submitted_referral(
            submitted_at=noon(day),
            concerns=concerns,
            status=status,
            decided_at=noon(decided) if decided else None,
            child=child,
        )

    accepted, declined = Referral.Status.ACCEPTED, Referral.Status.DECLINED
    signposted, waiting = Referral.Status.SIGNPOSTED, Referral.Status.AWAITING_INFORMATION
    D = dt.date
    # fmt: off
    # Before January: only Gold's types of exploitation read them.
    referral(D(2025, 9, 15), ["cce", "county_lines"], accepted, D(2025, 9, 17), c["bryn"])
    referral(D(2025, 10, 1), ["cce"], accepted, D(2025, 10, 2), c["dylan"])
    referral(D(2025, 10, 20), ["cse"], accepted, D(2025, 10, 21), c["amber"])
    referral(D(2025, 12, 20), ["gang"])  # December: not in MACE's months
    # January to March (the working days to a decision).
    referral(D(2026, 1, 5), ["cse", "missing"], accepted, D(2026, 1, 8), c["esme"])  # 3
    referral(D(2026, 1, 20), ["gang"], declined, D(2026, 1, 30))  # 8
    referral(D(2026, 2, 1), ["online"], signposted, D(2026, 2, 6), c["amber"])  # a Sunday: 5
    referral(D(2026, 2, 10), [], waiting)
    referral(D(2026, 3, 27), ["cce"])  # awaiting: 2 by 31 March
    referral(D(2026, 3, 2), ["cce", "county_lines"], accepted, D(2026, 4, 2))  # after the end
    # fmt: on
    submitted_referral(status=Referral.Status.DRAFT, submitted_at=None, concerns=["cse"])


def _missing(c) -> None:
    Status = MissingEpisode.InterviewStatus

    def episode(child, started, ended, status=Status.NOT_YET, completed=None):
        MissingEpisode.objects.create(
            child=child,
            kind=MissingEpisode.Kind.MISSING,
            started_at=started,
            ended_at=ended,
            interview_status=status,
            interview_completed_at=completed,
        )

    done = Status.COMPLETED
    episode(c["amber"], utc(2026, 1, 3, 20), utc(2026, 1, 4, 9), done, utc(2026, 1, 6, 10))
    episode(c["bryn"], utc(2026, 1, 19, 22), utc(2026, 1, 20, 8), done, utc(2026, 1, 24, 9))
    episode(c["dylan"], utc(2026, 2, 1, 23), utc(2026, 2, 2, 10), done, utc(2026, 2, 5, 10))
    episode(c["bryn"], utc(2026, 2, 20, 21), utc(2026, 2, 21, 9), done, utc(2026, 2, 22, 9))
    episode(c["cara"], utc(2026, 2, 14, 18), utc(2026, 2, 14, 22), Status.REFUSED)
    episode(c["amber"], utc(2026, 3, 4, 20), utc(2026, 3, 5, 10))
    episode(c["cara"], utc(2026, 3, 14, 20), utc(2026, 3, 15, 9), Status.NOT_DONE)
    # Returned on 30 March, interviewed on 1 April: not yet done at the end of March.
    episode(c["felix"], utc(2026, 3, 29, 20), utc(2026, 3, 30, 9), done, utc(2026, 4, 1, 10))
    episode(c["bryn"], utc(2025, 12, 29, 20), utc(2025, 12, 30, 9))  # before January
    episode(c["bryn"], utc(2026, 3, 29, 23), None)  # still missing


def _vrmps(c) -> None:
    def reviews(child, *rows):
        plan = Vrmp.objects.create(child=child)
        version = VrmpVersion.objects.create(
            vrmp=plan, number=1, next_review_date=dt.date(2026, 6, 1)
        )
        for day, effect in rows:
            VrmpReview.objects.create(
                vrmp=plan,
                version=version,
                reviewed_on=day,
                effect=effect,
                next_review_date=day + dt.timedelta(days=28),
            )

    reviews(c["cara"], (dt.date(2026, 1, 20), "partly"), (dt.date(2026, 3, 1), "no"))
    reviews(c["amber"], (dt.date(2026, 2, 1), "no"), (dt.date(2026, 3, 20), "yes"))
    reviews(c["felix"], (dt.date(2026, 2, 1), "yes"), (dt.date(2026, 4, 5), "no"))


def _escalations(city_users, c, meetings) -> None:
    chair = city_users["chair"]
    with clock.set_to(utc(2026, 1, 10, 10)):
        dylan = escalated(chair, to="gold", kind="child", children=[c["dylan"]])
    with clock.set_to(utc(2026, 1, 20, 10)):
        escalated(chair, to="silver", kind="practice_issue", title="Late return interviews")
    with clock.set_to(utc(2026, 2, 12, 10)):
        escalated(chair, to="gold", kind="child", children=[c["bryn"]], title="Bryn to Gold")
    with clock.set_to(utc(2026, 3, 1, 10)):
        escalated(chair, to="silver", kind="theme", children=[c["amber"]], title="Taxis")
    with clock.set_to(utc(2026, 3, 15, 10)):
        escalation_close(actor=chair, escalation=dylan, note="Plan in place")


def _actions(meetings) -> None:
    hospitals = AgencyFactory(name="Leeds Teaching Hospitals")
    police = AgencyFactory(name="West Yorkshire Police")

    def action(agency, due, status=Action.Status.OPEN, completed=None):
        Action.objects.create(
            meeting=meetings["mar"],
            description=f"Follow up, due {due}",
            owner_agency=agency,
            due_date=due,
            status=status,
            completed_at=completed,
        )

    done = Action.Status.DONE
    with clock.set_to(utc(2026, 3, 11, 14)):
        action(police, dt.date(2026, 3, 25))  # 6 days overdue
        action(police, dt.date(2026, 3, 1))  # 30 days
        action(hospitals, dt.date(2026, 3, 10), done, utc(2026, 4, 2, 9))  # done after: 21 days
        action(hospitals, dt.date(2026, 3, 10), done, utc(2026, 3, 20, 9))  # done in time
        action(hospitals, dt.date(2026, 3, 31))  # due on the last day: not overdue
        action(police, dt.date(2026, 2, 1), Action.Status.CANCELLED)
        action(hospitals, dt.date(2026, 3, 17))  # 14 days: up to 2 weeks


def _themes(analyst, meetings) -> None:
    taxi = context_made(Context.Kind.THEME, "Taxi use", actor=analyst)
    snapchat = context_made(Context.Kind.THEME, "Snapchat", actor=analyst)
    place = context_made(Context.Kind.PLACE, "Chicken Shack", actor=analyst)
    referrals = {r.submitted_at.date(): r for r in Referral.objects.exclude(submitted_at=None)}
    finding = Finding.objects.create(
        meeting=meetings["feb"], kind=Finding.Kind.THEME, description="Private-hire cars"
    )
    tags = [
        (taxi, referrals[dt.date(2026, 1, 5)], dt.date(2026, 1, 10)),
        (taxi, referrals[dt.date(2026, 2, 1)], dt.date(2026, 2, 3)),
        (taxi, finding, dt.date(2026, 2, 11)),
        (snapchat, referrals[dt.date(2026, 1, 20)], dt.date(2026, 1, 22)),
        (snapchat, place, dt.date(2026, 3, 3)),
        (snapchat, referrals[dt.date(2025, 12, 20)], dt.date(2025, 12, 20)),  # December
    ]
    for theme, target, day in tags:
        theme_tag(actor=analyst, theme=theme, target=target, occurred_on=day)


def _findings(meetings) -> None:
    Kind = Finding.Kind
    for meeting, kind in (
        ("jan", Kind.EMERGING_RISK),
        ("jan", Kind.EMERGING_RISK),
        ("jan", Kind.PRACTICE_ISSUE),
        ("feb", Kind.TREND),
        ("mar", Kind.EMERGING_RISK),
        ("mar", Kind.PERPETRATOR),  # not a finding for Silver's figure
        ("cancelled", Kind.EMERGING_RISK),  # a cancelled meeting's: not counted
    ):
        Finding.objects.create(meeting=meetings[meeting], kind=kind, description="Seen")
    # The theme finding of 11 February is made by _themes.


def _plan(silver) -> None:
    offenders, vulnerability, _ = Objective.objects.order_by("position")
    for objective, rag in (
        (offenders, "red"),
        (offenders, "amber"),
        (offenders, "amber"),
        (vulnerability, "green"),
        (vulnerability, "complete"),
    ):
        plan_item_made(silver, objective=objective, rag=rag)
    for day, ratings in (
        (dt.date(2026, 2, 15), ("met", "not_met", "not_met")),
        (dt.date(2025, 12, 1), ("met",)),  # before January
    ):
        activity = AssuranceActivity.objects.create(
            title="Case audit: missing from care",
            standard="Return interviews within 72 hours",
            carried_out_on=day,
            carried_out_by="Two auditors",
            summary="Mixed",
        )
        for rating in ratings:
            AssuranceFinding.objects.create(activity=activity, text="Seen", rating=rating)


# The reference table the tests load: a city of 1,000 children.
POPULATION = [
    ("ethnicity", "white_british", 600),
    ("ethnicity", "white_other", 100),
    ("ethnicity", "mixed_wbc", 100),
    ("ethnicity", "asian_pakistani", 100),
    ("ethnicity", "black_african", 100),
    ("sex", "female", 480),
    ("sex", "male", 520),
    ("age_band", "0-9", 500),
    ("age_band", "10-13", 200),
    ("age_band", "14-15", 150),
    ("age_band", "16-17", 150),
    ("ward", "E05990001", 600),
    ("ward", "E05990002", 400),
]


def population_load() -> None:
    population_reference_load(
        {"dimension": d, "category": c, "children": n, "source": "Test city", "year": 2021}
        for d, c, n in POPULATION
    )


def dash_city() -> DashCity:
    """The city above, built with the clock at 10 April 2026 (call it inside
    ``clock.set_to(TODAY)``)."""
    users = {
        "coordinator": UserFactory(role=Role.COORDINATOR),
        "chair": UserFactory(role=Role.CHAIR),
        "analyst": UserFactory(role=Role.ANALYST),
        "silver": UserFactory(role=Role.SILVER),
        "gold": UserFactory(role=Role.GOLD),
    }
    armley = WardFactory(code="E05990001", name="Armley")
    gipton = WardFactory(code="E05990002", name="Gipton & Harehills")
    children = _children(armley, gipton)
    meetings = _meetings(users["coordinator"], children)
    _referrals(children)
    _missing(children)
    _vrmps(children)
    _escalations(users, children, meetings)
    _actions(meetings)
    _themes(users["analyst"], meetings)
    _findings(meetings)
    _plan(users["silver"])
    population_load()
    return DashCity(children=children, meetings=meetings, **users)


def more_of_everything(city: DashCity, n: int = 6) -> None:
    """``n`` more children with a discussion, a referral, missing episodes, an action and a
    tag each: the figures must read no more queries for them."""
    coordinator, analyst = city.coordinator, city.analyst
    ward = WardFactory(code="E05990003", name="Middleton Park")
    theme = context_made(Context.Kind.THEME, "County lines phones", actor=analyst)
    agency = AgencyFactory(name="Leeds Youth Justice Service")
    extra = []
    for i in range(n):
        child = ChildFactory(ethnicity="arab", date_of_birth=dt.date(2010, 1, 1 + i))
        ChildAddressFactory(child=child, ward=ward)
        extra.append(child)
        day = dt.date(2026, 1, 2 + i)
        referral = submitted_referral(submitted_at=noon(day), concerns=["trafficking"], child=child)
        theme_tag(actor=analyst, theme=theme, target=referral, occurred_on=day)
        MissingEpisode.objects.create(
            child=child,
            kind=MissingEpisode.Kind.MISSING,
            started_at=utc(2026, 2, 1 + i, 20),
            ended_at=utc(2026, 2, 2 + i, 8),
        )
    for month in (dt.date(2025, 11, 19), dt.date(2026, 2, 25)):
        meeting = held_meeting(
            month,
            actor=coordinator,
            children=[(child, {"risk_level": "low"}) for child in extra],
        )
        Finding.objects.create(meeting=meeting, kind=Finding.Kind.TREND, description="More")
        with clock.set_to(utc(2026, 3, 1, 9)):
            Action.objects.create(
                meeting=meeting, description="More", owner_agency=agency, due_date=month
            )
    escalated(city.chair, to="gold", kind="child", children=extra[:2])
    plan_item_made(city.silver, rag="red")
