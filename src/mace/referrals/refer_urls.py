"""Public pages for referrers without an account."""

from django.urls import path

from mace.referrals.views import referrer

app_name = "refer"

urlpatterns = [
    path("", referrer.start, name="start"),
    path("sign-in/", referrer.sign_in_request, name="sign_in"),
    path("sign-in/sent/", referrer.sign_in_sent, name="sign_in_sent"),
    path("sign-in/<str:token>/", referrer.sign_in_link, name="sign_in_link"),
]
