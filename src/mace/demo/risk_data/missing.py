"""Missing episodes: how often, when, who reported, where found, and return
interviews."""

from __future__ import annotations

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
