"""Statutory processes: the practitioners named and the notes by kind."""

from __future__ import annotations

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
