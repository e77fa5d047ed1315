"""The casefile's pages. They keep the URLs and names they had when the domain apps served
them, so each list here joins another app's patterns under that app's namespace (mace.urls):
``home_urlpatterns`` under "web" (/), ``child_urlpatterns`` under "people" (/children/),
``record_urlpatterns`` under "risk" (/children/<child_id>/...) and ``task_urlpatterns``
under "tasks" (/tasks/)."""

from django.urls import path

from mace.casefile import views

home_urlpatterns = [
    path("", views.home, name="home"),
]

child_urlpatterns = [
    path("<uuid:child_id>/", views.child_detail, name="child_detail"),
]

record_urlpatterns = [
    path("chronology/", views.chronology, name="chronology"),
]

task_urlpatterns = [
    path("", views.task_list, name="list"),
]

# Under "audit" (/audit/): the auditor's view of a child.
audit_urlpatterns = [
    path("break-glass/", views.break_glass_list, name="break_glass_list"),
    path("break-glass/<uuid:grant_id>/", views.break_glass_review, name="break_glass_review"),
    path("children/<uuid:child_id>/history/", views.child_history, name="child_history"),
]
