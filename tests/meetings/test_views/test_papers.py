"""Meeting papers (agenda pack) and minutes as a page and PDF: who gets what, the marking,
the distribution list, and the access log."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Action, Outcome
from mace.meetings.selectors.papers import PAPERS_MARKING, papers_for_user
from mace.meetings.services import agenda, invitations, minutes, recording
from mace.people.models import ChildAccess
from mace.risk.models import VrmpAction
from mace.risk.services.vrmp import vrmp_create
from tests.factories import ChildAccessFactory, meeting_on

pytestmark = pytest.mark.django_db
PAPERS = Event.Verb.PAPERS_DOWNLOADED


def _pages(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [page.extract_text() for page in reader.pages]


def _text(response) -> str:
    return "\n".join(_pages(response))


def _url(name, meeting):
    return reverse(f"meetings:{name}", args=[meeting.pk])


def _hold_and_draft(w):
    for item in (w.first, w.second):
        recording.discussion_save(
            actor=w.coordinator,
            item=item,
            risk_analysis=f"Analysis for {item.child.given_name}: seen with older males",
            risk_level="high",
            outcome=Outcome.CONTINUE,
            next_review_date=w.day + dt.timedelta(days=28),
        )
    recording.finding_add(
        actor=w.coordinator,
        meeting=w.meeting,
        kind="theme",
        description="Recruitment near the Kirkgate bus station",
    )
    recording.meeting_close(actor=w.coordinator, meeting=w.meeting)
    return minutes.minutes_draft(actor=w.coordinator, meeting=w.meeting)


# The agenda pack ---------------------------------------------------------------------


def test_papers_pdf_has_a_page_per_child_the_marking_and_the_distribution(papers_world, signed_in):
    response = signed_in(papers_world.coordinator).get(_url("papers_pdf", papers_world.meeting))
    pages = _pages(response)
    text = "\n".join(pages)
    assert response["Content-Disposition"] == (
        f'attachment; filename="mace-papers-{papers_world.day:%Y-%m-%d}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    assert "Amara Okonkwo" in text
    assert "Kayden Brierley" in text
    # The marking is on every page (a margin box), not only the first.
    assert len(pages) >= 3
    assert all("OFFICIAL-SENSITIVE" in page and "do not forward" in page for page in pages)
    assert PAPERS_MARKING.split(":")[0] in text.replace("\n", " ")
    # Each child's summary starts a page of its own.
    summaries = [page for page in pages if "Risk of exploitation" in page]
    assert len(summaries) == 2
    assert ["Amara Okonkwo" in p for p in summaries] == [True, False]
    assert ["Kayden Brierley" in p for p in summaries] == [False, True]
    # The distribution list: who, their agency, capacity; a slot says which item.
    assert "Sunita Social-Worker" in text
    assert "Priya Police" in text
    assert "Item 1 only" in text
    assert "Downloaded by Carys Coordinator" in text


def test_papers_page_shows_the_banner_agenda_summaries_and_a_pdf_link(papers_world, signed_in):
    response = signed_in(papers_world.coordinator).get(_url("papers", papers_world.meeting))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert PAPERS_MARKING in html
    assert _url("papers_pdf", papers_world.meeting) in html
    assert html.count('data-testid="child-summary"') == 2
    assert "Amara Okonkwo" in html and "Kayden Brierley" in html


def test_a_practitioner_invited_to_one_slot_gets_only_that_childs_pack(papers_world, signed_in):
    client = signed_in(papers_world.social_worker)
    text = _text(client.get(_url("papers_pdf", papers_world.meeting)))
    assert "Amara Okonkwo" in text
    assert "Kayden Brierley" not in text
    assert "restricted record" not in text  # nor any hint of the other item
    assert "OFFICIAL-SENSITIVE" in text
    pack = papers_for_user(user=papers_world.social_worker, meeting=papers_world.meeting)
    assert [p.item for p in pack.items] == [papers_world.first]
    # The distribution list is shown to everyone who sees the pack.
    assert "Priya Police" in text
    html = client.get(_url("papers", papers_world.meeting)).content.decode()
    assert "Amara Okonkwo" in html
    assert "Kayden" not in html and "Brierley" not in html
    assert html.count('data-testid="child-summary"') == 1


def test_a_slot_is_the_whole_pack_even_for_a_child_seen_otherwise(papers_world, signed_in):
    """The practitioner may see Kayden (an action of theirs), and the agenda has a place on
    it: their pack is still their slot only. The core member's has everything."""
    ChildAccessFactory(
        user=papers_world.social_worker, child=papers_world.kayden, basis=ChildAccess.Basis.ACTION
    )
    agenda.item_add(
        actor=papers_world.coordinator,
        meeting=papers_world.meeting,
        subject="place",
        title="Harehills Lane park",
    )
    text = _text(
        signed_in(papers_world.social_worker).get(_url("papers_pdf", papers_world.meeting))
    )
    assert "Amara Okonkwo" in text
    assert "Kayden" not in text
    assert "Harehills Lane park" not in text

    text = _text(signed_in(papers_world.core).get(_url("papers_pdf", papers_world.meeting)))
    assert "Amara Okonkwo" in text and "Kayden Brierley" in text
    assert "Harehills Lane park" in text


@pytest.mark.parametrize("name", ["papers", "papers_pdf", "minutes_pdf"])
def test_an_uninvited_member_gets_404(papers_world, make_user, signed_in, name):
    _hold_and_draft(papers_world)
    stranger = make_user(Role.MEMBER)
    assert signed_in(stranger).get(_url(name, papers_world.meeting)).status_code == 404
    assert not Event.objects.filter(verb=PAPERS, actor=stranger).exists()


def test_an_invitation_not_yet_sent_opens_nothing(papers_world, make_user, signed_in):
    late = make_user(Role.MEMBER)
    invitations.invitation_add(
        actor=papers_world.coordinator, item=papers_world.second, user=late, capacity="practitioner"
    )
    assert signed_in(late).get(_url("papers", papers_world.meeting)).status_code == 404


def test_each_view_and_download_is_logged_for_the_children_in_the_pack(papers_world, signed_in):
    client = signed_in(papers_world.coordinator)
    client.get(_url("papers_pdf", papers_world.meeting))
    client.get(_url("papers", papers_world.meeting))
    events = Event.objects.filter(verb=PAPERS, actor=papers_world.coordinator)
    by_format = {}
    for event in events:
        assert event.payload["meeting"] == str(papers_world.meeting.pk)
        assert event.payload["document"] == "papers"
        by_format.setdefault(event.payload["format"], set()).add(event.child_id)
    assert by_format == {
        "pdf": {papers_world.amara.pk, papers_world.kayden.pk},
        "html": {papers_world.amara.pk, papers_world.kayden.pk},
    }

    signed_in(papers_world.social_worker).get(_url("papers_pdf", papers_world.meeting))
    logged = Event.objects.filter(verb=PAPERS, actor=papers_world.social_worker)
    assert [e.child_id for e in logged] == [papers_world.amara.pk]


def test_a_pack_without_children_logs_one_event_for_the_meeting(make_user, signed_in):
    analyst = make_user(Role.ANALYST)
    coordinator = make_user(Role.COORDINATOR)
    meeting = meeting_on(timezone.localdate() + dt.timedelta(days=3), kind="context")
    agenda.item_add(
        actor=coordinator, meeting=meeting, subject="place", title="Harehills Lane park"
    )
    response = signed_in(analyst).get(_url("papers_pdf", meeting))
    assert "Harehills Lane park" in _text(response)
    event = Event.objects.get(verb=PAPERS, actor=analyst)
    assert event.child_id is None
    assert event.object_type == "meetings.Meeting"
    assert event.object_id == str(meeting.pk)
    assert event.payload == {"meeting": str(meeting.pk), "format": "pdf", "document": "papers"}


def test_open_vrmp_and_meeting_actions_are_in_the_childs_summary(papers_world, signed_in):
    plan = vrmp_create(
        actor=papers_world.coordinator,
        child=papers_world.amara,
        vulnerabilities="Exclusion from school",
        next_review_date=timezone.localdate() + dt.timedelta(weeks=12),
    ).vrmp
    VrmpAction.objects.create(
        vrmp=plan,
        description="Weekly mentoring sessions",
        owner_agency=papers_world.core.agency,
        due_date=timezone.localdate() + dt.timedelta(days=14),
    )
    VrmpAction.objects.create(
        vrmp=plan,
        description="Finished safety plan",
        owner_agency=papers_world.core.agency,
        due_date=timezone.localdate(),
        status=VrmpAction.Status.DONE,
    )
    earlier = meeting_on(timezone.localdate() - dt.timedelta(days=14))
    Action.objects.create(
        meeting=earlier,
        child=papers_world.amara,
        description="Disruption visit to the flat on Roundhay Road",
        owner_agency=papers_world.core.agency,
        owner=papers_world.core,
        due_date=timezone.localdate() - dt.timedelta(days=1),
    )
    text = _text(
        signed_in(papers_world.social_worker).get(_url("papers_pdf", papers_world.meeting))
    )
    assert "Weekly mentoring sessions" in text
    assert "Roundhay Road" in text
    assert "Overdue" in text
    assert "Finished safety plan" not in text


def test_a_restricted_record_is_shown_without_anything_that_identifies_the_child(
    papers_world, signed_in
):
    papers_world.kayden.restricted = True
    papers_world.kayden.save()
    client = signed_in(papers_world.coordinator)
    text = _text(client.get(_url("papers_pdf", papers_world.meeting)))
    assert "Amara Okonkwo" in text
    assert "Kayden" not in text and "Brierley" not in text
    assert "restricted record" in text
    logged = {e.child_id for e in Event.objects.filter(verb=PAPERS, actor=papers_world.coordinator)}
    assert logged == {papers_world.amara.pk}
    # Named on the record: the child is in the pack again.
    ChildAccessFactory(
        user=papers_world.coordinator, child=papers_world.kayden, basis=ChildAccess.Basis.NAMED
    )
    assert "Kayden Brierley" in _text(client.get(_url("papers_pdf", papers_world.meeting)))


# Minutes -----------------------------------------------------------------------------


def test_minutes_pdf_is_marked_draft_until_approved(papers_world, signed_in):
    draft = _hold_and_draft(papers_world)
    client = signed_in(papers_world.coordinator)
    response = client.get(_url("minutes_pdf", papers_world.meeting))
    assert response["Content-Disposition"] == (
        f'attachment; filename="mace-minutes-{papers_world.day:%Y-%m-%d}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    pages = _pages(response)
    text = "\n".join(pages)
    assert all("DRAFT" in page for page in pages)
    assert "not approved" in text
    assert "Amara Okonkwo" in text and "Kayden Brierley" in text
    assert "Kirkgate bus station" in text  # the general minutes
    assert "OFFICIAL-SENSITIVE" in text

    minutes.minutes_approve(actor=papers_world.chair, minutes=draft)
    text = _text(client.get(_url("minutes_pdf", papers_world.meeting)))
    assert "DRAFT" not in text
    assert "Approved by Charles Chair on" in text
    assert "Amara Okonkwo" in text and "Kayden Brierley" in text

    events = Event.objects.filter(verb=PAPERS, actor=papers_world.coordinator)
    assert {e.payload["document"] for e in events} == {"minutes"}
    assert {e.child_id for e in events} == {papers_world.amara.pk, papers_world.kayden.pk}
    assert events.count() == 4


def test_a_slot_invitee_reads_only_their_childs_minutes(papers_world, signed_in):
    draft = minutes.minutes_approve(actor=papers_world.chair, minutes=_hold_and_draft(papers_world))
    minutes.addendum_add(actor=papers_world.chair, minutes=draft, text="General: room changed")
    minutes.addendum_add(
        actor=papers_world.chair,
        minutes=draft,
        item=papers_world.first,
        text="Amara: school is Allerton",
    )
    minutes.addendum_add(
        actor=papers_world.chair,
        minutes=draft,
        item=papers_world.second,
        text="Kayden: new address",
    )
    text = _text(
        signed_in(papers_world.social_worker).get(_url("minutes_pdf", papers_world.meeting))
    )
    assert "Amara Okonkwo" in text
    assert "Analysis for Amara" in text
    assert "school is Allerton" in text
    assert "Kayden" not in text and "Brierley" not in text
    assert "new address" not in text
    assert "Kirkgate bus station" not in text  # general minutes: whole-meeting readers only
    assert "room changed" not in text
    logged = Event.objects.filter(verb=PAPERS, actor=papers_world.social_worker)
    assert [(e.child_id, e.payload["document"]) for e in logged] == [
        (papers_world.amara.pk, "minutes")
    ]

    core_text = _text(signed_in(papers_world.core).get(_url("minutes_pdf", papers_world.meeting)))
    assert "Kirkgate bus station" in core_text
    assert "room changed" in core_text
    assert "Kayden: new address" in core_text


def test_minutes_pdf_is_404_before_the_minutes_are_drafted(papers_world, signed_in):
    assert (
        signed_in(papers_world.coordinator)
        .get(_url("minutes_pdf", papers_world.meeting))
        .status_code
        == 404
    )
    assert not Event.objects.filter(verb=PAPERS).exists()


def test_minutes_text_is_escaped(papers_world, signed_in):
    draft = _hold_and_draft(papers_world)
    minutes.minutes_edit(
        actor=papers_world.coordinator, minutes=draft, text="<b>Bold</b> & line one\nline two"
    )
    text = _text(signed_in(papers_world.coordinator).get(_url("minutes_pdf", papers_world.meeting)))
    assert "<b>Bold</b> & line one" in text
    assert "line two" in text
