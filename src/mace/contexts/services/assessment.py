"""Contextual assessments: each factor graded with its evidence, the level agreed, and the
context weighting (which context must change first, and why)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.contexts.catalogue import GRADES, factors_for, parse, proposed_level, sha256
from mace.contexts.models import Context, ContextAssessment, ContextCatalogue
from mace.contexts.services.common import require_recorder, stamp
from mace.core import clock
from mace.core.levels import Level


def catalogue_load(*, text: str, actor=None, activate_if_none: bool = False) -> ContextCatalogue:
    """Store a catalogue version (a version already stored is returned as it is)."""
    content = parse(text)
    existing = ContextCatalogue.objects.filter(version=content["version"]).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        activate = activate_if_none and not ContextCatalogue.objects.filter(is_active=True).exists()
        catalogue = ContextCatalogue.objects.create(
            version=content["version"],
            title=content["title"],
            content=content,
            source=text,
            sha256=sha256(text),
            is_active=activate,
        )
        event_record(
            actor=actor,
            verb=Event.Verb.CONTEXT_CATALOGUE_LOADED,
            obj=catalogue,
            payload={"version": catalogue.version},
        )
    return catalogue


def catalogue_active() -> ContextCatalogue:
    catalogue = ContextCatalogue.objects.filter(is_active=True).first()
    if catalogue is None:
        from mace.contexts.catalogue import BUNDLED

        catalogue = catalogue_load(text=BUNDLED.read_text(), activate_if_none=True)
    return catalogue


def _clean(catalogue, kind, answers) -> tuple[dict, dict]:
    known = {f["code"] for f in factors_for(catalogue.content, kind)}
    cleaned, errors = {}, {}
    for code, value in (answers or {}).items():
        if code not in known:
            raise ValueError(f"Not a factor of this catalogue: {code}")
        grade, evidence = value.get("grade", ""), (value.get("evidence") or "").strip()
        if not grade and not evidence:
            continue
        if grade not in GRADES:
            errors[f"grade_{code}"] = "Choose a grade"
        elif grade != "not_present" and not evidence:
            errors[f"evidence_{code}"] = "Say what was seen (the evidence) for this grade"
        cleaned[code] = {"grade": grade, "evidence": evidence}
    return cleaned, errors


def assessment_save(
    *,
    actor,
    context: Context,
    answers: dict,
    level: str = "",
    weighting: int | None = None,
    weighting_reason: str = "",
    complete: bool = False,
    assessment: ContextAssessment | None = None,
) -> ContextAssessment:
    """Save a draft (or complete it). Completing needs every factor graded, the level
    agreed and the weighting with its reason."""
    require_recorder(actor)
    if assessment is not None and assessment.status == ContextAssessment.Status.COMPLETED:
        raise ValidationError(
            {"level": "A completed assessment cannot be changed: start a new one"}
        )
    catalogue = assessment.catalogue if assessment else catalogue_active()
    cleaned, errors = _clean(catalogue, context.kind, answers)
    weighting_reason = (weighting_reason or "").strip()
    if level and level not in Level.values:
        errors["level"] = "Choose the level agreed"
    if weighting is not None and weighting not in ContextAssessment.Weighting.values:
        errors["weighting"] = "Choose how soon this context must change"
    if complete:
        missing = [
            f for f in factors_for(catalogue.content, context.kind) if f["code"] not in cleaned
        ]
        for factor in missing:
            errors[f"grade_{factor['code']}"] = "Grade this factor (not present, if it is not)"
        if not level:
            errors["level"] = "Agree the level of risk this context poses"
        if weighting is None:
            errors["weighting"] = "Say how soon this context must change, against the others"
        if not weighting_reason:
            errors["weighting_reason"] = (
                "Say why this context must change first, soon, or be watched"
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        new = assessment is None
        if new:
            assessment = ContextAssessment(context=context, catalogue=catalogue)
        else:
            assessment = ContextAssessment.objects.select_for_update().get(pk=assessment.pk)
        assessment.answers = cleaned
        assessment.level = level
        assessment.weighting = weighting
        assessment.weighting_reason = weighting_reason
        if complete:
            assessment.status = ContextAssessment.Status.COMPLETED
            assessment.completed_at = clock.now()
        stamp(
            assessment,
            actor,
            verb=Event.Verb.CONTEXT_ASSESSED,
            new=new,
            payload={"completed": complete, "level": level},
        )
        assessment.save()
    return assessment


def assessment_proposed_level(assessment_or_answers) -> str:
    answers = getattr(assessment_or_answers, "answers", assessment_or_answers) or {}
    return proposed_level(v.get("grade") for v in answers.values())
