from django.urls import path

from mace.audit import views

app_name = "audit"

urlpatterns = [
    path("access-log/", views.access_log, name="log"),
    path("access-log/export.csv", views.access_log_export, name="log_export"),
]
