"""What contextual MACE, Silver and Gold discuss: places, peer groups, themes, and the
partnership's actions."""

from __future__ import annotations

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
