"""Missing episode pages: who sees them, the form, the 72-hour figure."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.models import ChildAccess
from mace.risk.models import MissingEpisode
from tests.factories import ChildAccessFactory, ChildFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Status = MissingEpisode.InterviewStatus


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def _episode(child, user=None, **fields) -> MissingEpisode:
    fields.setdefault("kind", MissingEpisode.Kind.MISSING_FROM_CARE)
    fields.setdefault("started_at", _at(2026, 10, 20, 22, 0))
    return MissingEpisode.objects.create(child=child, created_by=user, modified_by=user, **fields)


def _list_url(child):
    return reverse("risk:missing_list", args=[child.pk])


def _new_url(child):
    return reverse("risk:missing_new", args=[child.pk])


def _edit_url(episode):
    return reverse("risk:missing_edit", args=[episode.child_id, episode.pk])


VALID = {
    "kind": "missing_from_care",
    "started_at": "2026-10-20T22:00",
    "ended_at": "2026-10-22T09:15",
    "police_risk": "medium",
    "police_reference": "WY-2026-881",
    "reported_by": "Night manager, Oakfield children's home",
    "where_found": "Leeds bus station",
    "interview_status": "completed",
    "interview_offered_at": "2026-10-22T12:00",
    "interview_completed_at": "2026-10-23T16:00",
    "interview_not_done_reason": "",
    "why_left": "Wanted to see friends in Bradford",
    "where_went": "A flat in Bradford",
    "with_whom": "Older males she did not name",
    "how_travelled": "Train there, a car brought her back",
    "harm": "",
    "push_factors": "Arguments with staff",
    "pull_factors": "Gifts, attention",
}


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


# --- Who may see and record -------------------------------------------------------------


def test_the_list_shows_episodes_and_the_childs_72_hour_figure(coordinator, signed_in):
    child = ChildFactory()
    returned = _at(2026, 10, 24, 10, 0)
    _episode(
        child,
        kind=MissingEpisode.Kind.YOUNG_RUNAWAY,
        ended_at=returned,
        police_risk="high",
        interview_status=Status.COMPLETED,
        interview_completed_at=_at(2026, 10, 26, 9, 0),
    )
    _episode(
        child,
        started_at=_at(2026, 9, 1, 20, 0),
        ended_at=_at(2026, 9, 2, 8, 0),
        interview_status=Status.REFUSED,
        interview_not_done_reason="Declined",
    )
    _episode(child, started_at=timezone.now() - dt.timedelta(hours=5))
    response = signed_in(coordinator).get(_list_url(child))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Young runaway" in page
    assert "Still missing" in page
    assert "24 Oct 2026 10:00" in page  # shown in UK time
    assert "Return interviews done within 72 hours: <strong>1 of 2</strong> (50%)" in page
    assert "Record a missing episode" in page
    assert response.context["timeliness"].eligible == 2


def test_a_pending_interview_shows_when_it_is_due(coordinator, signed_in):
    child = ChildFactory()
    returned = timezone.now() - dt.timedelta(hours=10)
    _episode(child, started_at=returned - dt.timedelta(hours=8), ended_at=returned)
    page = signed_in(coordinator).get(_list_url(child)).content.decode()
    due = timezone.localtime(returned + dt.timedelta(hours=72))
    assert f"Due by {due:%-d %b %Y %H:%M}" in page


def test_an_overdue_interview_is_marked(coordinator, signed_in):
    child = ChildFactory()
    _episode(child, ended_at=_at(2026, 10, 21, 9, 0), interview_status=Status.OFFERED)
    page = signed_in(coordinator).get(_list_url(child)).content.decode()
    assert "Overdue" in page
    assert "Overdue</strong><br>Due by 24 Oct 2026 09:00" in page


def test_reading_the_list_is_logged(coordinator, signed_in):
    child = ChildFactory()
    signed_in(coordinator).get(_list_url(child))
    assert Event.objects.filter(actor=coordinator, child=child, verb=Event.Verb.CHILD_VIEWED)


def test_a_member_without_a_grant_gets_not_found(make_user, signed_in):
    child = ChildFactory()
    episode = _episode(child)
    client = signed_in(make_user(Role.MEMBER))
    assert client.get(_list_url(child)).status_code == 404
    assert client.get(_new_url(child)).status_code == 404
    assert client.get(_edit_url(episode)).status_code == 404


def test_a_member_invited_to_the_meeting_may_record(make_user, signed_in):
    member = make_user(Role.MEMBER)
    child = ChildFactory()
    ChildAccessFactory(user=member, child=child, basis=ChildAccess.Basis.INVITATION)
    client = signed_in(member)
    assert client.get(_list_url(child)).status_code == 200
    response = client.post(_new_url(child), VALID)
    assert response.status_code == 302
    assert MissingEpisode.objects.get(child=child).created_by == member


def test_an_analyst_reads_but_cannot_record(make_user, signed_in):
    child = ChildFactory()
    episode = _episode(child, ended_at=_at(2026, 10, 21, 9, 0), why_left="Conflict at home")
    client = signed_in(make_user(Role.ANALYST))
    listing = client.get(_list_url(child))
    assert listing.status_code == 200
    assert "Record a missing episode" not in listing.content.decode()
    assert client.get(_new_url(child)).status_code == 403
    assert client.post(_new_url(child), VALID).status_code == 403
    detail = client.get(_edit_url(episode))
    assert detail.status_code == 200
    assert "Conflict at home" in detail.content.decode()
    assert "<form" not in detail.content.decode().split('id="main-content"')[1]
    assert client.post(_edit_url(episode), VALID).status_code == 403
    assert not MissingEpisode.objects.exclude(pk=episode.pk).exists()


def test_anonymous_users_are_sent_to_sign_in(client):
    child = ChildFactory()
    response = client.get(_list_url(child))
    assert response.status_code == 302
    assert "/account/" in response.url


def test_another_childs_episode_is_not_found(coordinator, signed_in):
    episode = _episode(ChildFactory())
    other = ChildFactory()
    url = reverse("risk:missing_edit", args=[other.pk, episode.pk])
    assert signed_in(coordinator).get(url).status_code == 404


# --- The form ----------------------------------------------------------------------------


def test_recording_an_episode(coordinator, signed_in):
    child = ChildFactory()
    response = signed_in(coordinator).post(_new_url(child), VALID, follow=True)
    assert response.redirect_chain == [(_list_url(child), 302)]
    assert "Missing episode recorded" in response.content.decode()
    episode = MissingEpisode.objects.get(child=child)
    assert episode.started_at == _at(2026, 10, 20, 22, 0)  # read as UK time (BST)
    assert episode.ended_at == _at(2026, 10, 22, 9, 15)
    assert episode.interview_status == Status.COMPLETED
    assert episode.pull_factors == "Gifts, attention"
    assert episode.interview_within_72_hours is True


def test_the_form_also_takes_a_typed_uk_date_and_time(coordinator, signed_in):
    child = ChildFactory()
    data = {**VALID, "started_at": "20/10/2026 22:00", "ended_at": ""}
    data.update(interview_status="not_yet", interview_offered_at="", interview_completed_at="")
    assert signed_in(coordinator).post(_new_url(child), data).status_code == 302
    assert MissingEpisode.objects.get(child=child).started_at == _at(2026, 10, 20, 22, 0)


def test_a_refused_rule_keeps_what_was_typed_and_shows_the_problem(coordinator, signed_in):
    child = ChildFactory()
    data = {**VALID, "ended_at": "2026-10-19T09:15", "why_left": "Wanted <b>out</b>"}
    response = signed_in(coordinator).post(_new_url(child), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_ended_at">The return must be after the child went missing</a>' in page
    assert 'value="2026-10-19T09:15"' in page
    assert 'value="WY-2026-881"' in page
    assert "Wanted &lt;b&gt;out&lt;/b&gt;" in page
    assert 'value="missing_from_care" checked' in page
    assert not MissingEpisode.objects.exists()


def test_a_form_error_is_shown_in_the_users_terms(coordinator, signed_in):
    child = ChildFactory()
    data = {**VALID, "kind": "", "started_at": "31/02/2026 25:00"}
    page = signed_in(coordinator).post(_new_url(child), data).content.decode()
    assert "There is a problem" in page
    assert "Choose the type of episode" in page
    assert "Enter a real date and time" in page


def test_a_not_done_interview_without_a_reason_is_refused_on_the_form(coordinator, signed_in):
    child = ChildFactory()
    data = {**VALID, "interview_status": "not_done", "interview_completed_at": ""}
    page = signed_in(coordinator).post(_new_url(child), data).content.decode()
    assert "Say why the return interview was not done" in page


def test_the_edit_form_shows_the_episode_in_uk_time_and_saves_changes(coordinator, signed_in):
    child = ChildFactory()
    episode = _episode(child, coordinator, police_reference="OLD-1")
    client = signed_in(coordinator)
    page = client.get(_edit_url(episode)).content.decode()
    assert 'type="datetime-local"' in page
    assert 'value="2026-10-20T22:00"' in page  # stored as 21:00 UTC
    assert 'value="OLD-1"' in page
    assert 'value="not_yet" checked' in page
    response = client.post(_edit_url(episode), VALID)
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.police_reference == "WY-2026-881"
    assert episode.modified_by == coordinator
    assert MissingEpisode.objects.count() == 1


def test_user_text_is_escaped(coordinator, signed_in, make_user):
    child = ChildFactory()
    episode = _episode(child, where_found="<script>alert(1)</script>")
    analyst_page = signed_in(make_user(Role.ANALYST)).get(_edit_url(episode)).content.decode()
    assert "<script>alert(1)</script>" not in analyst_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in analyst_page


# --- Query counts ------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_list_query_count_does_not_grow_with_episodes(coordinator, signed_in):
    client = signed_in(coordinator)
    child = ChildFactory()
    _episode(child, ended_at=_at(2026, 10, 21, 9, 0))
    few = _queries(client, _list_url(child))
    for day in range(1, 20):
        _episode(
            child,
            started_at=_at(2026, 8, day, 20, 0),
            ended_at=_at(2026, 8, day, 23, 0),
            interview_status=Status.COMPLETED,
            interview_completed_at=_at(2026, 8, day + 1, 9, 0),
        )
    assert _queries(client, _list_url(child)) == few


def test_a_time_lost_when_the_clocks_go_forward_is_explained(coordinator, signed_in):
    child = ChildFactory()
    data = {**VALID, "started_at": "2026-03-29T01:30", "ended_at": ""}
    data.update(interview_status="not_yet", interview_offered_at="", interview_completed_at="")
    page = signed_in(coordinator).post(_new_url(child), data).content.decode()
    assert "There is a problem" in page
    assert "This time happens twice, or not at all, when the clocks change" in page
