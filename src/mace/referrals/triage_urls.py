from django.urls import path

from mace.referrals.views import triage

app_name = "triage"

urlpatterns = [
    path("", triage.queue, name="queue"),
    path("<uuid:referral_id>/", triage.triage_detail, name="detail"),
    path("<uuid:referral_id>/link/", triage.triage_link, name="link"),
    path("<uuid:referral_id>/unlink/", triage.triage_unlink, name="unlink"),
    path("<uuid:referral_id>/decide/", triage.triage_decide, name="decide"),
]
