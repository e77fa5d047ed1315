from django.urls import path

from mace.audit import views

app_name = "audit"

urlpatterns = [
    path("access-log/", views.access_log, name="log"),
    path("access-log/export.csv", views.access_log_export, name="log_export"),
    path("break-glass/", views.break_glass_list, name="break_glass_list"),
    path("break-glass/<uuid:grant_id>/", views.break_glass_review, name="break_glass_review"),
    path("children/<uuid:child_id>/history/", views.child_history, name="child_history"),
]
