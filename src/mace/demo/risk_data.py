"""Text and weights for the demo city's risk records: plausible, short, and fictional.

Phrases are written as a practitioner would record them. Places are real towns and Leeds
districts (as the wards are); people, phones, vehicles and addresses are made up. Keys are
the bundled catalogue's indicator and domain codes; a partnership's own catalogue with other
codes still gets grades, with the generic evidence.

Phrases follow the child: {he}, {his}, {him} ({He}, {His}) become the child's pronouns,
{carers} ({Carers}) and {home} say who looks after them and where (parents and home, or
carers and the placement). A phrase starting "F|" is only used for girls, "LA|" only for
looked-after children, "H|" only for children living at home. ``render`` does this once
per kind of child.
"""

from __future__ import annotations

# Latest agreed level for a child with no known statutory status, and for the others. The
# mix gives roughly none 15%, low 35%, medium 25%, high 25% across the city.
LEVEL_WEIGHTS_BY_STATUS: dict[str, tuple[int, int, int, int]] = {
    "none": (17, 39, 23, 21),
    "cin": (10, 30, 30, 30),
    "cp": (5, 20, 30, 45),
    "la_s20": (5, 20, 30, 45),
    "la_s31": (5, 20, 30, 45),
    "la_s38": (5, 20, 30, 45),
    "care_leaver": (8, 27, 30, 35),
}
# Under 12: exploitation is identified less often, and rarely at high risk.
YOUNGER_LEVEL_WEIGHTS = (22, 45, 21, 12)
ASSESSED_SHARE = 0.92  # the rest have never been assessed
DRAFT_SHARE = 0.03
OVERRIDE_SHARE = 0.10
# Completed assessments per child (initial, then reviews), by latest level.
ASSESSMENT_COUNT_WEIGHTS: dict[int, tuple[tuple[int, int], ...]] = {
    0: ((1, 55), (2, 28), (3, 12), (4, 5)),
    1: ((1, 30), (2, 32), (3, 23), (4, 15)),
    2: ((1, 20), (2, 30), (3, 28), (4, 22)),
    3: ((1, 18), (2, 28), (3, 28), (4, 26)),
}
TRAJECTORY_WEIGHTS = (("steady", 40), ("rising", 35), ("falling", 25))

# Concern profiles: which indicators a child's assessments tend to grade.
PROFILE_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    "male": (("cce", 55), ("cse", 8), ("online", 15), ("general", 22)),
    "female": (("cce", 15), ("cse", 45), ("online", 20), ("general", 20)),
    "younger": (("cce", 15), ("cse", 10), ("online", 40), ("general", 35)),
}
PROFILE_INDICATOR_WEIGHTS: dict[str, dict[str, int]] = {
    "cce": {
        "substances.dealing": 6,
        "relationships.gang": 5,
        "money.unexplained": 6,
        "money.debt": 3,
        "offending.arrests": 5,
        "offending.weapons": 4,
        "missing.episodes": 5,
        "missing.found_elsewhere": 5,
        "education.exclusion": 4,
        "education.attendance": 4,
        "relationships.older_associates": 4,
        "physical.injuries": 2,
        "substances.use": 3,
        "engagement.disengaged": 3,
        "wellbeing.fear": 2,
        "accommodation.unknown_addresses": 2,
    },
    "cse": {
        "sexual_health.sti_pregnancy": 4,
        "sexual_health.older_partner": 6,
        "relationships.older_associates": 5,
        "online.grooming": 3,
        "missing.episodes": 5,
        "missing.found_elsewhere": 3,
        "accommodation.unknown_addresses": 4,
        "substances.use": 4,
        "wellbeing.self_harm": 4,
        "wellbeing.fear": 3,
        "money.unexplained": 3,
        "engagement.missed_health": 3,
        "physical.appearance": 3,
        "education.attendance": 3,
    },
    "online": {
        "online.grooming": 7,
        "online.secretive": 6,
        "wellbeing.self_harm": 3,
        "wellbeing.fear": 4,
        "sexual_health.older_partner": 2,
        "education.attendance": 2,
        "physical.appearance": 2,
        "money.unexplained": 2,
    },
    "general": {
        "missing.episodes": 5,
        "education.attendance": 4,
        "engagement.disengaged": 3,
        "engagement.missed_health": 2,
        "wellbeing.self_harm": 3,
        "wellbeing.fear": 2,
        "accommodation.unstable": 3,
        "substances.use": 3,
        "relationships.older_associates": 3,
    },
}

EVIDENCE: dict[str, tuple[str, ...]] = {
    "engagement.disengaged": (
        "Stopped going to Youth Service sessions after six good weeks",
        "Refused to see the social worker on the last three visits",
        "Walked out of the team around the family meeting",
        "Not attending Youth Justice appointments since the spring",
        "Declined the mentor after two sessions: 'nobody can help me'",
    ),
    "engagement.missed_health": (
        "Missed two CAMHS appointments in a row",
        "Did not attend the sexual health clinic follow-up",
        "Refused the looked-after health assessment",
        "Avoids the school nurse; not seen by the GP for over a year",
    ),
    "missing.episodes": (
        "Three missing episodes in the last month, all overnight",
        "LA|Missing overnight from placement twice this month",
        "Comes home after midnight most weekends; mother cannot stop it",
        "Missing for four days in the summer, never explained",
        "Absent from home every Friday night since half term",
    ),
    "missing.found_elsewhere": (
        "Found in Bradford at 2am by BTP",
        "Located in a flat in Doncaster with two adult males",
        "Found by police at a suspected trap house in Harehills",
        "Picked up at Wakefield Westgate station without a ticket",
        "Stopped on the M62 in a car with three older males",
        "Found in Scarborough, 70 miles from home, with no money",
    ),
    "education.attendance": (
        "Attendance 62% this term, down from 91%",
        "Leaves school at lunchtime and does not come back",
        "On roll but not attended since October half term",
        "Persistently late; dropped off by cars school does not know",
    ),
    "education.exclusion": (
        "Suspended for five days for bringing a knife into school",
        "Permanently excluded in May; now at the pupil referral unit",
        "On a reduced timetable of two hours a day",
        "Managed move to another secondary after fights",
    ),
    "sexual_health.sti_pregnancy": (
        "Chlamydia diagnosed at the sexual health clinic",
        "Repeat visits to the sexual health clinic with an older adult",
        "F|Asked for emergency contraception three times in two months",
        "F|Termination of pregnancy earlier this year",
        "F|Asked the school nurse for a pregnancy test",
    ),
    "sexual_health.older_partner": (
        "Says {his} boyfriend is 24 and has a car",
        "Collected from school by a man in his twenties",
        "Older 'boyfriend' buys {him} alcohol and phone credit",
        "Stays overnight with a 19-year-old male known to police",
    ),
    "wellbeing.self_harm": (
        "Cuts to forearms seen by school staff",
        "Paracetamol overdose in September; seen at A&E",
        "Told the school counsellor about suicidal thoughts",
        "Marked low mood; has stopped eating properly",
    ),
    "wellbeing.fear": (
        "Visibly frightened when asked who {he} spends time with",
        "Will not say where {he} goes; very withdrawn at {home}",
        "Jumps when {his} phone rings; says {he} 'can't talk'",
        "Checks the street before leaving the house",
    ),
    "substances.use": (
        "Smells of cannabis most days; admits daily use",
        "Found drunk in the city centre; older lads gave {him} vodka",
        "Told the youth worker about ketamine use",
        "Nitrous oxide canisters found in bedroom",
    ),
    "substances.dealing": (
        "Arrested with 14 wraps of crack cocaine in Scarborough",
        "Found with £600 cash and wraps in {his} socks",
        "Intelligence {he} holds drugs for a local group",
        "Seen handing packages to cars outside the takeaway",
    ),
    "relationships.older_associates": (
        "Seen with adult males known for drug supply",
        "Spends evenings with 18-20 year olds at the park in Chapeltown",
        "New older friends met online; will not give their names",
        "Picked up from {home} by adults in different cars",
    ),
    "relationships.gang": (
        "Drill videos online mention {his} street name",
        "Tags linked to a local group on {his} school books",
        "Named in intelligence as running a line to Hull",
        "Close friends with young people in a county lines network",
    ),
    "money.unexplained": (
        "New iPhone and designer trainers, no explanation",
        "Two phones, one a cheap 'burner'",
        "Has £200 in cash and says {he} 'won it'",
        "Buys food and vapes for friends every day",
        "New designer coat and bag; says a friend gave them to {him}",
    ),
    "money.debt": (
        "Says {he} owes '£800 to some lads' after being robbed",
        "Told by older males {he} owes them for the phone they gave {him}",
        "Police suspect a staged robbery to create a debt",
        "Threats made at the family home over a debt",
    ),
    "online.grooming": (
        "Shared images with an adult met on Snapchat",
        "Adult male messaging {him} on Instagram, offering money",
        "In contact with several unknown adults through a game chat",
        "Asked by an online contact to meet in Manchester",
    ),
    "online.secretive": (
        "Deletes messages and changes passwords every week",
        "Will not let {carers} see {his} phone; panics if it is taken",
        "Several social media accounts under different names",
        "On the phone late at night; will not say to whom",
    ),
    "accommodation.unstable": (
        "LA|Third placement move in six months",
        "LA|Placed out of area in Lancashire; travels back to Leeds",
        "LA|Placement notice given after incidents at the home",
        "H|Family in temporary accommodation after eviction",
        "H|Sofa-surfing with relatives after rows at home",
    ),
    "accommodation.unknown_addresses": (
        "Stays at an address in Beeston {carers} do not know",
        "Sleeps at 'a friend's' but will not give the address",
        "Found at an address in Hull linked to drug supply",
        "Stayed in a hotel paid for by an older male",
    ),
    "offending.arrests": (
        "Arrested in Scarborough for possession with intent to supply",
        "Two arrests for shoplifting in the city centre",
        "Charged with robbing another child of a phone",
        "Arrested in Lincoln with another Leeds child",
    ),
    "offending.weapons": (
        "Knife found in {his} bag at school",
        "Pictured online holding a machete",
        "Lock knife found in {his} waistband on a police search",
        "Says {he} carries a knife 'for protection'",
    ),
    "physical.injuries": (
        "Black eye {he} will not explain",
        "Stab wound to the leg treated at the LGI; says {he} fell",
        "Bruising to {his} arms seen by {carers}",
        "Burns on {his} hand, no explanation given",
    ),
    "physical.appearance": (
        "Always tired; falls asleep in lessons",
        "Has lost weight; clothes unwashed",
        "Sudden change in appearance: older clothes, new hair and make-up",
        "Looks exhausted after weekends away",
    ),
}
GENERIC_EVIDENCE: tuple[str, ...] = (
    "Reported by school, seen by the social worker",
    "Shared by police at the last multi-agency meeting",
    "Noticed by {carers} over the last month",
    "Disclosed by the child to the youth worker",
)

PROTECTIVE_FACTORS: dict[str, tuple[str, ...]] = {
    "engagement": (
        "Trusts the youth worker and keeps most appointments",
        "Mother works well with professionals and attends every meeting",
    ),
    "education": (
        "Enjoys the construction course at college",
        "Good relationship with {his} head of year",
        "Plays for the school football team",
    ),
    "relationships": (
        "Close to {his} grandmother, who {he} listens to",
        "Older sister is a positive influence",
        "Has kept one close friend from primary school",
    ),
    "accommodation": (
        "LA|Settled placement with experienced foster carers",
        "LA|Staff at the children's home know {him} well",
        "H|Settled at home; mother has stopped working nights",
    ),
    "wellbeing": (
        "Engaging with CAMHS and says it helps",
        "Boxing club three evenings a week",
    ),
    "online": ("Accepts parental controls on {his} phone",),
    "missing": ("{Carers} and police have a clear plan for missing episodes",),
}

OVERRIDE_UP: tuple[str, ...] = (
    "The grades under-weight one serious incident: found out of area with adults unknown to "
    "us. Agreed with the police lead to treat the risk as higher until the strategy "
    "discussion.",
    "Police intelligence shared at the meeting is not yet reflected in the grades; it "
    "raises our concern.",
    "Age and learning needs make this child more vulnerable than the grades show; agreed in "
    "supervision with the team manager.",
    "The pattern has escalated in the last fortnight; the grades describe the month as a whole.",
)
OVERRIDE_DOWN: tuple[str, ...] = (
    "The highest grade relates to one incident a year ago; no further concerns since and "
    "good engagement with the Youth Service.",
    "The missing episodes were to {his} grandmother's, a known and safe address; the grades "
    "overstate the risk.",
    "Agreed in supervision: strong protective factors (a settled home, a college place) "
    "that the tool does not weigh.",
    "Concerns are historic and already addressed by the current plan; reviewed with the "
    "team manager.",
)

ANALYSIS_BY_LEVEL: dict[str, tuple[str, ...]] = {
    "none": (
        "No indicators of exploitation seen. Universal services to continue; re-assess if "
        "anything changes.",
        "Professionals report no current concerns about exploitation.",
    ),
    "low": (
        "Emerging concerns. Early help and third-sector support offered; discuss at MACE for "
        "partnership intelligence.",
        "Some early signs; the family is engaging with early help.",
    ),
    "medium": (
        "Clear indicators of exploitation. A VRMP is needed, with actions for police, "
        "education and children's social work.",
        "Risk is significant and current; multi-agency plan in place.",
    ),
    "high": (
        "Serious and current risk of exploitation. Statutory processes apply; a strategy "
        "discussion is needed if not already held.",
        "High risk: several agencies see the same pattern of going missing, older associates "
        "and unexplained money.",
    ),
}
TREND_SENTENCES: dict[str, str] = {
    "rising": "Risk has increased since the last assessment.",
    "falling": "Risk has reduced since the last assessment.",
    "steady": "Risk is about the same as at the last assessment.",
}

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

# Missing episodes.
MISSING_SHARE_BY_LEVEL = (0.03, 0.15, 0.40, 0.65)  # none, low, medium, high
LOOKED_AFTER_MISSING_FACTOR = 1.4
EPISODE_COUNT_WEIGHTS: dict[int, tuple[tuple[int, int], ...]] = {
    0: ((1, 90), (2, 10)),
    1: ((1, 70), (2, 25), (3, 5)),
    2: ((1, 40), (2, 30), (3, 20), (4, 10)),
    3: ((1, 25), (2, 25), (3, 20), (4, 15), (5, 8), (6, 5), (8, 2)),
}
CURRENTLY_MISSING_SHARE = 0.06  # of children at medium or high risk with episodes
# Start hour of an episode: mostly afternoons and evenings.
START_HOURS: tuple[tuple[int, int], ...] = tuple(
    (hour, weight)
    for hour, weight in enumerate(
        (2, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 4, 4, 5, 7, 8, 8, 9, 9, 9, 8, 6, 4)
    )
)
REPORTED_BY_LOOKED_AFTER: tuple[str, ...] = (
    "Residential support worker",
    "Foster carer",
    "Out-of-hours manager at the home",
    "Supported lodgings provider",
)
REPORTED_BY_AT_HOME: tuple[str, ...] = (
    "Mother",
    "Father",
    "Grandmother",
    "Stepfather",
    "School (did not come back after lunch)",
    "Aunt",
)
# Where the child was found: the chronology reads "Found at ...".
WHERE_FOUND: tuple[str, ...] = (
    "Bradford Interchange at 2am, by BTP",
    "a friend's address in Seacroft",
    "Leeds railway station, by police",
    "a flat in Doncaster, with two adult males",
    "a police station in Sheffield (walked in)",
    "the park in Harehills, by the neighbourhood team",
    "a hotel in Manchester",
    "a car stopped on the A64 near York",
    "the bus station in Leeds city centre",
)
WHERE_FOUND_CAME_BACK = {
    True: "the placement (came back on their own)",
    False: "home (came back on their own)",
}
WHY_LEFT: tuple[str, ...] = (
    "Argument with {carers} about phone use.",
    "Wanted to see friends; says staff are too strict.",
    "Got a call telling {him} to 'come to work'.",
    "Said {he} was going to see {his} boyfriend.",
    "LA|Upset after contact with mother was cancelled.",
    "Upset after a row with {his} mother.",
    "Says {he} does not know; became tearful.",
)
WHERE_WENT: tuple[str, ...] = (
    "A flat in Bradford; would not give the address.",
    "A hotel in Manchester.",
    "A friend's house in Seacroft.",
    "Scarborough, 'to see a mate'.",
    "Around the city centre and the bus station all night.",
    "The park in Harehills, then an address nearby.",
)
WITH_WHOM: tuple[str, ...] = (
    "Older males {he} calls 'the lads'.",
    "Two friends from school, also reported missing.",
    "An adult called 'J' {he} met online.",
    "Nobody; says {he} was on {his} own.",
    "Friends from the estate and some older lads.",
)
HOW_TRAVELLED: tuple[str, ...] = (
    "Train from Leeds without a ticket; back by taxi someone else paid for.",
    "Picked up by car outside {home}; dropped back at 4am.",
    "Walked and took buses.",
    "Coach to London; police brought {him} back.",
)
HARM: tuple[str, ...] = (
    "None disclosed.",
    "Assaulted: bruising to the face.",
    "Given cannabis and alcohol.",
    "Disclosed a sexual assault; referred to the sexual assault referral centre.",
    "Threatened with a knife over a debt.",
    "Slept rough; cold and hungry.",
)
EPISODE_PUSH: tuple[str, ...] = (
    "Conflict at home.",
    "LA|Feels nobody at the placement cares.",
    "Bored since the exclusion.",
    "Rows with mother's partner.",
)
EPISODE_PULL: tuple[str, ...] = (
    "Money.",
    "{His} boyfriend.",
    "Belonging to the group.",
    "Cannabis.",
    "Excitement.",
)
INTERVIEW_REFUSED: tuple[str, ...] = (
    "Refused: said 'I'm not talking to you, I was fine'.",
    "Refused twice; {carers} will try again with the youth worker {he} knows.",
    "Refused: says {he} has 'told the police everything'.",
)
INTERVIEW_NOT_DONE: tuple[str, ...] = (
    "LA|Returned to an out-of-area placement; the host authority was asked to do it and did not.",
    "In hospital after the episode; not done within the period.",
    "Absent for under two hours with a known friend; manager agreed no interview.",
    "No worker available; escalated to the team manager.",
)

# Statutory processes.
PRACTITIONERS: tuple[str, ...] = (
    "Sarah Ellis",
    "Mohammed Rahman",
    "Joanne Kershaw",
    "Tom Bradley",
    "Amina Begum",
    "Katie Walsh",
    "Lee Fletcher",
    "Gemma Holroyd",
    "Daniel Okafor",
    "Rebecca Marsh",
    "Chloe Atkinson",
    "Bilal Hussain",
)
STATUTORY_NOTES: dict[str, tuple[str, ...]] = {
    "cin": (
        "Child in need plan after an assessment of family stress and school exclusion.",
        "Child in need plan: support for mother and help back into education.",
    ),
    "cp": (
        "Initial child protection conference: plan under the category of neglect.",
        "Child protection plan under the category of physical abuse.",
        "Child protection plan: risk outside the home considered at conference.",
    ),
    "la_s20": ("Accommodated with the parents' agreement.",),
    "la_s31": ("Care order made; the local authority shares parental responsibility.",),
    "la_s38": ("Interim care order; final hearing listed.",),
    "care_leaver": ("Personal adviser allocated; pathway plan in place.",),
    "strategy": (
        "Strategy discussion after being found out of area with adults: section 47 "
        "enquiries agreed.",
        "Strategy discussion with police and health: section 47 enquiries under way.",
        "Strategy discussion: threshold for section 47 not met; continue under the VRMP.",
    ),
    "nrm": (
        "Referred by children's social work as first responder: criminal exploitation "
        "(county lines).",
        "Referred by children's social work as first responder: sexual exploitation.",
    ),
}


_PRONOUNS = {
    True: {"he": "she", "his": "her", "him": "her", "He": "She", "His": "Her"},
    False: {"he": "he", "his": "his", "him": "him", "He": "He", "His": "His"},
}


def render(bank, *, female: bool, looked_after: bool):
    """A phrase, tuple or dict of phrases as they read for one kind of child (phrases that
    do not apply to the child are left out of a tuple; a single phrase becomes None)."""
    if isinstance(bank, dict):
        return {key: render(value, female=female, looked_after=looked_after)
                for key, value in bank.items()}  # fmt: skip
    if isinstance(bank, tuple):
        rendered = (render(text, female=female, looked_after=looked_after) for text in bank)
        return tuple(text for text in rendered if text is not None)
    text = bank
    if text.startswith("F|"):
        if not female:
            return None
        text = text[2:]
    if text.startswith("LA|"):
        if not looked_after:
            return None
        text = text[3:]
    if text.startswith("H|"):
        if looked_after:
            return None
        text = text[2:]
    words = {
        **_PRONOUNS[female],
        "carers": "carers" if looked_after else "parents",
        "Carers": "Carers" if looked_after else "Parents",
        "home": "the placement" if looked_after else "home",
    }
    return text.format(**words)


# The banks that ``render`` prepares, by the name RiskMaker reads them under.
TEXT_BANKS = {
    "evidence": EVIDENCE, "generic_evidence": GENERIC_EVIDENCE,
    "protective_factors": PROTECTIVE_FACTORS, "override_up": OVERRIDE_UP,
    "override_down": OVERRIDE_DOWN, "analysis": ANALYSIS_BY_LEVEL,
    "vulnerabilities": VULNERABILITIES, "protective_text": PROTECTIVE_TEXT,
    "push": PUSH_FACTORS, "pull": PULL_FACTORS, "la_enquiries": LA_ENQUIRIES,
    "police_enquiries": POLICE_ENQUIRIES, "return_strategy": RETURN_STRATEGY,
    "intervention": INTERVENTION, "contingency": CONTINGENCY, "review_notes": REVIEW_NOTES,
    "actions": ACTIONS, "completion_notes": COMPLETION_NOTES, "where_found": WHERE_FOUND,
    "why_left": WHY_LEFT, "where_went": WHERE_WENT, "with_whom": WITH_WHOM,
    "how_travelled": HOW_TRAVELLED, "harm": HARM, "episode_push": EPISODE_PUSH,
    "episode_pull": EPISODE_PULL, "interview_refused": INTERVIEW_REFUSED,
    "interview_not_done": INTERVIEW_NOT_DONE,
}  # fmt: skip
