"""The referral form's sections: one definition for the web form, the Word form and intake.

Each section is a step of the web form and a table of the Word form; each field names a
Referral model field. The Word form is read back field by field through these labels.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    fields: tuple[str, ...]
    intro: str = ""
    for_child: bool = True  # shown for a referral about a named child
    for_context: bool = True  # shown for a referral about a place or group


SECTIONS: tuple[Section, ...] = (
    Section(
        "referrer",
        "About you",
        ("referrer_name", "referrer_agency", "referrer_role", "referrer_email", "referrer_phone"),
        "We will tell you what happens to your referral at this email address.",
    ),
    Section(
        "subject",
        "Who or what the referral is about",
        ("subject",),
        "You can refer a child, or a place, space or group where children are at risk.",
    ),
    Section(
        "child",
        "The child",
        (
            "child_given_name",
            "child_family_name",
            "child_aliases",
            "child_date_of_birth",
            "child_age_estimate",
            "child_gender",
            "child_first_language",
            "child_ethnicity",
            "child_nationality",
            "child_send",
            "child_address",
            "child_postcode",
            "child_placement_address",
            "child_school",
            "child_year_group",
            "child_gp",
            "child_household",
        ),
        "Tell us what you know. The child does not need to be known to children's social work.",
        for_context=False,
    ),
    Section(
        "status",
        "Legal and service status",
        (
            "child_in_need",
            "child_protection",
            "looked_after",
            "care_leaver",
            "open_to_social_work",
            "allocated_social_worker",
            "case_system_id",
            "known_to_police",
            "known_to_youth_justice",
            "known_to_camhs",
        ),
        for_context=False,
    ),
    Section(
        "concerns",
        "Concerns and risk",
        (
            "concerns",
            "exploitation_identified_before",
            "risk_level",
            "risk_analysis",
            "push_factors",
            "pull_factors",
            "missing_episodes",
        ),
        "Several concerns may apply. Give the risk identification tool's result if you used it.",
    ),
    Section(
        "context",
        "Places, peer groups and online spaces",
        ("context_description", "places_of_concern", "peer_groups", "online_spaces"),
        "Nicknames of dealers, areas where children gather, names of buildings or businesses.",
    ),
    Section(
        "perpetrators",
        "Suspected perpetrators",
        (),
        "Add each person you suspect. Leave this empty if you know of nobody.",
    ),
    Section(
        "consent",
        "Parents, consent and sharing",
        (
            "parents_aware",
            "parents_consent",
            "parents_protective",
            "lawful_basis",
            "sharing_reason",
        ),
        for_context=False,
    ),
    Section(
        "why",
        "Why MACE",
        ("what_tried", "why_mace", "cross_border"),
        "MACE discusses children at low or emerging risk, and children at high risk whose "
        "Vulnerability and Risk Management Plan is not having the desired effect.",
    ),
)

PERPETRATOR_FIELDS = (
    "name",
    "aliases",
    "date_of_birth",
    "address",
    "phone",
    "vehicle",
    "ethnicity",
    "relationship",
)
MAX_PERPETRATORS = 6


def sections_for(subject: str) -> tuple[Section, ...]:
    """The sections a referral about a child (or about a context) goes through."""
    if subject == "context":
        return tuple(s for s in SECTIONS if s.for_context)
    return tuple(s for s in SECTIONS if s.for_child)


def section(slug: str) -> Section:
    for s in SECTIONS:
        if s.slug == slug:
            return s
    raise KeyError(slug)
