"""Meeting papers (the agenda pack) as a page and a PDF, and the minutes as a PDF.

Each reader gets only what they may see (mace.meetings.selectors.papers), and the selector
writes every view or download to the access log: one event per child in the document, or
one event for the meeting when no child is in it.
"""

from __future__ import annotations

import uuid

from django.shortcuts import render

from mace.meetings.pdf import pdf_response, render_pdf
from mace.meetings.selectors.agenda import meeting_get_for_user
from mace.meetings.selectors.papers import (
    MINUTES_MARKING,
    PAPERS_MARKING,
    minutes_for_user,
    papers_for_user,
)


def _papers_context(request, meeting_id: uuid.UUID, fmt: str) -> dict:
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    return {
        "meeting": meeting,
        "pack": papers_for_user(user=request.user, meeting=meeting, fmt=fmt),
        "marking": PAPERS_MARKING,
    }


def papers(request, meeting_id: uuid.UUID):
    context = _papers_context(request, meeting_id, "html")
    response = render(request, "meetings/papers.html", context)
    response["Cache-Control"] = "no-store"
    return response


def papers_pdf(request, meeting_id: uuid.UUID):
    context = _papers_context(request, meeting_id, "pdf")
    pdf = render_pdf("meetings/papers_print.html", {**context, "printing": True}, request)
    meeting = context["meeting"]
    return pdf_response(pdf, f"mace-papers-{meeting.date:%Y-%m-%d}.pdf")


def minutes_pdf(request, meeting_id: uuid.UUID):
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    pack = minutes_for_user(user=request.user, meeting=meeting, fmt="pdf")
    context = {"meeting": meeting, "pack": pack, "marking": MINUTES_MARKING, "printing": True}
    pdf = render_pdf("meetings/minutes_print.html", context, request)
    return pdf_response(pdf, f"mace-minutes-{meeting.date:%Y-%m-%d}.pdf")
