"""Downloading the Word referral form (mace.referrals.views.wordform)."""

from __future__ import annotations

from django.test import RequestFactory

from mace.accounts.models import Role
from mace.referrals.views.wordform import word_form_download
from mace.referrals.wordform import DOCX_CONTENT_TYPE, read_form


def test_a_signed_in_referrer_downloads_the_form(make_user):
    request = RequestFactory().get("/referrals/form.docx")
    request.user = make_user(Role.REFERRER)
    response = word_form_download(request)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="mace-referral-form.docx"'
    assert read_form(data=response.content).recognised
