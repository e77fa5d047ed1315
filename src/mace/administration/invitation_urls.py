"""The invitee's public page (outside /administration/, which only the administrator reaches)."""

from django.urls import path

from mace.administration.views import invitation

app_name = "invitation"

urlpatterns = [
    path("", invitation.start, name="start"),
    path("<str:token>/", invitation.accept, name="accept"),
]
