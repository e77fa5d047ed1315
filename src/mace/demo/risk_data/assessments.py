"""What assessments say: evidence by indicator, protective factors, override
rationales, analysis and trends."""

from __future__ import annotations

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
