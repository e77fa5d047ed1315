"""Candidate children for a referral, from the identity-resolution engine."""

from __future__ import annotations

from dataclasses import dataclass

from mace.linkage.records import PersonRecord
from mace.people.identity import candidates_for
from mace.people.models import Child
from mace.people.selectors import rows_shown
from mace.referrals.models import Referral


@dataclass
class ChildCandidate:
    child: Child
    score: float
    reasons: list[str]  # e.g. "Date of birth: day and month transposed (+6.1)"
    locked: bool = False  # set by rows_shown: a restricted record the user has not opened


def referral_record(referral: Referral) -> PersonRecord:
    """The referral's child as the engine compares people."""
    aliases = tuple(a.strip() for a in referral.child_aliases.split(",") if a.strip())
    return PersonRecord(
        id=str(referral.pk),
        given_name=referral.child_given_name,
        family_name=referral.child_family_name,
        date_of_birth=referral.child_date_of_birth,
        sex=referral.child_gender,
        postcode=referral.child_postcode,
        address=referral.child_address,
        aliases=aliases,
        school=referral.child_school,
    )


def candidates_for_referral(*, referral: Referral, limit: int = 5) -> list[ChildCandidate]:
    """Known children who may be the referral's child, best first, with the reasons.

    Triage sees the whole cohort (the coordinator's role), so candidates come from every
    recorded child; callers log each child shown.
    """
    if referral.subject != Referral.Subject.CHILD:
        return []
    found = candidates_for(referral_record(referral), children_qs=Child.objects.all(), limit=limit)
    children = Child.objects.in_bulk([c.child_id for c in found])
    return [
        ChildCandidate(
            child=children[c.child_id], score=c.score, reasons=[str(r) for r in c.reasons]
        )
        for c in found
        if c.child_id in children
    ]


def candidates_shown(*, user, referral: Referral) -> list[ChildCandidate]:
    """The candidates the triage page shows, each child written to the access log."""
    return rows_shown(
        user=user,
        rows=candidates_for_referral(referral=referral),
        child_of=lambda candidate: candidate.child,
        payload={"list": "match candidates"},
    )
