"""What VRMPs say: vulnerabilities, strategies, reviews, and actions by agency."""

from __future__ import annotations

# VRMP content.
VULNERABILITIES: dict[str, tuple[str, ...]] = {
    "cce": (
        "Targeted by older males involved in county lines supply.",
        "Owes a drug debt and is being made to work it off.",
        "Excluded from school and unsupervised during the day.",
    ),
    "cse": (
        "Groomed by an older male who gives {him} gifts and lifts.",
        "Introduced to adult males at parties where alcohol is given.",
        "Low self-esteem; seeks affection from older people.",
    ),
    "online": (
        "Contacted online by adults posing as teenagers.",
        "Pressured into sharing images and threatened with their release.",
    ),
    "general": (
        "Goes missing often, with unknown associates.",
        "Unstable home life and little supervision in the evenings.",
    ),
}
VULNERABILITY_EXTRAS: dict[str, str] = {
    "looked_after": "Looked after and placed in a children's home.",
    "learning_disability": "Learning disability: may not recognise exploitation.",
    "care_leaver": "Care leaver living semi-independently with little support at night.",
}
PROTECTIVE_TEXT: tuple[str, ...] = (
    "Good relationship with the youth worker; grandmother is protective.",
    "Enjoys boxing and attends the club most weeks.",
    "LA|Foster carers are consistent and report every absence.",
    "H|Parents are consistent and report every absence.",
    "Wants to finish {his} college course.",
    "Mother works with professionals and is protective.",
)
PUSH_FACTORS: tuple[str, ...] = (
    "Conflict with mother's partner at home.",
    "LA|Placement breakdown; feels unwanted.",
    "Excluded from school and bored in the day.",
    "Bereavement: {his} father died last year.",
    "Neglect at home: little food and no routine.",
    "Bullied at school.",
)
PULL_FACTORS: tuple[str, ...] = (
    "Money and gifts: new clothes and phones.",
    "Status and respect among older peers.",
    "A sense of belonging to the group.",
    "Affection from an older 'boyfriend'.",
    "Access to cannabis and alcohol.",
    "Excitement of travelling to other towns.",
)
REPORTING_LOOKED_AFTER: tuple[str, ...] = (
    "Staff report missing to police if not back by the 10pm curfew, and tell the social "
    "worker the next morning (out of hours: the emergency duty team).",
    "Foster carers call police on 101 if not home by 9pm and not answering the phone (999 "
    "if at immediate risk), then the placement's out-of-hours line.",
)
REPORTING_AT_HOME: tuple[str, ...] = (
    "Mother reports to police if not home by 9pm and not answering the phone; school tells "
    "the social worker of any unexplained absence by 10am.",
    "Parents report to police on 101 (999 if at immediate risk) if not home by 10pm; they "
    "have the missing person plan on the fridge.",
)
LA_ENQUIRIES: tuple[str, ...] = (
    "Social worker calls known friends' families and checks the addresses in the plan; "
    "tells the MACE coordinator within 24 hours.",
    "Duty social worker checks {home}, school and known associates, and shares "
    "what is found with police the same day.",
)
POLICE_ENQUIRIES: tuple[str, ...] = (
    "Check the addresses listed in the plan, alert British Transport Police for the Leeds "
    "to Bradford and Leeds to Scarborough routes, and check social media.",
    "Visit the known addresses in Harehills and Beeston; circulate the vehicle seen "
    "collecting the child; consider a Child Abduction Warning Notice.",
)
RETURN_STRATEGY: tuple[str, ...] = (
    "Return interview by the Brightwater worker {he} already knows, within 72 hours, at "
    "school rather than at home.",
    "Youth worker offers the return interview within 72 hours; a second offer if refused; "
    "findings shared with police intelligence.",
)
INTERVENTION: tuple[str, ...] = (
    "Weekly mentoring with the Youth Service; education plan with the pupil referral unit; "
    "CAMHS referral; disruption of the adults involved.",
    "Specialist child exploitation worker; safety planning with {carers}; sexual health "
    "support; police disruption at the addresses of concern.",
    "Education, training and employment plan with the Youth Justice Service; boxing club "
    "place; work with mother on boundaries.",
)
CONTINGENCY: tuple[str, ...] = (
    "If missing for more than 24 hours: strategy discussion. Alternative address: maternal "
    "aunt in Wakefield.",
    "LA|If the placement breaks down: emergency placement out of the area of concern, "
    "agreed with the placements team.",
    "H|If {his} family cannot keep {him} safe at home: emergency accommodation out of the area "
    "of concern.",
    "If found with the adults of concern again: strategy discussion and consider an NRM referral.",
)
REVIEW_WEEKS: tuple[tuple[int, int], ...] = ((6, 2), (8, 3), (12, 5))
REVIEW_NOTES: dict[str, tuple[str, ...]] = {
    "yes": (
        "Fewer missing episodes; attending college three days a week.",
        "No missing episodes since the last review; engaging with the youth worker.",
    ),
    "partly": (
        "Attendance is better, but still in contact with the older males.",
        "Missing less often, but found out of area once since the last review.",
    ),
    "no": (
        "Missing more often; found in Doncaster twice since the last review. Refer to MACE.",
        "New intelligence links {him} to a county line; actions not completed. Refer to MACE.",
    ),
}

STEP_DOWN_NOTE = (
    "Risk has reduced to {level}; agreed to step down to early help at the next review."
)

# VRMP actions by agency kind: descriptions, and notes when done.
ACTIONS: dict[str, tuple[str, ...]] = {
    "police": (
        "Serve a Child Abduction Warning Notice on the adult associate",
        "Share intelligence on the car seen collecting the child",
        "Disruption visit to the address of concern in Harehills",
        "Add a missing-person marker to the child's police record",
        "Neighbourhood PCSO to make a welfare visit",
    ),
    "childrens_social_work": (
        "Convene a strategy discussion",
        "Update the child and family assessment",
        "LA|Review placement stability with the placements team",
        "Safety planning session with the child and {carers}",
    ),
    "education": (
        "Agree a plan back to a full timetable by half term",
        "Designated safeguarding lead to check attendance daily",
    ),
    "youth_justice": ("Complete a trauma-informed assessment",),
    "health": ("School nurse to offer a sexual health appointment",),
    "camhs": ("Offer a CAMHS appointment within four weeks",),
    "third_sector": ("Allocate a specialist child exploitation worker",),
    "youth_offer": ("Youth worker to offer weekly one-to-one sessions",),
    "early_help": ("Family support worker to work with parents on safety planning",),
    "accommodation": (
        "LA|Placement provider to review curfew and night staffing",
        "H|Housing officer to review the family's temporary accommodation",
    ),
    "community_safety": ("Ask licensing to visit the takeaway where children gather",),
}
ACTION_AGENCY_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("police", 5),
    ("childrens_social_work", 5),
    ("education", 4),
    ("youth_justice", 2),
    ("health", 2),
    ("camhs", 2),
    ("third_sector", 3),
    ("youth_offer", 2),
    ("early_help", 2),
    ("accommodation", 1),
    ("community_safety", 1),
)
COMPLETION_NOTES: tuple[str, ...] = (
    "Outcome shared with the lead professional.",
    "Recorded on the case system.",
    "Visit made; no children present; occupants given advice.",
    "Appointment offered and attended.",
    "Notice served and recorded.",
)
