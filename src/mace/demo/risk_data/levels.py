"""How the city's records are spread: levels, counts of assessments, trajectories,
and the concern profiles that say which indicators a child's assessments grade."""

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
