from django.urls import path

from mace.people import views

app_name = "people"

urlpatterns = [
    path("", views.child_list, name="child_list"),
    path("<uuid:child_id>/", views.child_detail, name="child_detail"),
    path("<uuid:child_id>/break-glass/", views.break_glass, name="break_glass"),
]
