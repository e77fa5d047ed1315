"""Meeting papers (the agenda pack) as a page and a PDF, and the minutes as a PDF.

Each reader gets only what they may see (mace.meetings.selectors.papers), and every view or
download is written to the access log: one event per child in the document, or one event
for the meeting when no child is in it.
"""

from __future__ import annotations

import uuid

from django.shortcuts import render

from mace.audit.models import Event
from mace.audit.services import access_record_many, event_record
from mace.meetings.pdf import pdf_response, render_pdf
from mace.meetings.selectors.agenda import meeting_get_for_user
from mace.meetings.selectors.papers import (
    MINUTES_MARKING,
    PAPERS_MARKING,
    minutes_for_user,
    papers_for_user,
)


def _log(request, meeting, children, *, document: str, fmt: str) -> None:
    payload = {"meeting": str(meeting.pk), "format": fmt, "document": document}
    if children:
        access_record_many(
            actor=request.user,
            children=children,
            verb=Event.Verb.PAPERS_DOWNLOADED,
            payload=payload,
        )
    else:
        event_record(
            actor=request.user, verb=Event.Verb.PAPERS_DOWNLOADED, obj=meeting, payload=payload
        )


def _papers_context(request, meeting_id: uuid.UUID) -> dict:
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    return {
        "meeting": meeting,
        "pack": papers_for_user(user=request.user, meeting=meeting),
        "marking": PAPERS_MARKING,
    }


def papers(request, meeting_id: uuid.UUID):
    context = _papers_context(request, meeting_id)
    response = render(request, "meetings/papers.html", context)
    _log(request, context["meeting"], context["pack"].children, document="papers", fmt="html")
    response["Cache-Control"] = "no-store"
    return response


def papers_pdf(request, meeting_id: uuid.UUID):
    context = _papers_context(request, meeting_id)
    pdf = render_pdf("meetings/papers_print.html", {**context, "printing": True}, request)
    meeting = context["meeting"]
    _log(request, meeting, context["pack"].children, document="papers", fmt="pdf")
    return pdf_response(pdf, f"mace-papers-{meeting.date:%Y-%m-%d}.pdf")


def minutes_pdf(request, meeting_id: uuid.UUID):
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    pack = minutes_for_user(user=request.user, meeting=meeting)
    context = {"meeting": meeting, "pack": pack, "marking": MINUTES_MARKING, "printing": True}
    pdf = render_pdf("meetings/minutes_print.html", context, request)
    _log(request, meeting, pack.children, document="minutes", fmt="pdf")
    return pdf_response(pdf, f"mace-minutes-{meeting.date:%Y-%m-%d}.pdf")
