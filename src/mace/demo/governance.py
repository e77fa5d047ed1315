"""The demo's Silver and Gold: two years of escalations, the action plan, assurance,
recommendations to Gold and Gold's challenges (issue 13; ADR 35).

``demo_governance_ensure`` runs once the meetings and the contextual network are seeded
(``mace seed``). Through the governance services only, as the people would have, with the
clock set to the moment (``mace.core.clock.set_to``), so the audit events, history rows and
escalation grants are dated when they happened:

- escalations to Silver: in the first year raised by the chair, not from a finding (a
  theme, a practice issue, an emerging risk, a resource pressure, a trend); in the second,
  from the findings of that year's child-focused and contextual MACE meetings, with the
  places and themes behind them and, for some, the children discussed. Silver responds at
  its next meeting and closes most a few months on; the latest are still open. Some are
  raised on to Gold, as are two findings of Silver's own meetings; two children at high
  risk are escalated to Gold (from a discussion whose outcome was "Escalate to Gold" where
  the meetings made one), which opens them to Gold's members through the escalation grant;
- the partnership action plan: items under each of the three national objectives, some
  agreed at the launch of the strategy two years ago, some added in response to an
  escalation (linked to it and to the finding behind it), each with dated progress updates
  that move its RAG status, ending red, amber, green or complete;
- multi-agency case audits of named children (from their records: missing episodes, VRMP
  reviews, NRM referrals, MACE discussions) against a stated standard, with findings met,
  partly met and not met;
- recommendations to Gold (commissioning, policy change, resource pressure), decided at a
  Gold meeting or by correspondence (one deferred, then agreed; one not agreed), the
  latest awaiting the next meeting; and Gold's challenges, answered by Silver at its next
  meeting, the latest unanswered.

Dates are relative to today, like the meetings' (Silver and Gold's calendars before the
recorded meetings, if any, follow their series' rules). Deterministic: one ``random.Random``
(``"{seed}/governance"``) and rows read in a fixed order. All text is synthetic, and no
text names a child.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from mace.accounts.models import Role, User
from mace.contexts.selectors.visibility import contexts_visible_to
from mace.core import clock, mail
from mace.demo.users import demo_email, meeting_email
from mace.governance.models import (
    RAG,
    AssuranceActivity,
    AssuranceFinding,
    Audience,
    Challenge,
    Escalation,
    Objective,
    PlanItem,
    Recommendation,
)
from mace.governance.services.escalations import (
    escalation_close,
    escalation_raise,
    escalation_raise_to_gold,
    escalation_respond,
)
from mace.governance.services.gold import (
    challenge_answer,
    challenge_raise,
    recommendation_decide,
    recommendation_raise,
)
from mace.governance.services.plan import (
    assurance_activity_record,
    objectives_ensure,
    plan_item_add,
    plan_item_update_progress,
)
from mace.meetings.models import (
    AgendaItem,
    Discussion,
    Finding,
    Kind,
    Meeting,
    Outcome,
    local_datetime,
)
from mace.people.models import Child
from mace.risk.models import MissingEpisode, StatutoryProcess, VrmpReview

# How far back Silver and Gold's records go.
HISTORY_DAYS = 730
# The findings escalated are the last year's (the first year's escalations are the chair's).
FINDINGS_DAYS = 364
# A Gold response or decision waits for Gold's next meeting unless that is further off than
# this; then Gold's members give it by correspondence, six weeks on.
GOLD_WAIT_DAYS = 120
CORRESPONDENCE = dt.timedelta(days=42)
# An escalation to Silver is closed at the first Silver meeting this long after its response.
CLOSE_AFTER = dt.timedelta(days=90)
# A child whose meeting decided "Escalate to Gold" this recently waits on the chair's tasks.
ESCALATE_LATER_DAYS = 10
# Children at high risk escalated to Gold, open, and how recent their discussion must be.
GOLD_CHILDREN = 2
GOLD_CHILD_WINDOW = dt.timedelta(days=120)

DAY = dt.timedelta(days=1)
TUESDAY, THURSDAY = 1, 3

# The people (by a key): the organisers, Silver and Gold's chairs and members.
CAST_EMAILS = {
    "coordinator": demo_email(Role.COORDINATOR),
    "chair": demo_email(Role.CHAIR),
    "silver": demo_email(Role.SILVER),  # Silver's chair, the police's strategic lead
    "gold": demo_email(Role.GOLD),  # Gold's chair, the Director of Children's Services
    **{
        f"{role}.{slug}": meeting_email(slug, seat=role)
        for role, slugs in (
            (Role.SILVER, ("social-work", "health", "education", "community-safety")),
            (Role.SILVER, ("youth-justice",)),
            (Role.GOLD, ("police", "health", "education")),
        )
        for slug in slugs
    },
}


# Escalations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldStep:
    """Silver raising its escalation on to Gold (at the meeting that responded)."""

    title: str
    description: str
    response: str
    closing: str = ""  # "" = Gold keeps it open


@dataclass(frozen=True)
class Story:
    """An escalation: from the first finding whose description contains ``match`` (at the
    meetings of ``found_at``), or, with no ``match``, raised by the chair three weeks after
    Silver's meeting number ``anchor`` or, with ``days_ago``, that many days ago (the week
    before today: Silver has not met since, so it is still open)."""

    key: str
    kind: str
    title: str
    description: str
    owner: str
    response: str
    closing: str = ""  # "" = left responded
    match: str = ""
    found_at: tuple[str, ...] = (Kind.CHILD, Kind.CONTEXT)
    anchor: int = 0
    to: str = Audience.SILVER
    contexts: tuple[str, ...] = ()
    children: int = 0  # children discussed at the finding's meeting, linked
    gold: GoldStep | None = None
    days_ago: int = 0


E = Escalation.Kind
HAREHILLS = "Takeaways and shops on Harehills Road (LS8)"
COUNTY_LINES = "County lines"
SHORT_LETS = "Short-let flats in Leeds city centre"
SNAPCHAT_GROUP = "Snapchat group 'LS Vape Plug'"
SNAPCHAT_THEME = "Snapchat groups selling vapes and cannabis to Year 9 pupils"

STORIES: tuple[Story, ...] = (
    # The first year: raised by the chair, not from a finding.
    Story(
        "county_lines_coast",
        E.THEME,
        "County lines from east Leeds to the coast and Lincolnshire",
        "Since the autumn MACE has discussed nine children found in Scarborough, Bridlington "
        "or Lincoln with drugs and cash; most live in Harehills, Gipton or Seacroft. MACE asks "
        "Silver for a partnership plan to disrupt the lines and the adults running them.",
        "silver",
        "Silver agreed a joint disruption plan led by the police and community safety, with "
        "British Transport Police and North Yorkshire Police. It is now an item of the action "
        "plan under Tackling offenders.",
        "Carried into the action plan (the joint disruption plan for Harehills Road).",
        anchor=0,
    ),
    Story(
        "return_interviews",
        E.PRACTICE_ISSUE,
        "Return home interviews are late and rarely reach MACE",
        "A third of the children discussed this quarter who had been missing were not offered "
        "a return home interview within 72 hours, and what children said in interviews had "
        "reached the MACE papers for only one of them.",
        "silver.social-work",
        "Silver asked the missing service for monthly figures, and commissioned a "
        "multi-agency case audit of return home interviews to report in the summer.",
        "The audit is done; the work goes on as an item of the action plan.",
        anchor=1,
    ),
    Story(
        "snapchat_recruitment",
        E.EMERGING_RISK,
        "Pupils recruited through Snapchat to sell vapes and cannabis",
        "Schools in Armley and Bramley report Year 9 pupils recruited through Snapchat groups "
        "to sell vapes and then cannabis, paid in phone credit and trainers; two have been "
        "threatened over debts.",
        "silver.education",
        "Silver agreed an online safety briefing for every secondary school and asked "
        "Trading Standards and the police to target the sellers. Raised to Gold for a "
        "city-wide campaign.",
        "Gold agreed the campaign; it ran in the autumn term.",
        anchor=2,
        gold=GoldStep(
            "Online recruitment of Year 9 pupils: a city-wide campaign",
            "Silver asks Gold to back a campaign across schools, parents and youth settings, "
            "and to raise the platform's response with the regional organised crime unit.",
            "Gold agreed the campaign, funded from the partnership budget; the police lead "
            "to raise the platform's response regionally.",
            "The campaign ran in the autumn term; reports from schools are down.",
        ),
    ),
    Story(
        "complex_safeguarding_capacity",
        E.RESOURCE_PRESSURE,
        "Caseloads in the complex safeguarding team",
        "Caseloads in the complex safeguarding team average 19 children against a target of "
        "12; children new to MACE wait up to three weeks for an allocated worker.",
        "silver.social-work",
        "Silver confirmed the pressure from the service's figures and asks Gold for two "
        "more social workers.",
        "Raised to Gold, which has agreed two more posts.",
        anchor=3,
        gold=GoldStep(
            "Two more social workers for the complex safeguarding team",
            "Children new to MACE wait up to three weeks for a worker. Silver recommends two "
            "more posts in the complex safeguarding team (see the recommendation).",
            "Gold has the waiting times each month and will decide on the posts at the "
            "budget setting.",
            "Gold agreed the posts; both are filled.",
        ),
    ),
    Story(
        "placed_out_of_area",
        E.TREND,
        "Girls placed in Leeds by other authorities going missing",
        "MACE sees more girls placed in children's homes in Leeds by other authorities going "
        "missing to the city centre, often with older males met online. Leeds is often not "
        "told they have been placed here.",
        "coordinator",
        "Silver asked the regional placements group to notify MACE of children placed in "
        "Leeds by other authorities, and the missing service to include them in its report.",
        "Notifications now come through the regional group each week.",
        anchor=4,
    ),
    Story(
        "health_on_papers",
        E.PRACTICE_ISSUE,
        "Health information missing from the MACE papers",
        "For a quarter of the children discussed since September, nothing from health was on "
        "the papers: GP and sexual health information is not being asked for in time.",
        "silver.health",
        "The designated nurse will ask GP practices and the sexual health service through "
        "the named nurses, ten days before each meeting.",
        "Health information was on the papers for every child at the last three meetings.",
        anchor=5,
    ),
    # The second year: from the findings of child-focused and contextual MACE.
    Story(
        "camhs_waits",
        E.RESOURCE_PRESSURE,
        "CAMHS waits for children at high risk",
        "Children discussed at MACE at high risk are waiting 12 weeks or more for CAMHS; two "
        "have self-harmed while waiting.",
        "silver.health",
        "Silver agreed to ask Gold to commission a fast track, and the designated nurse "
        "reports waiting times for children known to MACE each month.",
        match="CAMHS waits of 12 weeks",
        gold=GoldStep(
            "A CAMHS fast track for children at high risk of exploitation",
            "Waits of 12 weeks or more for children MACE discusses at high risk. Silver "
            "recommends a fast track with a named clinician (see the recommendation).",
            "Gold agreed the fast track from April; the Chief Nurse to report waiting times "
            "to each Gold meeting.",
        ),
    ),
    Story(
        "reduced_timetables",
        E.PRACTICE_ISSUE,
        "Schools not told when a child on a reduced timetable goes missing",
        "Schools are not told when a child on a reduced timetable goes missing, and MACE is "
        "not told when a child it discusses is put on one.",
        "silver.education",
        "Silver asked the education safeguarding team to reissue the guidance and to write a "
        "reduced timetable protocol for every school in the city.",
        "The protocol is out to every school; an item of the action plan follows it.",
        match="Schools not told when a child on a reduced timetable",
    ),
    Story(
        "short_lets",
        E.EMERGING_RISK,
        "Short-let flats used for parties with older males",
        "Short-let flats in the city centre are being used for parties where older males "
        "give children alcohol and drugs; the bookings are made online, under false names.",
        "silver.community-safety",
        "Silver asked community safety to meet the letting agents and the platforms, and "
        "raised the need for a city-wide approach to Gold.",
        match="Short-let flats in the city centre",
        contexts=(SHORT_LETS,),
        gold=GoldStep(
            "A city-wide approach to short-let flats",
            "Short-let flats are used for parties where children are exploited. Silver asks "
            "Gold to back a city-wide approach with letting agents, the platforms and the "
            "Combined Authority.",
            "Gold asked Silver for a costed proposal for its next meeting.",
        ),
    ),
    Story(
        "harehills_trend",
        E.TREND,
        "County lines activity around Harehills Road",
        "Four children discussed this month were stopped around Harehills Road. MACE asks "
        "Silver to renew the joint disruption of the takeaways and addresses there.",
        "silver",
        "Silver asked the police and licensing to renew the joint disruption plan, with "
        "patrols after school and a review of the takeaways' licences.",
        "Reports down since the licensing review; back to business as usual.",
        match="County lines activity around Harehills Road",
        contexts=(HAREHILLS, COUNTY_LINES),
        children=2,
    ),
    Story(
        "rhi_again",
        E.PRACTICE_ISSUE,
        "Return home interviews still late for some children",
        "Three children were not offered a return home interview within 72 hours of coming "
        "back; the missing service is short of staff at weekends.",
        "silver.social-work",
        "The missing service will cover weekends from next month and reports monthly to Silver.",
        "Weekend cover in place; interviews on time for nine children in ten.",
        match="Return home interviews not offered within 72 hours",
    ),
    Story(
        "debt_bondage",
        E.THEME,
        "Debt bondage",
        "Children say they owe money for drugs they 'lost', often after a robbery they think "
        "was set up by those they owe. Fear of the debt keeps them working.",
        "silver.youth-justice",
        "Silver asked youth justice and the police to treat a staged robbery as a sign of "
        "exploitation, and for the briefing to go to every team.",
        "The briefing has gone to every team; debts are now asked about at every discussion.",
        match="Debt bondage",
    ),
    Story(
        "vape_shops",
        E.EMERGING_RISK,
        "Vape shops selling to children and asking them to carry cannabis",
        "Vape shops are selling to under-18s and asking some of them to carry cannabis.",
        "silver.community-safety",
        "Trading Standards and the police to visit the shops named at MACE; licensing to "
        "review them.",
        "Test purchases and two closures; no shop named since.",
        match="Vape shops selling to under-18s",
        contexts=(SNAPCHAT_THEME,),
    ),
    Story(
        "online_grooming",
        E.TREND,
        "More girls referred for online grooming",
        "More girls are referred for grooming on Snapchat and Telegram, most aged 13 or 14; "
        "the same groups come up again and again.",
        "silver",
        "Silver asked the police to take the groups named at MACE to the platforms, and "
        "schools to run the online safety sessions again this term.",
        "Two groups taken down; the sessions have run in every secondary school.",
        match="More girls referred for online grooming",
        contexts=(SNAPCHAT_GROUP,),
        children=1,
    ),
    Story(
        "rail_lines",
        E.TREND,
        "Children travelling by train to Wakefield and Hull to sell drugs",
        "Children discussed at MACE are travelling by train to Wakefield and Hull to sell "
        "drugs, on tickets bought for them.",
        "silver",
        "Silver asked British Transport Police to brief station staff and to share stops of "
        "children with MACE the next day.",
        match="Children travelling by train to Wakefield and Hull",
        contexts=(COUNTY_LINES,),
        children=1,
    ),
    # The latest, raised by the chair last week: Silver has not met since.
    Story(
        "e_scooter_deliveries",
        E.EMERGING_RISK,
        "Children paid to carry parcels on hired e-scooters",
        "Since the autumn, police and youth workers have seen children in Chapeltown and "
        "Beeston paid in cash or clothes to carry parcels across the city on hired "
        "e-scooters, often late at night.",
        "chair",
        "",
        days_ago=5,
    ),
    # Silver's own findings, which the coordinator raises to Gold.
    Story(
        "referrals_up",
        E.TREND,
        "Referrals to MACE up a fifth on last year",
        "Referrals to MACE are up a fifth on last year, most of them from schools. The "
        "coordinator and the chairs are at capacity.",
        "silver",
        "Gold noted the rise and asked for the next problem profile to say why; the "
        "partnership to fund a second MACE coordinator for a year.",
        match="Referrals up a fifth",
        found_at=(Kind.SILVER,),
        to=Audience.GOLD,
    ),
    Story(
        "takeaways_worked",
        E.THEME,
        "Disruption of the Harehills Road takeaways worked",
        "Reports of children at the Harehills Road takeaways are down since the licensing "
        "review: the partnership's disruption plan worked.",
        "silver",
        "Gold thanked the partners and asked that the approach be used for the next hotspot.",
        "Noted by Gold.",
        match="Disruption of the Harehills Road takeaways worked",
        found_at=(Kind.SILVER,),
        to=Audience.GOLD,
        contexts=(HAREHILLS,),
    ),
)

# A child escalated to Gold: (title, description, Gold's response or "" to leave it open).
CHILD_STORIES: tuple[tuple[str, str, str], ...] = (
    (
        "A child at very high risk of criminal exploitation, missing repeatedly",
        "Discussed {count} at child-focused MACE, most recently on {date}, at high risk: "
        "missing episodes go on despite the plan, and the child is linked to a county line. "
        "MACE asks Gold for line of sight and a senior review of the placement and of the "
        "disruption of the adults involved.",
        "Gold has line of sight. The Director of Children's Services will chair a senior "
        "professionals' meeting on the placement within two weeks; the police lead will "
        "prioritise the disruption of the adults linked to the child.",
    ),
    (
        "A child at very high risk of sexual exploitation: is a secure placement needed?",
        "Discussed {count} at child-focused MACE, most recently on {date}, at high risk: the "
        "child goes missing to addresses where older males are present. The agencies do not "
        "agree whether a secure welfare placement is needed; MACE asks Gold to see the case "
        "and to back a decision within the month.",
        "",
    ),
)


# The action plan ------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A plan item under objective number ``objective``: agreed at the strategy's launch
    (Silver's first meeting in the two years) or, with ``after``, at the meeting that
    responded to that escalation (linked, with its finding). ``updates`` are (RAG, text),
    spread over the time since; the last says where it stands."""

    key: str
    objective: int
    title: str
    description: str
    owner: str
    updates: tuple[tuple[str, str], ...]
    after: str = ""
    due_months: int = 12


R, A, G, C = RAG.RED, RAG.AMBER, RAG.GREEN, RAG.COMPLETE

ITEMS: tuple[Item, ...] = (
    Item(
        "disruption_harehills",
        0,
        "Joint disruption plan for the Harehills Road corridor",
        "Police, community safety and licensing disrupt the takeaways and addresses where "
        "children are exploited.",
        "silver.community-safety",
        (
            (
                A,
                "Plan agreed by police, community safety and licensing; first joint operation "
                "booked.",
            ),
            (G, "Two closure orders on addresses off Harehills Road; patrols after school."),
            (A, "Licensing review of three takeaways delayed by an appeal."),
            (G, "Licensing review concluded: one licence revoked, two with conditions."),
            (C, "Reports of children at the takeaways down by half; now business as usual."),
        ),
        after="county_lines_coast",
        due_months=15,
    ),
    Item(
        "intelligence_48h",
        0,
        "Share MACE intelligence with the Child Exploitation Team within 48 hours",
        "Every piece of intelligence from a MACE meeting is on the police system within two "
        "working days.",
        "silver",
        (
            (A, "Process agreed; intelligence submitted within 48 hours for 70% of meetings."),
            (R, "Staff shortage in the Child Exploitation Team: 45% on time this quarter."),
            (A, "Two analysts back in post; 68% on time."),
            (G, "91% on time for the last two quarters."),
            (G, "On time after every meeting since the summer; kept under review."),
        ),
        due_months=18,
    ),
    Item(
        "cawns",
        0,
        "Review the use of Child Abduction Warning Notices every quarter",
        "The police and social work review each notice served, its effect and the children "
        "it protects.",
        "silver",
        (
            (A, "First quarterly review: eleven notices served, three breached."),
            (A, "Breaches prosecuted in two cases; the third adult has left the area."),
            (G, "Reviews held each quarter; the notices' effect reported to MACE."),
            (A, "The review lapsed for a quarter when the lead changed; restarted."),
        ),
        due_months=24,
    ),
    Item(
        "short_lets_plan",
        0,
        "A city-wide approach to short-let flats with letting agents and platforms",
        "Letting agents and platforms report bookings of concern; hosts are trained to spot "
        "exploitation.",
        "silver.community-safety",
        (
            (A, "Meetings held with four letting agents; the platforms have not replied."),
            (R, "No agreement with the platforms; parties reported at two more flats."),
            (R, "Still no reply from the platforms; raised with Gold."),
        ),
        after="short_lets",
        due_months=6,
    ),
    Item(
        "rhi_72h",
        1,
        "A return home interview within 72 hours for every child who has been missing",
        "Every child who has been missing is offered an independent interview within 72 "
        "hours, and what they say reaches MACE.",
        "silver.social-work",
        (
            (A, "Monthly figures now reported: 64% within 72 hours."),
            (R, "Down to 55%: the service is short of two workers."),
            (A, "The new service is commissioned; 61% within 72 hours."),
            (A, "Weekend cover from this month; 72% within 72 hours."),
            (R, "Down again, to 58%, after staff left; recruitment under way."),
        ),
        after="return_interviews",
        due_months=12,
    ),
    Item(
        "reduced_timetable_protocol",
        1,
        "Schools tell MACE the same day when a child on a reduced timetable goes missing",
        "A reduced timetable protocol for every school in the city.",
        "silver.education",
        (
            (A, "Protocol drafted with head teachers; out for consultation."),
            (G, "Protocol issued to every school; the first notifications are coming in."),
        ),
        after="reduced_timetables",
        due_months=9,
    ),
    Item(
        "dsl_training",
        1,
        "Exploitation training for every secondary school's designated safeguarding lead",
        "A half-day session on spotting and referring exploitation, and on MACE.",
        "silver.education",
        (
            (A, "Training written with the police and Brightwater; first sessions booked."),
            (G, "Designated safeguarding leads from 22 of 38 secondary schools trained."),
            (G, "34 of 38 trained; the other four booked for next term."),
            (C, "Every secondary school's designated safeguarding lead trained."),
        ),
        due_months=12,
    ),
    Item(
        "camhs_fast_track",
        1,
        "A CAMHS fast track for children at high risk of exploitation",
        "A named clinician sees a child MACE discusses at high risk within four weeks.",
        "silver.health",
        (
            (A, "Proposal with Gold; waiting times reported monthly."),
            (A, "Fast track agreed; recruiting the clinician."),
            (A, "Clinician in post; waits down from 14 weeks to 7, against a target of 4."),
        ),
        after="camhs_waits",
        due_months=9,
    ),
    Item(
        "trauma_informed",
        2,
        "Trauma-informed practice training for the children's workforce",
        "Social work, youth justice, early help and the police's child exploitation staff "
        "trained in trauma-informed practice.",
        "silver.social-work",
        (
            (A, "Training commissioned; the first cohort starts in the spring."),
            (G, "180 staff trained across four agencies."),
            (G, "320 trained; the police's child exploitation staff booked."),
            (C, "Every team trained; the sessions are now part of induction."),
        ),
        due_months=15,
    ),
    Item(
        "nrm_referrals",
        2,
        "An NRM referral considered for every child at high risk of exploitation",
        "MACE asks at every discussion of a child at high risk whether a National Referral "
        "Mechanism referral has been made, and why not.",
        "silver.youth-justice",
        (
            (A, "The question added to the MACE template; first responders briefed."),
            (G, "Referrals made for most children at high risk; decisions shared with MACE."),
            (A, "The audit found referrals missed for two children in five; reminders sent."),
            (A, "Referrals improving; conclusive grounds decisions still take over a year."),
        ),
        due_months=18,
    ),
    Item(
        "transition_18",
        2,
        "Support into adulthood for young people at risk turning 18",
        "Adult social care, housing and probation take part in the MACE discussion of every "
        "child turning 18 at risk.",
        "silver.social-work",
        (
            (A, "Adult social care agreed to attend for young people turning 18."),
            (A, "Housing attending; probation not yet."),
            (R, "Three young people lost support at 18 this quarter; no adult service came."),
            (R, "A transitions protocol is drafted but not agreed by adult services."),
        ),
        due_months=12,
    ),
    Item(
        "voice_in_vrmp",
        2,
        "Children's and families' views recorded at every VRMP review",
        "The lead professional asks the child and family before each review, and the review "
        "records what they said.",
        "silver.health",
        (
            (R, "Views recorded at one review in six."),
            (A, "A prompt added to the review template; views at half the reviews."),
            (G, "Views recorded at four reviews in five."),
            (G, "Kept above four in five for two quarters."),
        ),
        due_months=18,
    ),
)


# Assurance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Audit:
    """A multi-agency case audit reported at Silver's meeting number ``anchor`` (from the
    end if negative), carried out a fortnight before, of ``children`` children drawn from
    ``source`` (missing, vrmp, nrm, discussed)."""

    anchor: int
    title: str
    standard: str
    carried_out_by: str
    summary: str
    findings: tuple[tuple[str, str], ...]
    source: str
    children: int
    item: str = ""


MET = AssuranceFinding.Rating.MET
PARTLY = AssuranceFinding.Rating.PARTLY
NOT_MET = AssuranceFinding.Rating.NOT_MET

AUDITS: tuple[Audit, ...] = (
    Audit(
        3,
        "Multi-agency case audit: return home interviews",
        "Statutory guidance on children who run away or go missing from home or care (DfE, "
        "2014) and the West Yorkshire procedures: an independent return home interview "
        "offered within 72 hours of the child's return, and what the child says shared with "
        "the agencies working with them.",
        "Joanne Pickersgill (Children's Social Work Service), Rehana Akhtar (Designated "
        "Nurse), DS Sarah Ellis (Police Child Exploitation Team), Becky Holroyd (Brightwater "
        "Youth Trust)",
        "Six children's records: interviews offered on time for two; what children said "
        "reached MACE for one.",
        (
            ("Interviews were offered within 72 hours for two of the six children.", NOT_MET),
            (
                "Where an interview took place the push and pull factors were recorded, but "
                "only one reached the child's MACE discussion.",
                PARTLY,
            ),
            ("Police safe and well checks were done on every return.", MET),
        ),
        "missing",
        6,
        item="rhi_72h",
    ),
    Audit(
        5,
        "Multi-agency case audit: VRMPs of children at high risk",
        "The Leeds MACE protocol: every child at high risk has a Vulnerability and Risk "
        "Management Plan with named owners and dates, reviewed at least every three months "
        "with the child's and family's views.",
        "Stuart Haigh (Education Safeguarding Team), Nadia Rahman (Named Nurse), Kwame "
        "Boateng (Youth Justice Service), Priya Sharma (MACE coordinator)",
        "Six plans: owners and dates in every one; reviews late for two; the child's views "
        "at one review in six.",
        (
            ("Every plan had named owners and dates for its actions.", MET),
            ("Reviews were on time for four of the six; two were over a month late.", PARTLY),
            ("The child's own views were recorded at one review in six.", NOT_MET),
        ),
        "vrmp",
        6,
        item="voice_in_vrmp",
    ),
    Audit(
        -5,
        "Thematic audit: National Referral Mechanism referrals",
        "Modern Slavery Act 2015 statutory guidance: a first responder refers a child who "
        "may be a victim of exploitation to the National Referral Mechanism; the child's "
        "consent is not needed.",
        "Femi Adebayo (Youth Justice Service), Grace Mensah (Children's Social Work Service), "
        "DS Sarah Ellis (Police Child Exploitation Team)",
        "Five children: referrals made for three where they were due; decisions shared; "
        "conclusive grounds decisions slow and not chased.",
        (
            ("Referrals were made for three of the five children for whom they were due.", PARTLY),
            ("Reasonable grounds decisions were shared with MACE within a week.", MET),
            ("No conclusive grounds decision over a year old had been chased.", NOT_MET),
        ),
        "nrm",
        5,
        item="nrm_referrals",
    ),
    Audit(
        -3,
        "Multi-agency case audit: children discussed at MACE",
        "Working Together to Safeguard Children (2023): agencies share what they know in "
        "time for the meeting, and each child's plan says who does what by when.",
        "Joanne Pickersgill (Children's Social Work Service), Rehana Akhtar (Designated "
        "Nurse), Olivia Barraclough (Community Safety), Mark Pearson (Education)",
        "Six children discussed in the last six months: sharing good; actions often late; "
        "reviews after stepping down missed for two.",
        (
            ("Each agency's contribution was on the papers before the meeting.", MET),
            ("Every action had an owner and a date; a third were done late.", PARTLY),
            (
                "Two children stepped down from MACE had no review within three months.",
                NOT_MET,
            ),
        ),
        "discussed",
        6,
        item="intelligence_48h",
    ),
    Audit(
        -1,
        "Dip sample: children on reduced timetables",
        "The partnership's reduced timetable protocol: a school tells the child's social "
        "worker, and MACE for a child it discusses, the same day a pupil on a reduced "
        "timetable is absent without explanation.",
        "Stuart Haigh (Education Safeguarding Team), Ayesha Begum (Attendance and Inclusion)",
        "Four children: the schools told the social worker the same day for three; MACE "
        "was told for two.",
        (
            ("Every child on a reduced timetable had a written plan with an end date.", MET),
            ("Schools told MACE the same day for two of the four children.", PARTLY),
        ),
        "discussed",
        4,
        item="reduced_timetable_protocol",
    ),
)


# Gold ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rec:
    """A recommendation made at Silver's meeting number ``anchor`` (from the end if
    negative), or, with ``after``, with that story's escalation to Gold (linked). Gold's
    ``decisions`` (decision, note) in turn; none: awaiting."""

    kind: str
    title: str
    text: str
    decisions: tuple[tuple[str, str], ...]
    anchor: int = 0
    after: str = ""
    escalation: str = ""  # a Silver escalation's story, linked


K = Recommendation.Kind
D = Recommendation.Decision

RECOMMENDATIONS: tuple[Rec, ...] = (
    Rec(
        K.COMMISSIONING,
        "Commission an independent return home interview service",
        "Return home interviews are late for a third of children and what they say rarely "
        "reaches MACE. Silver recommends an independent service for two years, with a "
        "72-hour standard and monthly reports.",
        (
            (
                D.AGREED,
                "Agreed for two years from the partnership budget; quarterly reports to Silver.",
            ),
        ),
        anchor=2,
        escalation="return_interviews",
    ),
    Rec(
        K.RESOURCE,
        "Two more social workers for the complex safeguarding team",
        "Caseloads average 19 against a target of 12 and children new to MACE wait up to "
        "three weeks for a worker. Two more posts would bring caseloads to 14.",
        (
            (
                D.DEFERRED,
                "Deferred to the budget setting; the waiting times to come to Gold each month.",
            ),
            (
                D.AGREED,
                "Agreed: two posts funded from April; the Director of Children's "
                "Services to report on waiting times.",
            ),
        ),
        after="complex_safeguarding_capacity",
    ),
    Rec(
        K.POLICY,
        "Notify MACE of every child placed in Leeds by another authority",
        "Girls placed here by other authorities go missing to the city centre before MACE "
        "knows they are in Leeds. Silver recommends the partnership ask every placing "
        "authority in the region to notify MACE within a week.",
        (
            (
                D.AGREED,
                "Agreed; the Director of Children's Services to write to the region's directors.",
            ),
        ),
        anchor=5,
        escalation="placed_out_of_area",
    ),
    Rec(
        K.COMMISSIONING,
        "A CAMHS fast track for children at high risk of exploitation",
        "Children MACE discusses at high risk wait 12 weeks or more for CAMHS. Silver "
        "recommends a fast track with a named clinician, seeing each child within four weeks.",
        (
            (
                D.AGREED,
                "Agreed from April, jointly funded by the Integrated Care Board and the council.",
            ),
        ),
        after="camhs_waits",
    ),
    Rec(
        K.RESOURCE,
        "Detached youth work in Seacroft and Armley for another year",
        "Detached youth workers reach the peer groups MACE discusses in Seacroft and Armley; "
        "their funding ends in March.",
        ((D.AGREED, "Agreed: funded for another year; the youth service to report on reach."),),
        anchor=-4,
    ),
    Rec(
        K.RESOURCE,
        "A 24-hour missing-from-care response team",
        "Most children missing from care go missing in the evening and at night, when the "
        "missing service is closed. Silver recommends a 24-hour team.",
        (
            (
                D.NOT_AGREED,
                "Not agreed: not affordable this year. The missing service to extend "
                "its evening cover instead; Silver to report the effect in six months.",
            ),
        ),
        anchor=-4,
    ),
    Rec(
        K.COMMISSIONING,
        "A short-let and hotels engagement officer, jointly commissioned",
        "Short-let flats and hotels are used for parties where children are exploited. Silver "
        "recommends an engagement officer for two years, jointly commissioned with the "
        "Combined Authority, to work with letting agents, platforms and hotels.",
        (),
        anchor=-1,
        escalation="short_lets",
    ),
)


@dataclass(frozen=True)
class Ask:
    """A challenge by Gold's ``by`` at Gold's meeting number ``meeting`` (from the end), or
    ``days_ago`` between meetings; answered by Silver at its next meeting ("" = not yet)."""

    by: str
    text: str
    answer: str
    meeting: int = -1
    days_ago: int = 0
    escalation: str = ""  # a story whose escalation to Gold it is about


CHALLENGES: tuple[Ask, ...] = (
    Ask(
        "gold.police",
        "How quickly are children interviewed after they come back from being missing, and "
        "what do the interviews tell us?",
        "Silver has no reliable figures yet. The missing service reports monthly from now "
        "on, and a multi-agency case audit of return home interviews will report in the "
        "summer.",
        meeting=-3,
    ),
    Ask(
        "gold.health",
        "Black and mixed-heritage boys are over-represented among the children MACE "
        "discusses for county lines. What is the partnership doing about it?",
        "Silver has asked the analyst for a profile by ethnicity, ward and school. The first "
        "goes to the practice forum and to Gold's next meeting, with what each agency will "
        "change.",
        meeting=-2,
    ),
    Ask(
        "gold.education",
        "How are schools told that a child they teach is discussed at MACE, and does it "
        "make a difference to what the school does?",
        "The designated safeguarding lead is invited for each child and gets the actions the "
        "school owns. Silver will ask schools what changed, in the next audit.",
        meeting=-2,
    ),
    Ask(
        "gold",
        "Is the CAMHS fast track reducing waits for the children MACE discusses, and how "
        "will Gold know?",
        "Waits for children known to MACE are down from 14 weeks to 7 since the clinician "
        "started. The designated nurse reports monthly to Silver and to each Gold meeting.",
        meeting=-1,
        escalation="camhs_waits",
    ),
    Ask(
        "gold.police",
        "What assurance does Silver have that every child stepped down from MACE is reviewed "
        "within three months?",
        "",
        days_ago=9,
    ),
)


# Seeding ----------------------------------------------------------------------------------


def demo_governance_ensure(*, seed: int) -> dict[str, int]:
    """Seed Silver and Gold's two years once (see the module's notes): nothing if any
    escalation, plan item, audit, recommendation or challenge exists, if no meeting has
    been held, or if the demo's people are missing. Returns counts."""
    if (
        Escalation.objects.exists()
        or PlanItem.objects.exists()
        or AssuranceActivity.objects.exists()
        or Recommendation.objects.exists()
        or Challenge.objects.exists()
    ):
        return {}
    today = clock.today()
    if not Meeting.objects.filter(status=Meeting.Status.HELD, date__lt=today).exists():
        return {}
    people = {u.email: u for u in User.objects.filter(email__in=CAST_EMAILS.values())}
    if len(people) < len(CAST_EMAILS):
        return {}
    cast = {key: people[email] for key, email in CAST_EMAILS.items()}
    objectives_ensure()
    with mail.withheld(), transaction.atomic():
        maker = GovernanceMaker(rng=random.Random(f"{seed}/governance"), today=today, cast=cast)
        return maker.build()


@dataclass
class Planned:
    """When an escalation's steps fall (planning time, before anything is written)."""

    raised: dt.datetime
    responded: dt.datetime | None = None
    to_gold: dt.datetime | None = None
    finding: Finding | None = None


class GovernanceMaker:
    """Plans every write at its moment, then makes them in time order (so a grant opened by
    one escalation and ended by another's closing fall as they would have)."""

    def __init__(self, *, rng: random.Random, today: dt.date, cast: dict[str, User]):
        self.rng = rng
        self.today = today
        self.now = clock.now()
        self.cast = cast
        self.start = today - dt.timedelta(days=HISTORY_DAYS)
        self.silver_days = _calendar(Kind.SILVER, TUESDAY, 2, 2, self.start, today)
        self.gold_days = _calendar(Kind.GOLD, THURSDAY, 1, 6, self.start, today)
        # Gold's coming meetings too: a decision due at one of them is not made before.
        self.gold_ahead = self.gold_days + list(
            Meeting.objects.filter(kind=Kind.GOLD, date__gte=today)
            .order_by("date")
            .values_list("date", flat=True)
        )
        self.objectives = list(Objective.objects.order_by("position", "title")[:3])
        self.steps: list[tuple[dt.datetime, int, Callable[[], None]]] = []
        self.planned: dict[str, Planned] = {}
        self.escalations: dict[str, Escalation] = {}
        self.items: dict[str, PlanItem] = {}
        self.recommendations: dict[str, Recommendation] = {}
        self.counts: Counter = Counter()

    def build(self) -> dict[str, int]:
        if len(self.silver_days) < 6 or len(self.objectives) < 3:
            return {}
        findings = self._story_findings()
        for story in STORIES:
            self._plan_story(story, findings)
        self._plan_children()
        self._plan_items()
        self._plan_audits()
        self._plan_recommendations()
        self._plan_challenges()
        for moment, _, step in sorted(self.steps, key=lambda s: (s[0], s[1])):
            with clock.set_to(moment):
                step()
        return dict(self.counts)

    # Time ---------------------------------------------------------------------------------

    def _at(self, moment: dt.datetime | None, step: Callable[[], None]) -> bool:
        """Plan ``step`` at ``moment``; a moment not yet come is not planned (False)."""
        if moment is None or moment >= self.now:
            return False
        self.steps.append((moment, len(self.steps), step))
        return True

    @staticmethod
    def _moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return local_datetime(_workday(day), dt.time(hour, minute))

    def _silver(self, index: int) -> dt.date | None:
        try:
            return self.silver_days[index]
        except IndexError:
            return None

    def _next_silver(self, after: dt.date) -> dt.date | None:
        return next((d for d in self.silver_days if d >= after), None)

    def _gold_moment(self, after: dt.date) -> dt.datetime:
        """Gold's next meeting a fortnight or more after ``after``, or correspondence."""
        day = next((d for d in self.gold_ahead if d >= after + 14 * DAY), None)
        if day is not None and (day - after).days <= GOLD_WAIT_DAYS:
            return self._moment(day, 11)
        return self._moment(after + CORRESPONDENCE, 10)

    # Escalations --------------------------------------------------------------------------

    def _story_findings(self) -> dict[str, Finding]:
        """Each story's finding: of the findings whose text matches, the one nearest its
        turn, the stories of each kind of meeting taking turns over the year (a finding
        comes back every few months); the last year's findings only."""
        rows = list(
            Finding.objects.filter(
                meeting__status=Meeting.Status.HELD,
                meeting__date__lt=self.today,
                meeting__date__gte=self.today - FINDINGS_DAYS * DAY,
            )
            .select_related("meeting__chair")
            .order_by("meeting__date", "created_at", "description")
        )
        found = {}
        for found_at in dict.fromkeys(s.found_at for s in STORIES if s.match):
            stories = [s for s in STORIES if s.match and s.found_at == found_at]
            at = [f for f in rows if f.meeting.kind in found_at]
            if not at:
                continue
            first = at[0].meeting.date
            span = (self.today - first).days
            for turn, story in enumerate(stories):
                due = first + dt.timedelta(days=span * (2 * turn + 1) // (2 * len(stories)))
                matching = [f for f in at if story.match in f.description]
                if matching:
                    found[story.key] = min(
                        matching, key=lambda f, due=due: abs((f.meeting.date - due).days)
                    )
        return found

    def _plan_story(self, story: Story, findings: dict[str, Finding | None]) -> None:
        finding = findings.get(story.key)
        if story.match:
            if finding is None:
                return
            day = finding.meeting.date + self.rng.choice((1, 1, 2, 3)) * DAY
            actor = self.cast["coordinator"] if story.to == Audience.GOLD else finding.meeting.chair
        elif story.days_ago:
            day = self.today - story.days_ago * DAY
            actor = self.cast["chair"]
        else:
            anchor = self._silver(story.anchor)
            if anchor is None:
                return
            day = anchor + 21 * DAY
            actor = self.cast["chair"]
        raised = self._moment(day, 10, self.rng.choice((0, 15, 30, 45)))
        if not self._at(raised, functools.partial(self._raise, story, actor, finding)):
            return
        plan = self.planned[story.key] = Planned(raised=raised, finding=finding)
        if story.to == Audience.GOLD:
            responded = self._gold_moment(raised.date())
            responder = self.cast["gold"]
        else:
            meeting = self._next_silver(raised.date() + 7 * DAY)
            responded = self._moment(meeting, 15) if meeting else None
            responder = self.cast["silver"]
        if not self._at(
            responded, functools.partial(self._respond, story.key, responder, story.response)
        ):
            return
        plan.responded = responded
        if story.gold is not None:
            to_gold = responded + dt.timedelta(minutes=10)
            if self._at(to_gold, functools.partial(self._to_gold, story)):
                plan.to_gold = to_gold
                gold_key = f"{story.key}/gold"
                gold_response = self._gold_moment(to_gold.date())
                step = functools.partial(
                    self._respond, gold_key, self.cast["gold"], story.gold.response
                )
                if self._at(gold_response, step) and story.gold.closing:
                    closing = self._gold_moment(gold_response.date() + 60 * DAY)
                    self._at(
                        closing,
                        functools.partial(
                            self._close, gold_key, self.cast["gold"], story.gold.closing
                        ),
                    )
        if story.closing:
            closer = responder
            if story.to == Audience.GOLD:
                closing = responded + 28 * DAY
            else:
                meeting = self._next_silver(responded.date() + CLOSE_AFTER)
                closing = self._moment(meeting, 15, 20) if meeting else None
            self._at(closing, functools.partial(self._close, story.key, closer, story.closing))

    def _raise(self, story: Story, actor: User, finding: Finding | None) -> None:
        contexts = []
        if story.contexts:
            contexts = list(
                contexts_visible_to(actor).filter(name__in=story.contexts).order_by("name")
            )
        children = self._meeting_children(finding.meeting, story.children) if finding else []
        escalation = escalation_raise(
            actor=actor,
            to=story.to,
            kind=story.kind,
            title=story.title,
            description=story.description,
            owner=self.cast[story.owner],
            children=children,
            contexts=contexts,
            finding=finding,
        )
        self.escalations[story.key] = escalation
        self.counts[f"escalations_{story.to}"] += 1

    def _respond(self, key: str, actor: User, response: str) -> None:
        if key in self.escalations:
            self.escalations[key] = escalation_respond(
                actor=actor, escalation=self.escalations[key], response=response
            )
            self.counts["escalations_responded"] += 1

    def _close(self, key: str, actor: User, note: str) -> None:
        if key in self.escalations:
            self.escalations[key] = escalation_close(
                actor=actor, escalation=self.escalations[key], note=note
            )
            self.counts["escalations_closed"] += 1

    def _to_gold(self, story: Story) -> None:
        parent = self.escalations.get(story.key)
        if parent is None:
            return
        self.escalations[f"{story.key}/gold"] = escalation_raise_to_gold(
            actor=self.cast["silver"],
            parent=parent,
            title=story.gold.title,
            description=story.gold.description,
        )
        self.counts["escalations_gold"] += 1

    def _meeting_children(self, meeting: Meeting, count: int) -> list[Child]:
        """Up to ``count`` unrestricted children discussed at this meeting (or, for another
        kind of meeting, at the child-focused meeting before it)."""
        if count <= 0:
            return []
        if meeting.kind != Kind.CHILD:
            meeting = (
                Meeting.objects.filter(kind=Kind.CHILD, date__lte=meeting.date)
                .order_by("-date")
                .first()
            )
            if meeting is None:
                return []
        children = sorted(
            {
                item.child
                for item in AgendaItem.objects.filter(
                    meeting=meeting,
                    status=AgendaItem.Status.LISTED,
                    child__restricted=False,
                ).select_related("child")
            },
            key=lambda c: str(c.pk),
        )
        return self.rng.sample(children, min(count, len(children)))

    # Children escalated to Gold -----------------------------------------------------------

    def _plan_children(self) -> None:
        """The discussions that decided "Escalate to Gold" (but the last few days'), then
        children at high risk the chair escalates, so that GOLD_CHILDREN are open."""
        chair = self.cast["chair"]
        decided = list(
            Discussion.objects.filter(
                outcome=Outcome.ESCALATE_GOLD,
                item__child__restricted=False,
                item__meeting__date__lt=self.today - ESCALATE_LATER_DAYS * DAY,
            )
            .select_related("item__meeting", "item__child")
            .order_by("item__meeting__date", "item__child_id")
        )
        open_count = 0
        escalated = set()
        for index, discussion in enumerate(decided):
            meeting = discussion.item.meeting
            recent = meeting.date >= self.today - GOLD_CHILD_WINDOW
            self._plan_child(
                index, discussion.item.child, meeting, chair, discussion, close=not recent
            )
            escalated.add(discussion.item.child_id)
            open_count += recent
        if open_count >= GOLD_CHILDREN:
            return
        latest: dict = {}
        counts: Counter = Counter()
        for discussion in (
            Discussion.objects.filter(
                item__meeting__kind=Kind.CHILD,
                item__meeting__status=Meeting.Status.HELD,
                item__child__restricted=False,
            )
            .select_related("item__meeting", "item__child")
            .order_by("item__meeting__date", "pk")
        ):
            counts[discussion.item.child_id] += 1
            latest[discussion.item.child_id] = discussion
        candidates = sorted(
            (
                d
                for child_id, d in latest.items()
                if child_id not in escalated
                and d.risk_level == "high"
                and d.item.meeting.date >= self.today - GOLD_CHILD_WINDOW
                and d.outcome in (Outcome.CONTINUE, Outcome.ESCALATE_GOLD, "")
            ),
            key=lambda d: str(d.item.child_id),
        )
        chosen = self.rng.sample(candidates, min(GOLD_CHILDREN - open_count, len(candidates)))
        for index, discussion in enumerate(sorted(chosen, key=lambda d: d.item.meeting.date)):
            self._plan_child(
                len(decided) + index,
                discussion.item.child,
                discussion.item.meeting,
                chair,
                None,
                close=False,
                discussed=counts[discussion.item.child_id],
            )

    def _plan_child(self, index, child, meeting, chair, discussion, *, close, discussed=1):
        title, description, response = CHILD_STORIES[index % len(CHILD_STORIES)]
        times = {1: "once", 2: "twice"}.get(discussed, f"{discussed} times")
        when = f"{meeting.date.day} {meeting.date:%B %Y}"
        description = description.format(count=times, date=when)
        key = f"child/{index}"
        raised = self._moment(meeting.date + 2 * DAY, 11)

        def raise_it() -> None:
            self.escalations[key] = escalation_raise(
                actor=chair,
                to=Audience.GOLD,
                kind=Escalation.Kind.CHILD,
                title=title,
                description=description,
                owner=chair,
                children=[child],
                meetings=[meeting],
                discussion=discussion,
            )
            self.counts["escalations_gold"] += 1
            self.counts["children_to_gold"] += 1

        if not self._at(raised, raise_it) or not (response or close):
            return
        answered = raised + self.rng.randint(6, 12) * DAY
        text = response or "Gold has line of sight and agrees the plan."
        if (
            self._at(answered, functools.partial(self._respond, key, self.cast["gold"], text))
            and close
        ):
            self._at(
                answered + 90 * DAY,
                functools.partial(
                    self._close, key, self.cast["gold"], "Risk reduced; back to MACE."
                ),
            )

    # The action plan ----------------------------------------------------------------------

    def _plan_items(self) -> None:
        launch = self._moment(self.silver_days[0], 15, 30)
        for item in ITEMS:
            last = _workday(self.today - self.rng.randint(4, 30) * DAY)
            if item.after:
                plan = self.planned.get(item.after)
                if plan is None or plan.responded is None:
                    continue
                created = plan.responded + dt.timedelta(minutes=20)
            else:
                created = launch
            due = _months_on(created.date(), item.due_months)
            if not self._at(created, functools.partial(self._add_item, item, due)):
                continue
            if item.updates[-1][0] == RAG.COMPLETE:  # done about when it was due
                last = min(last, _workday(due + self.rng.randint(-20, 20) * DAY))
            # The first six weeks on, the last a few days ago, the others evenly between;
            # an item added lately has one update, where it stands.
            first = created.date() + 42 * DAY
            updates = item.updates
            if first >= last:
                first, updates = last, updates[-1:]
            if last <= created.date():
                continue
            span = (last - first).days
            for number, (rag, text) in enumerate(updates):
                day = min(_workday(first + span * number // max(len(updates) - 1, 1) * DAY), last)
                self._at(
                    self._moment(day, 16, self.rng.choice((0, 10, 20, 30))),
                    functools.partial(self._progress, item, rag, text),
                )

    def _add_item(self, item: Item, due: dt.date) -> None:
        escalations, findings = [], []
        if item.after and item.after in self.escalations:
            escalations = [self.escalations[item.after]]
            plan = self.planned[item.after]
            findings = [plan.finding] if plan.finding else []
        self.items[item.key] = plan_item_add(
            actor=self.cast["silver"],
            objective=self.objectives[item.objective],
            title=item.title,
            description=item.description,
            owner=self.cast[item.owner],
            due_date=due,
            rag=RAG.AMBER,
            escalations=escalations,
            findings=findings,
        )
        self.counts["plan_items"] += 1

    def _progress(self, item: Item, rag: str, text: str) -> None:
        if item.key in self.items:
            plan_item_update_progress(
                actor=self.cast[item.owner], item=self.items[item.key], text=text, rag=rag
            )
            self.counts["progress_updates"] += 1

    # Assurance ----------------------------------------------------------------------------

    def _plan_audits(self) -> None:
        used: set[int] = set()
        for audit in AUDITS:
            index = audit.anchor % len(self.silver_days)
            if index in used:
                continue
            used.add(index)
            day = self.silver_days[index] - 14 * DAY
            reported = self._moment(self.silver_days[index] - 7 * DAY, 12)
            self._at(reported, functools.partial(self._audit, audit, _workday(day)))

    def _audit(self, audit: Audit, on: dt.date) -> None:
        children = self._audited(audit.source, on, audit.children)
        self.counts["assurance_activities"] += 1
        self.counts["assurance_findings"] += len(audit.findings)
        assurance_activity_record(
            actor=self.cast["coordinator"],
            title=audit.title,
            standard=audit.standard,
            carried_out_on=on,
            carried_out_by=audit.carried_out_by,
            summary=audit.summary,
            children=children,
            findings=audit.findings,
            plan_item=self.items.get(audit.item),
        )

    def _audited(self, source: str, on: dt.date, count: int) -> list[Child]:
        """Children whose records the audit read: went missing, had a VRMP review, an NRM
        referral, or were discussed at MACE in the six months before ``on``."""
        since = on - dt.timedelta(days=183)
        if source == "missing":
            ids = MissingEpisode.objects.filter(
                started_at__date__lt=on - 3 * DAY, started_at__date__gte=since - 183 * DAY
            ).values_list("child_id", flat=True)
        elif source == "vrmp":
            ids = VrmpReview.objects.filter(reviewed_on__lt=on).values_list(
                "vrmp__child_id", flat=True
            )
        elif source == "nrm":
            ids = StatutoryProcess.objects.filter(
                kind=StatutoryProcess.Kind.NRM_REFERRAL, started_on__lt=on
            ).values_list("child_id", flat=True)
        else:
            ids = AgendaItem.objects.filter(
                meeting__kind=Kind.CHILD,
                meeting__date__lt=on,
                meeting__date__gte=since,
                status=AgendaItem.Status.LISTED,
            ).values_list("child_id", flat=True)
        pool = Child.objects.filter(pk__in=set(ids), restricted=False)
        children = sorted(pool, key=lambda c: str(c.pk))
        if len(children) < count:
            children = list(Child.objects.filter(restricted=False).order_by("pk")[:200])
        return self.rng.sample(children, min(count, len(children)))

    # Recommendations and challenges -------------------------------------------------------

    def _plan_recommendations(self) -> None:
        for number, rec in enumerate(RECOMMENDATIONS):
            key = f"rec/{number}"
            escalation_key = rec.escalation
            if rec.after:
                plan = self.planned.get(rec.after)
                if plan is None or plan.to_gold is None:
                    continue
                raised = plan.to_gold + dt.timedelta(minutes=5)
                escalation_key = f"{rec.after}/gold"
            else:
                day = self._silver(rec.anchor)
                if day is None:
                    continue
                raised = self._moment(day, 15, 40)
            if not self._at(raised, functools.partial(self._recommend, key, rec, escalation_key)):
                continue
            when = self._gold_moment(raised.date())
            for decision, note in rec.decisions:
                if not self._at(when, functools.partial(self._decide, key, decision, note)):
                    break
                when = self._gold_moment(when.date() + 30 * DAY)  # deferred: decided again

    def _recommend(self, key: str, rec: Rec, escalation_key: str) -> None:
        self.recommendations[key] = recommendation_raise(
            actor=self.cast["silver"],
            kind=rec.kind,
            title=rec.title,
            text=rec.text,
            escalation=self.escalations.get(escalation_key),
        )
        self.counts["recommendations"] += 1

    def _decide(self, key: str, decision: str, note: str) -> None:
        rec = self.recommendations.get(key)
        if rec is None:
            return
        self.recommendations[key] = recommendation_decide(
            actor=self.cast["gold"],
            recommendation=rec,
            decision=decision,
            decided_on=clock.today(),
            note=note,
        )
        self.counts["recommendations_decided"] += decision != D.DEFERRED

    def _plan_challenges(self) -> None:
        for ask in CHALLENGES:
            if ask.days_ago:
                raised = self._moment(self.today - ask.days_ago * DAY, 10, 30)
            else:
                if len(self.gold_days) < -ask.meeting:
                    continue
                day = self.gold_days[ask.meeting]
                raised = self._moment(day, 11, 15)
            box: dict[str, Challenge] = {}
            if not self._at(raised, functools.partial(self._challenge, ask, box)):
                continue
            if ask.answer:
                meeting = self._next_silver(raised.date() + 7 * DAY)
                if meeting is not None:
                    self._at(
                        self._moment(meeting, 14, 45),
                        functools.partial(self._answer, ask, box),
                    )

    def _challenge(self, ask: Ask, box: dict) -> None:
        box["challenge"] = challenge_raise(
            actor=self.cast[ask.by],
            text=ask.text,
            escalation=self.escalations.get(f"{ask.escalation}/gold") if ask.escalation else None,
        )
        self.counts["challenges"] += 1

    def _answer(self, ask: Ask, box: dict) -> None:
        if "challenge" in box:
            challenge_answer(
                actor=self.cast["silver"], challenge=box["challenge"], answer=ask.answer
            )
            self.counts["challenges_answered"] += 1


# Calendars --------------------------------------------------------------------------------


# Bank holidays on fixed dates (New Year's Day, Christmas Day, Boxing Day).
HOLIDAYS = ((1, 1), (12, 25), (12, 26))


def _workday(day: dt.date) -> dt.date:
    """A Saturday moved to the Friday before, a Sunday or a fixed bank holiday to the next
    working day."""
    if day.weekday() == 5:
        day -= DAY
    while day.weekday() > 4 or (day.month, day.day) in HOLIDAYS:
        day += DAY
    return day


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _months_on(day: dt.date, months: int) -> dt.date:
    """The last day of the month ``months`` after ``day``'s."""
    month = day.month + months  # 1-based, one past the month wanted
    return dt.date(day.year + month // 12, month % 12 + 1, 1) - DAY


def _calendar(kind, weekday, n, step, start: dt.date, today: dt.date) -> list[dt.date]:
    """The days a strategic group met since ``start``: its meetings held, and before its
    series began, the days its rule (the ``n``th ``weekday`` every ``step`` months) gave."""
    held = sorted(
        Meeting.objects.filter(
            kind=kind, status=Meeting.Status.HELD, date__gte=start, date__lt=today
        ).values_list("date", flat=True)
    )
    first = (
        Meeting.objects.filter(kind=kind).order_by("date").values_list("date", flat=True).first()
    )
    if first is None:
        return held
    series_from = (
        Meeting.objects.filter(kind=kind)
        .values_list("series__first_date", flat=True)
        .order_by("series__first_date")
        .first()
    )
    earlier = []
    year, month = first.year, first.month
    while True:
        month -= step
        while month < 1:
            month += 12
            year -= 1
        day = _nth_weekday(year, month, weekday, n)
        if day < start:
            break
        if series_from is None or day < series_from:
            earlier.append(day)
    return sorted(earlier) + held
