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
