from django.urls import path

from mace.referrals.views import referrer, wordform

app_name = "referrals"

urlpatterns = [
    path("", referrer.referral_list, name="list"),
    path("new/", referrer.referral_new, name="new"),
    path("word-form.docx", wordform.word_form_download, name="word_form"),
    path("<uuid:referral_id>/", referrer.referral_detail, name="detail"),
    path("<uuid:referral_id>/autosave/<slug:step>/", referrer.autosave, name="autosave"),
    path("<uuid:referral_id>/<slug:step>/", referrer.referral_step, name="step"),
]
