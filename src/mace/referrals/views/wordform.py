"""The blank Word referral form, for any signed-in user (referrers included) to download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from mace.referrals.wordform import DOCX_CONTENT_TYPE, build_form


@require_GET
def word_form_download(request: HttpRequest) -> HttpResponse:
    """The Word referral form as a .docx download (login required by the middleware)."""
    response = HttpResponse(build_form(), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mace-referral-form.docx"'
    response["Cache-Control"] = "private, no-store"
    return response
