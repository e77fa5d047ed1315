"""The meeting pages: who may do what, what a reader sees, errors in the user's terms, and
query counts that do not grow with the agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Action, AgendaItem, Discussion
from mace.meetings.services import agenda, invitations, recording
from tests.factories import AgencyFactory, ChildFactory, meeting_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


@pytest.fixture
def meeting(make_user):
    return meeting_on(timezone.localdate() + dt.timedelta(days=5), chair=make_user(Role.CHAIR))


def _send(coordinator, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitations_send(actor=coordinator, meeting=meeting, link_base="http://t")


@pytest.mark.parametrize(
    "path",
    [
        "agenda/add/",
        "invitations/",
        "run/",
        "run/actions/",
        "move/",
    ],
)
def test_a_member_invited_to_the_meeting_cannot_run_it(
    path, make_user, signed_in, coordinator, meeting, django_capture_on_commit_callbacks
):
    member = make_user(Role.MEMBER)
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    invitations.invitation_add(actor=coordinator, item=item, user=member, capacity="practitioner")
    _send(coordinator, meeting, django_capture_on_commit_callbacks)
    client = signed_in(member)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    assert client.get(f"/meetings/{meeting.pk}/{path}").status_code == 403


@pytest.mark.parametrize("role", [Role.MEMBER, Role.REFERRER, Role.AUDITOR, Role.SILVER])
def test_a_meeting_is_hidden_from_those_not_invited(role, make_user, signed_in, meeting):
    client = signed_in(make_user(role))
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/minutes/").status_code == 404


def test_a_practitioner_invited_for_one_child_sees_only_that_child_on_the_agenda(
    make_user, signed_in, coordinator, meeting, django_capture_on_commit_callbacks
):
    social_worker = make_user(Role.MEMBER)
    mine = ChildFactory(given_name="Leah", family_name="Broadbent")
    other = ChildFactory(given_name="Kwame", family_name="Asante")
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=mine)
    agenda.item_add(actor=coordinator, meeting=meeting, child=other)
    invitations.invitation_add(
        actor=coordinator, item=item, user=social_worker, capacity="social_worker"
    )
    _send(coordinator, meeting, django_capture_on_commit_callbacks)

    page = signed_in(social_worker).get(f"/meetings/{meeting.pk}/").content.decode()

    assert "Leah Broadbent" in page
    assert "Kwame Asante" not in page
    seen = Event.objects.filter(actor=social_worker, verb=Event.Verb.CHILDREN_LISTED)
    assert list(seen.values_list("child_id", flat=True)) == [mine.pk]


def test_the_agenda_shows_each_childs_time_slot(signed_in, coordinator, meeting):
    first = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    agenda.item_move(actor=coordinator, item=second, offset=-1)

    page = signed_in(coordinator).get(f"/meetings/{meeting.pk}/").content.decode()

    assert page.index(second.child.full_name) < page.index(first.child.full_name)
    assert page.index("10:00 (20 min)") < page.index(second.child.full_name)
    assert page.index("10:20 (20 min)") < page.index(first.child.full_name)


def test_adding_a_child_by_a_name_that_matches_nobody_says_so(signed_in, coordinator, meeting):
    response = signed_in(coordinator).post(
        f"/meetings/{meeting.pk}/agenda/add/", {"subject": "child", "child": "Zebedee Nobody"}
    )
    assert response.status_code == 200
    assert "No child in the MACE cohort matches that name or ID" in response.content.decode()
    assert 'value="Zebedee Nobody"' in response.content.decode()  # what was typed is kept
    assert not AgendaItem.objects.exists()


def test_a_removal_needs_a_reason(signed_in, coordinator, meeting):
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    client = signed_in(coordinator)
    response = client.post(f"/meetings/{meeting.pk}/items/{item.pk}/remove/", {"reason": ""})
    assert "Give the reason" in response.content.decode()
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.LISTED
    client.post(f"/meetings/{meeting.pk}/items/{item.pk}/remove/", {"reason": "Moved to Wakefield"})
    item.refresh_from_db()
    assert (item.status, item.status_reason) == (AgendaItem.Status.REMOVED, "Moved to Wakefield")


def test_autosave_keeps_every_valid_field_when_one_is_wrong(signed_in, coordinator, meeting):
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    agency = AgencyFactory(name="Leeds Youth Justice Service")
    response = signed_in(coordinator).post(
        f"/meetings/{meeting.pk}/run/{item.pk}/save/",
        {
            "risk_analysis": "Carrying for an older male",
            "risk_level": "high",
            "next_review_date": "31/02/2027",
            f"contribution-{agency.pk}": "Known to YJS since March",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True
    assert "next_review_date" in body["errors"]
    discussion = Discussion.objects.get(item=item)
    assert (discussion.risk_analysis, discussion.risk_level) == (
        "Carrying for an older male",
        "high",
    )
    assert discussion.next_review_date is None
    assert [(c.agency, c.information) for c in discussion.contributions.all()] == [
        (agency, "Known to YJS since March")
    ]


def test_saving_an_item_says_what_it_still_needs(signed_in, coordinator, meeting):
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    response = signed_in(coordinator).post(
        f"/meetings/{meeting.pk}/run/{item.pk}/",
        {"risk_analysis": "Going missing from placement", "outcome": "continue"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Record the risk level agreed" in page
    assert "Set the next review date" in page
    assert Discussion.objects.get(item=item).risk_analysis == "Going missing from placement"


def test_only_the_owner_or_coordinator_completes_an_action_and_a_note_is_needed(
    make_user, signed_in, coordinator, meeting
):
    owner = make_user(Role.MEMBER)
    stranger = make_user(Role.MEMBER)
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    action = recording.action_add(
        actor=coordinator,
        meeting=meeting,
        item=item,
        description="Return home interview",
        owner_agency=owner.agency,
        owner=owner,
        due_date=meeting.date + dt.timedelta(days=3),
    )
    url = f"/meetings/actions/{action.pk}/complete/"
    assert signed_in(stranger).get(url).status_code == 404
    client = signed_in(owner)
    assert "Return home interview" in client.get("/tasks/").content.decode()
    response = client.post(url, {"note": ""})
    assert "Say what was done" in response.content.decode()
    client.post(url, {"note": "Interview done on 3 December; disclosed new contact"})
    action.refresh_from_db()
    assert action.status == Action.Status.DONE


@pytest.mark.parametrize("page", ["", "run/", "invitations/"])
def test_meeting_pages_take_the_same_queries_for_two_children_as_for_six(
    page, signed_in, coordinator, meeting
):
    client = signed_in(coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/meetings/{meeting.pk}/{page}").status_code == 200
        return len(captured)

    meeting.capacity = 10
    meeting.save()
    for _ in range(2):
        agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    two = queries()
    for _ in range(4):
        agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    assert queries() == two


def test_the_childs_chronology_shows_the_mace_discussion_and_action(
    signed_in, coordinator, meeting
):
    child = ChildFactory()
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=child)
    recording.discussion_save(
        actor=coordinator,
        item=item,
        risk_analysis="Seen with older males at the retail park",
        risk_level="high",
        outcome="recommend_statutory",
        statutory_recommendation="Strategy discussion",
    )
    recording.action_add(
        actor=coordinator,
        meeting=meeting,
        item=item,
        description="Share intelligence with the neighbourhood team",
        owner_agency=coordinator.agency,
        due_date=meeting.date,
    )
    page = signed_in(coordinator).get(f"/children/{child.pk}/chronology/").content.decode()
    assert "high, recommend a statutory process" in page
    assert "Recommended: Strategy discussion" in page
    assert "Share intelligence with the neighbourhood team" in page


def test_a_restricted_record_on_the_agenda_is_not_named_until_the_coordinator_opens_it(
    signed_in, coordinator, meeting
):
    child = ChildFactory(given_name="Precious", family_name="Adeyemi", restricted=True)
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=child)
    client = signed_in(coordinator)

    for path in ("", "run/"):
        page = client.get(f"/meetings/{meeting.pk}/{path}").content.decode()
        assert "Precious" not in page, path
        assert "A restricted record" in page, path
    assert "Precious" not in client.get(f"/meetings/{meeting.pk}/invitations/").content.decode()
    assert not Event.objects.filter(child=child, verb=Event.Verb.CHILDREN_LISTED).exists()
    response = client.get(f"/meetings/{meeting.pk}/run/{item.pk}/")
    assert response.status_code == 302 and "break-glass" in response["Location"]
    saved = client.post(f"/meetings/{meeting.pk}/run/{item.pk}/save/", {"risk_analysis": "x"})
    assert saved.status_code == 403
    assert not Discussion.objects.filter(item=item).exists()


def test_accepting_a_referral_at_triage_says_which_meeting_it_is_on(
    signed_in, coordinator, meeting, commits_as_in_production
):
    from mace.referrals.services.triage import referral_link_child
    from tests.factories import submitted_referral

    referral = submitted_referral()
    referral_link_child(actor=coordinator, referral_id=referral.id, child_id=ChildFactory().id)
    response = signed_in(coordinator).post(
        f"/triage/{referral.pk}/decide/",
        {"decision-decision": "accept", "decision-reason": "Meets the criteria: missing twice"},
        follow=True,
    )
    assert f"It is on the agenda of {meeting}." in response.content.decode()
    assert AgendaItem.objects.get(referral=referral).meeting == meeting


def test_a_stale_live_screen_cannot_change_a_closed_meeting(signed_in, coordinator, meeting):
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    recording.discussion_save(
        actor=coordinator,
        item=item,
        risk_level="medium",
        outcome="step_down",
    )
    recording.meeting_close(actor=coordinator, meeting=meeting)

    response = signed_in(coordinator).post(
        f"/meetings/{meeting.pk}/run/{item.pk}/save/", {"outcome": ""}
    )

    assert response.status_code == 409
    assert "correct the minutes" in response.json()["errors"][0]
    assert Discussion.objects.get(item=item).outcome == "step_down"


def test_a_meeting_with_children_on_its_agenda_cannot_be_cancelled_until_they_move(
    signed_in, coordinator, meeting
):
    from mace.meetings.models import Meeting

    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    client = signed_in(coordinator)
    url = f"/meetings/{meeting.pk}/cancel/"
    response = client.post(url, {"reason": "Chair unwell"})
    assert "Defer or remove the items on the agenda" in response.content.decode()
    assert "Chair unwell" in response.content.decode()  # the reason typed is kept
    agenda.item_remove(actor=coordinator, item=item, reason="Seen at strategy meeting instead")
    client.post(url, {"reason": "Chair unwell"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.move_reason) == (Meeting.Status.CANCELLED, "Chair unwell")
