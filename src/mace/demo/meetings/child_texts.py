"""What the minutes of child-focused MACE say: analysis, contributions, actions, findings."""

from __future__ import annotations

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
DEFER_REASON = "The social worker is on leave; the family's views are needed first."
