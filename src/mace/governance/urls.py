from django.urls import path

from mace.governance.views import dashboards, escalations, inspection, plan, reports

app_name = "governance"

urlpatterns = [
    path("escalations/", escalations.escalation_list, name="escalations"),
    path("escalations/new/", escalations.escalation_raise, name="escalation_raise"),
    path(
        "escalations/<uuid:escalation_id>/",
        escalations.escalation_detail,
        name="escalation_detail",
    ),
    path(
        "escalations/<uuid:escalation_id>/respond/",
        escalations.escalation_respond,
        name="escalation_respond",
    ),
    path(
        "escalations/<uuid:escalation_id>/close/",
        escalations.escalation_close,
        name="escalation_close",
    ),
    path(
        "escalations/<uuid:escalation_id>/to-gold/",
        escalations.escalation_to_gold,
        name="escalation_to_gold",
    ),
    path("plan/", plan.action_plan, name="plan"),
    path("plan/new/", plan.plan_item_add, name="plan_item_add"),
    path("plan/<uuid:item_id>/progress/", plan.plan_item_progress, name="plan_item_progress"),
    path("assurance/", plan.assurance, name="assurance"),
    path("assurance/new/", plan.assurance_record, name="assurance_record"),
    path("recommendations/", plan.recommendations, name="recommendations"),
    path("recommendations/new/", plan.recommendation_raise, name="recommendation_raise"),
    path(
        "recommendations/<uuid:recommendation_id>/decide/",
        plan.recommendation_decide,
        name="recommendation_decide",
    ),
    path("challenges/", plan.challenges, name="challenges"),
    path("challenges/new/", plan.challenge_raise, name="challenge_raise"),
    path("challenges/<uuid:challenge_id>/answer/", plan.challenge_answer, name="challenge_answer"),
    path("reports/", reports.report_new, name="report_new"),
    # Dashboards (issue 13 item 4): /governance/dashboards/mace/, /silver/, /gold/.
    path("dashboards/<slug:audience>/", dashboards.dashboard, name="dashboard"),
    path(
        "dashboards/<slug:audience>/<slug:key>.csv",
        dashboards.dashboard_csv,
        name="dashboard_csv",
    ),
    path(
        "dashboards/<slug:audience>/<slug:key>/children/",
        dashboards.dashboard_children,
        name="dashboard_children",
    ),
    # The inspection data pack (the coordinator and the data protection officer).
    path("inspection/", inspection.inspection_pack, name="inspection"),
]
