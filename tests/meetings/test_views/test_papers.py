"""Meeting papers (agenda pack) and minutes as a page and PDF: who gets what, the marking,
the distribution list, and the access log."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Action, Invitation, Outcome
from mace.meetings.pdf import _fetcher
from mace.meetings.selectors.papers import PAPERS_MARKING, papers_for_user
from mace.meetings.services import agenda, invitations, minutes, recording
from mace.people.models import ChildAccess
from mace.risk.models import Assessment, Catalogue, MissingEpisode, VrmpAction
from mace.risk.services.vrmp import vrmp_create
from tests.factories import ChildAccessFactory, ChildFactory, meeting_on

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


@pytest.fixture
def world(make_user, django_capture_on_commit_callbacks):
    """A meeting next week with two children, a practitioner invited to Amara's slot and a
    police representative invited to the whole meeting; invitations sent."""
    coordinator = make_user(Role.COORDINATOR, full_name="Carys Coordinator")
    chair = make_user(Role.CHAIR, full_name="Charles Chair")
    social_worker = make_user(Role.MEMBER, full_name="Sunita Social-Worker")
    core = make_user(Role.MEMBER, full_name="Priya Police")
    day = timezone.localdate() + dt.timedelta(days=7)
    meeting = meeting_on(day, chair=chair, location="Merrion House, Room 4")
    amara = ChildFactory(given_name="Amara", family_name="Okonkwo")
    kayden = ChildFactory(given_name="Kayden", family_name="Brierley")
    first = agenda.item_add(actor=coordinator, meeting=meeting, child=amara)
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=kayden)
    invitations.invitation_add(
        actor=coordinator, item=first, user=social_worker, capacity="social_worker"
    )
    Invitation.objects.create(meeting=meeting, user=core, capacity=Invitation.Capacity.CORE)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitations_send(
            actor=coordinator, meeting=meeting, link_base="https://mace.test"
        )
    return SimpleNamespace(
        coordinator=coordinator,
        chair=chair,
        social_worker=social_worker,
        core=core,
        meeting=meeting,
        amara=amara,
        kayden=kayden,
        first=first,
        second=second,
        day=day,
    )


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


def test_papers_pdf_has_a_page_per_child_the_marking_and_the_distribution(world, signed_in):
    response = signed_in(world.coordinator).get(_url("papers_pdf", world.meeting))
    pages = _pages(response)
    text = "\n".join(pages)
    assert response["Content-Disposition"] == (
        f'attachment; filename="mace-papers-{world.day:%Y-%m-%d}.pdf"'
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


def test_papers_page_shows_the_banner_agenda_summaries_and_a_pdf_link(world, signed_in):
    response = signed_in(world.coordinator).get(_url("papers", world.meeting))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert PAPERS_MARKING in html
    assert _url("papers_pdf", world.meeting) in html
    assert html.count('data-testid="child-summary"') == 2
    assert "Amara Okonkwo" in html and "Kayden Brierley" in html


def test_a_practitioner_invited_to_one_slot_gets_only_that_childs_pack(world, signed_in):
    client = signed_in(world.social_worker)
    text = _text(client.get(_url("papers_pdf", world.meeting)))
    assert "Amara Okonkwo" in text
    assert "Kayden Brierley" not in text
    assert "restricted record" not in text  # nor any hint of the other item
    assert "OFFICIAL-SENSITIVE" in text
    pack = papers_for_user(user=world.social_worker, meeting=world.meeting)
    assert [p.item for p in pack.items] == [world.first]
    # The distribution list is shown to everyone who sees the pack.
    assert "Priya Police" in text
    html = client.get(_url("papers", world.meeting)).content.decode()
    assert "Amara Okonkwo" in html
    assert "Kayden" not in html and "Brierley" not in html
    assert html.count('data-testid="child-summary"') == 1


def test_a_slot_is_the_whole_pack_even_for_a_child_seen_otherwise(world, signed_in):
    """The practitioner may see Kayden (an action of theirs), and the agenda has a place on
    it: their pack is still their slot only. The core member's has everything."""
    ChildAccessFactory(user=world.social_worker, child=world.kayden, basis=ChildAccess.Basis.ACTION)
    agenda.item_add(
        actor=world.coordinator,
        meeting=world.meeting,
        subject="place",
        title="Harehills Lane park",
    )
    text = _text(signed_in(world.social_worker).get(_url("papers_pdf", world.meeting)))
    assert "Amara Okonkwo" in text
    assert "Kayden" not in text
    assert "Harehills Lane park" not in text

    text = _text(signed_in(world.core).get(_url("papers_pdf", world.meeting)))
    assert "Amara Okonkwo" in text and "Kayden Brierley" in text
    assert "Harehills Lane park" in text


def test_the_distribution_list_never_names_a_child(world):
    pack = papers_for_user(user=world.coordinator, meeting=world.meeting)
    rows = [(r.name, r.agency, r.capacity, r.invited_to) for r in pack.distribution]
    assert rows[0][3] == "The whole meeting"
    assert ("Sunita Social-Worker", world.social_worker.agency.name, "Social worker") in [
        r[:3] for r in rows
    ]
    flat = " ".join(" ".join(r) for r in rows)
    for name in ("Amara", "Okonkwo", "Kayden", "Brierley"):
        assert name not in flat


@pytest.mark.parametrize("name", ["papers", "papers_pdf", "minutes_pdf"])
def test_an_uninvited_member_gets_404(world, make_user, signed_in, name):
    _hold_and_draft(world)
    stranger = make_user(Role.MEMBER)
    assert signed_in(stranger).get(_url(name, world.meeting)).status_code == 404
    assert not Event.objects.filter(verb=PAPERS, actor=stranger).exists()


def test_an_invitation_not_yet_sent_opens_nothing(world, make_user, signed_in):
    late = make_user(Role.MEMBER)
    invitations.invitation_add(
        actor=world.coordinator, item=world.second, user=late, capacity="practitioner"
    )
    assert signed_in(late).get(_url("papers", world.meeting)).status_code == 404


def test_each_view_and_download_is_logged_for_the_children_in_the_pack(world, signed_in):
    client = signed_in(world.coordinator)
    client.get(_url("papers_pdf", world.meeting))
    client.get(_url("papers", world.meeting))
    events = Event.objects.filter(verb=PAPERS, actor=world.coordinator)
    by_format = {}
    for event in events:
        assert event.payload["meeting"] == str(world.meeting.pk)
        assert event.payload["document"] == "papers"
        by_format.setdefault(event.payload["format"], set()).add(event.child_id)
    assert by_format == {
        "pdf": {world.amara.pk, world.kayden.pk},
        "html": {world.amara.pk, world.kayden.pk},
    }

    signed_in(world.social_worker).get(_url("papers_pdf", world.meeting))
    logged = Event.objects.filter(verb=PAPERS, actor=world.social_worker)
    assert [e.child_id for e in logged] == [world.amara.pk]


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


def test_open_vrmp_and_meeting_actions_are_in_the_childs_summary(world, signed_in):
    plan = vrmp_create(
        actor=world.coordinator,
        child=world.amara,
        vulnerabilities="Exclusion from school",
        next_review_date=timezone.localdate() + dt.timedelta(weeks=12),
    ).vrmp
    VrmpAction.objects.create(
        vrmp=plan,
        description="Weekly mentoring sessions",
        owner_agency=world.core.agency,
        due_date=timezone.localdate() + dt.timedelta(days=14),
    )
    VrmpAction.objects.create(
        vrmp=plan,
        description="Finished safety plan",
        owner_agency=world.core.agency,
        due_date=timezone.localdate(),
        status=VrmpAction.Status.DONE,
    )
    earlier = meeting_on(timezone.localdate() - dt.timedelta(days=14))
    Action.objects.create(
        meeting=earlier,
        child=world.amara,
        description="Disruption visit to the flat on Roundhay Road",
        owner_agency=world.core.agency,
        owner=world.core,
        due_date=timezone.localdate() - dt.timedelta(days=1),
    )
    text = _text(signed_in(world.social_worker).get(_url("papers_pdf", world.meeting)))
    assert "Weekly mentoring sessions" in text
    assert "Roundhay Road" in text
    assert "Overdue" in text
    assert "Finished safety plan" not in text


def _pile_on(child, user, n):
    catalogue = Catalogue.objects.get(is_active=True)
    plan = vrmp_create(
        actor=user,
        child=child,
        vulnerabilities="Exclusion",
        next_review_date=timezone.localdate() + dt.timedelta(weeks=12),
    ).vrmp
    for i in range(n):
        Assessment.objects.create(
            child=child,
            catalogue=catalogue,
            assessor=user,
            assessed_on=timezone.localdate() - dt.timedelta(days=i),
            status="completed",
            proposed_level="high",
            final_level="high",
            completed_at=timezone.now(),
        )
        MissingEpisode.objects.create(
            child=child, kind="missing", started_at=timezone.now() - dt.timedelta(days=i + 1)
        )
        VrmpAction.objects.create(
            vrmp=plan,
            description=f"Action {i}",
            owner_agency=user.agency,
            due_date=timezone.localdate() + dt.timedelta(days=i),
        )


def test_the_packs_query_count_does_not_grow_with_the_records(world):
    def count():
        with CaptureQueriesContext(connection) as queries:
            pack = papers_for_user(user=world.coordinator, meeting=world.meeting)
            [(p.summary, p.actions) for p in pack.items]
        return len(queries)

    _pile_on(world.amara, world.coordinator, 1)
    _pile_on(world.kayden, world.coordinator, 1)
    before = count()
    for child in (world.amara, world.kayden):
        plan = child.vrmps.get()
        for i in range(6):
            VrmpAction.objects.create(
                vrmp=plan,
                description=f"More {i}",
                owner_agency=world.coordinator.agency,
                due_date=timezone.localdate(),
            )
            MissingEpisode.objects.create(
                child=child, kind="missing", started_at=timezone.now() - dt.timedelta(days=40 + i)
            )
    assert count() == before


def test_a_restricted_record_is_shown_without_anything_that_identifies_the_child(world, signed_in):
    world.kayden.restricted = True
    world.kayden.save()
    client = signed_in(world.coordinator)
    text = _text(client.get(_url("papers_pdf", world.meeting)))
    assert "Amara Okonkwo" in text
    assert "Kayden" not in text and "Brierley" not in text
    assert "restricted record" in text
    logged = {e.child_id for e in Event.objects.filter(verb=PAPERS, actor=world.coordinator)}
    assert logged == {world.amara.pk}
    # Named on the record: the child is in the pack again.
    ChildAccessFactory(user=world.coordinator, child=world.kayden, basis=ChildAccess.Basis.NAMED)
    assert "Kayden Brierley" in _text(client.get(_url("papers_pdf", world.meeting)))


def test_the_pdf_fetches_nothing_from_the_network():
    fetcher = _fetcher("http://testserver")
    with pytest.raises(ValueError, match="no network"):
        fetcher.fetch("https://example.com/tracker.png")
    with pytest.raises(ValueError, match="no network"):
        fetcher.fetch("http://testserver/admin/")
    with pytest.raises(ValueError, match="no network"):
        fetcher.fetch("file:///etc/passwd")
    response = fetcher.fetch("http://testserver/static/govuk/assets/rebrand/images/favicon.ico")
    try:
        assert response.read(4)
    finally:
        response.close()


# Minutes -----------------------------------------------------------------------------


def test_minutes_pdf_is_marked_draft_until_approved(world, signed_in):
    draft = _hold_and_draft(world)
    client = signed_in(world.coordinator)
    response = client.get(_url("minutes_pdf", world.meeting))
    assert response["Content-Disposition"] == (
        f'attachment; filename="mace-minutes-{world.day:%Y-%m-%d}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    pages = _pages(response)
    text = "\n".join(pages)
    assert all("DRAFT" in page for page in pages)
    assert "not approved" in text
    assert "Amara Okonkwo" in text and "Kayden Brierley" in text
    assert "Kirkgate bus station" in text  # the general minutes
    assert "OFFICIAL-SENSITIVE" in text

    minutes.minutes_approve(actor=world.chair, minutes=draft)
    text = _text(client.get(_url("minutes_pdf", world.meeting)))
    assert "DRAFT" not in text
    assert "Approved by Charles Chair on" in text
    assert "Amara Okonkwo" in text and "Kayden Brierley" in text

    events = Event.objects.filter(verb=PAPERS, actor=world.coordinator)
    assert {e.payload["document"] for e in events} == {"minutes"}
    assert {e.child_id for e in events} == {world.amara.pk, world.kayden.pk}
    assert events.count() == 4


def test_a_slot_invitee_reads_only_their_childs_minutes(world, signed_in):
    draft = minutes.minutes_approve(actor=world.chair, minutes=_hold_and_draft(world))
    minutes.addendum_add(actor=world.chair, minutes=draft, text="General: room changed")
    minutes.addendum_add(
        actor=world.chair, minutes=draft, item=world.first, text="Amara: school is Allerton"
    )
    minutes.addendum_add(
        actor=world.chair, minutes=draft, item=world.second, text="Kayden: new address"
    )
    text = _text(signed_in(world.social_worker).get(_url("minutes_pdf", world.meeting)))
    assert "Amara Okonkwo" in text
    assert "Analysis for Amara" in text
    assert "school is Allerton" in text
    assert "Kayden" not in text and "Brierley" not in text
    assert "new address" not in text
    assert "Kirkgate bus station" not in text  # general minutes: whole-meeting readers only
    assert "room changed" not in text
    logged = Event.objects.filter(verb=PAPERS, actor=world.social_worker)
    assert [(e.child_id, e.payload["document"]) for e in logged] == [(world.amara.pk, "minutes")]

    core_text = _text(signed_in(world.core).get(_url("minutes_pdf", world.meeting)))
    assert "Kirkgate bus station" in core_text
    assert "room changed" in core_text
    assert "Kayden: new address" in core_text


def test_minutes_pdf_is_404_before_the_minutes_are_drafted(world, signed_in):
    assert signed_in(world.coordinator).get(_url("minutes_pdf", world.meeting)).status_code == 404
    assert not Event.objects.filter(verb=PAPERS).exists()


def test_minutes_text_is_escaped(world, signed_in):
    draft = _hold_and_draft(world)
    minutes.minutes_edit(
        actor=world.coordinator, minutes=draft, text="<b>Bold</b> & line one\nline two"
    )
    text = _text(signed_in(world.coordinator).get(_url("minutes_pdf", world.meeting)))
    assert "<b>Bold</b> & line one" in text
    assert "line two" in text
