"""Risk identification tool assessments: drafts, proposed level, agreed level."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.core import clock
from mace.people.models import Child
from mace.risk import engine
from mace.risk.models import Assessment, Catalogue, Grade, Level
from mace.risk.services.catalogue import catalogue_active
from mace.risk.services.common import require_recorder as _require_recorder
from mace.risk.services.common import stamp as _stamp

OVERRIDE_RATIONALE_MIN = 20
# What saving a draft sets (an update saves only these, and who changed it).
DRAFT_FIELDS = (
    "kind",
    "assessed_on",
    "grades",
    "evidence",
    "protective_factors",
    "analysis",
    "proposed_level",
    "prompts",
)


def _clean_grades(catalogue: Catalogue, grades: dict) -> dict[str, str]:
    codes = engine.indicator_codes(catalogue.content)
    unknown = set(grades) - set(codes)
    if unknown:
        raise ValidationError(f"Unknown indicators: {', '.join(sorted(unknown))}")
    cleaned = {}
    for code in codes:
        grade = grades.get(code) or Grade.NOT_PRESENT
        if grade not in Grade.values:
            raise ValidationError({code: f"'{grade}' is not a grade"})
        cleaned[code] = grade
    return cleaned


def assessment_save_draft(
    *,
    actor,
    child: Child,
    kind: str,
    assessed_on: dt.date,
    grades: dict[str, str],
    evidence: dict[str, str],
    protective_factors: dict[str, str],
    analysis: str = "",
    assessment: Assessment | None = None,
) -> Assessment:
    """Create or update a draft assessment and its proposed level."""
    _require_recorder(actor, child)
    if assessed_on > clock.today():
        raise ValidationError({"assessed_on": "The assessment date cannot be in the future"})
    with transaction.atomic():
        new = assessment is None
        if new:
            assessment = Assessment(
                child=child,
                catalogue=catalogue_active(),
                assessor=actor,
                assessor_agency=actor.agency,
            )
        else:
            # Locked, and read again: it may have been completed since the page was loaded.
            assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
            if assessment.status != Assessment.Status.DRAFT or assessment.child_id != child.pk:
                raise ValidationError("A completed assessment cannot be changed; start a review.")
        catalogue = assessment.catalogue
        assessment.kind = kind
        assessment.assessed_on = assessed_on
        assessment.grades = _clean_grades(catalogue, grades)
        assessment.evidence = {k: v.strip() for k, v in evidence.items() if v and v.strip()}
        assessment.protective_factors = {
            k: v.strip() for k, v in protective_factors.items() if v and v.strip()
        }
        assessment.analysis = analysis.strip()
        level, _ = engine.propose_level(catalogue.content, assessment.grades)
        assessment.proposed_level = level
        age = child.age_on(assessed_on)
        assessment.prompts = engine.fired_prompts(
            catalogue.content,
            age=age,
            learning_disability=child.learning_disability,
            grades=assessment.grades,
        )
        verb = Event.Verb.ASSESSMENT_STARTED if new else Event.Verb.ASSESSMENT_CHANGED
        _stamp(assessment, actor, verb=verb, new=new)
        assessment.full_clean()
        if new:
            assessment.save()
        else:
            assessment.save(update_fields=[*DRAFT_FIELDS, "modified_by", "modified_at"])
    return assessment


def assessment_complete(
    *, actor, assessment: Assessment, final_level: str, override_rationale: str = ""
) -> Assessment:
    """Agree the overall level. Departing from the proposed level needs a written rationale."""
    _require_recorder(actor, assessment.child)
    rationale = (override_rationale or "").strip()
    if final_level not in Level.values:
        raise ValidationError({"final_level": "Choose the overall level of risk"})
    if final_level != assessment.proposed_level and len(rationale) < OVERRIDE_RATIONALE_MIN:
        raise ValidationError(
            {
                "override_rationale": (
                    "Explain why your judgement differs from the proposed level, in at least "
                    f"{OVERRIDE_RATIONALE_MIN} characters"
                )
            }
        )
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status != Assessment.Status.DRAFT:
            raise ValidationError("This assessment is already completed")
        locked.final_level = final_level
        locked.override_rationale = rationale if final_level != locked.proposed_level else ""
        locked.status = Assessment.Status.COMPLETED
        locked.completed_at = clock.now()
        _stamp(locked, actor, verb=Event.Verb.ASSESSMENT_COMPLETED, new=False)
        locked.full_clean()
        locked.save(
            update_fields=[
                "final_level",
                "override_rationale",
                "status",
                "completed_at",
                "modified_by",
                "modified_at",
            ]
        )
    return locked
