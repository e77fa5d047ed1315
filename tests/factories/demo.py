"""Helpers for the demo city tests: wiping a seeded city, and a snapshot of its records."""

from __future__ import annotations

from mace.people.models import Child
from mace.risk.models import (
    Assessment,
    MissingEpisode,
    StatutoryProcess,
    Vrmp,
    VrmpAction,
    VrmpReview,
    VrmpVersion,
)

# Records first: they protect the children they belong to.
RECORD_MODELS = (
    VrmpAction,
    VrmpReview,
    VrmpVersion,
    Vrmp,
    Assessment,
    MissingEpisode,
    StatutoryProcess,
)


def city_wipe() -> None:
    """Delete the seeded children and their records (reference data and users stay)."""
    for model in RECORD_MODELS:
        model.objects.all().delete()
    Child.objects.all().delete()


def records_snapshot() -> dict[str, list[tuple]]:
    """Every field that says what a seeded record is, by table, in id order."""
    return {
        "assessments": list(
            Assessment.objects.order_by("id").values_list(
                "id",
                "child_id",
                "kind",
                "status",
                "assessed_on",
                "assessor_id",
                "grades",
                "evidence",
                "protective_factors",
                "analysis",
                "proposed_level",
                "final_level",
                "override_rationale",
                "prompts",
                "completed_at",
                "created_at",
                "created_by_id",
            )
        ),
        "vrmps": list(
            Vrmp.objects.order_by("id").values_list(
                "id", "child_id", "status", "lead_professional_id", "created_at", "modified_at"
            )
        ),
        "vrmp_versions": list(
            VrmpVersion.objects.order_by("id").values_list(
                "id",
                "vrmp_id",
                "number",
                "assessment_id",
                "vulnerabilities",
                "push_factors",
                "pull_factors",
                "reporting_strategy",
                "contingency_plan",
                "next_review_date",
                "created_at",
            )
        ),
        "vrmp_reviews": list(
            VrmpReview.objects.order_by("id").values_list(
                "id",
                "vrmp_id",
                "version_id",
                "reviewed_on",
                "effect",
                "notes",
                "next_review_date",
            )
        ),
        "vrmp_actions": list(
            VrmpAction.objects.order_by("id").values_list(
                "id",
                "vrmp_id",
                "description",
                "owner_agency_id",
                "owner_id",
                "due_date",
                "status",
                "completed_at",
                "completion_note",
                "created_at",
                "modified_at",
            )
        ),
        "missing_episodes": list(
            MissingEpisode.objects.order_by("id").values_list(
                "id",
                "child_id",
                "kind",
                "started_at",
                "ended_at",
                "police_risk",
                "police_reference",
                "where_found",
                "interview_status",
                "interview_offered_at",
                "interview_completed_at",
                "interview_not_done_reason",
                "why_left",
                "harm",
                "created_at",
                "modified_at",
                "created_by_id",
                "modified_by_id",
            )
        ),
        "statutory_processes": list(
            StatutoryProcess.objects.order_by("id").values_list(
                "id",
                "child_id",
                "kind",
                "started_on",
                "ended_on",
                "lead_professional",
                "lead_agency_id",
                "reference",
                "notes",
                "reasonable_grounds",
                "reasonable_grounds_on",
                "conclusive_grounds",
                "conclusive_grounds_on",
            )
        ),
    }


# The password `mace seed` gives the demo users in the demo tests.
DEMO_SEED_PASSWORD = "demo-password-for-tests"
