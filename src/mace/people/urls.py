from django.urls import path

from mace.people import views

# The namespace "people" also holds mace.casefile's child_detail (see mace.urls).
app_name = "people"

urlpatterns = [
    path("", views.child_list, name="child_list"),
    path("<uuid:child_id>/break-glass/", views.break_glass, name="break_glass"),
]
