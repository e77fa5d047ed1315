"""Pages of a child's record beyond identity, under /children/<child_id>/ (the namespace
"risk" also holds mace.casefile's chronology; see mace.urls)."""

from django.urls import path

from mace.risk.views import assessments, missing, statutory, vrmp

app_name = "risk"

urlpatterns = [
    # Risk identification tool.
    path("assessments/", assessments.assessment_list, name="assessment_list"),
    path("assessments/new/", assessments.assessment_edit, name="assessment_new"),
    path(
        "assessments/<uuid:assessment_id>/", assessments.assessment_detail, name="assessment_detail"
    ),
    path(
        "assessments/<uuid:assessment_id>/edit/",
        assessments.assessment_edit,
        name="assessment_edit",
    ),
    path(
        "assessments/<uuid:assessment_id>/level/",
        assessments.assessment_level,
        name="assessment_level",
    ),
    # VRMP.
    path("vrmp/", vrmp.vrmp_detail, name="vrmp"),
    path("vrmp/new/", vrmp.vrmp_edit, name="vrmp_new"),
    path("vrmp/revise/", vrmp.vrmp_edit, {"revise": True}, name="vrmp_revise"),
    path("vrmp/versions/<int:number>/", vrmp.vrmp_version, name="vrmp_version"),
    path("vrmp/review/", vrmp.vrmp_review, name="vrmp_review"),
    path("vrmp/actions/new/", vrmp.vrmp_action_new, name="vrmp_action_new"),
    # Missing episodes and return interviews.
    path("missing/", missing.missing_list, name="missing_list"),
    path("missing/new/", missing.missing_edit, name="missing_new"),
    path("missing/<uuid:episode_id>/", missing.missing_edit, name="missing_edit"),
    # Statutory processes.
    path("statutory/", statutory.statutory_list, name="statutory_list"),
    path("statutory/new/", statutory.statutory_edit, name="statutory_new"),
    path("statutory/<uuid:process_id>/", statutory.statutory_edit, name="statutory_edit"),
]
