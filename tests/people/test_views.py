"""The children's list and the break-glass page (mace.people.views): every child shown is
logged, breaking the glass needs a reason, and the list's query count does not grow with
the cohort."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_child_list_query_count_is_independent_of_cohort_size(make_user, signed_in):
    client = signed_in(make_user(Role.COORDINATOR))
    ChildFactory.create_batch(3)
    few = _queries(client, reverse("people:child_list"))
    ChildFactory.create_batch(40)
    many = _queries(client, reverse("people:child_list"))
    assert few == many


def test_every_child_shown_in_a_search_is_logged(make_user, signed_in):
    children = ChildFactory.create_batch(3, family_name="Begum")
    ChildFactory(family_name="Kowalski")
    client = signed_in(make_user(Role.CHAIR))
    client.get(reverse("people:child_list"), {"q": "Begum"})
    logged = set(
        Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED).values_list("child_id", flat=True)
    )
    assert logged == {c.id for c in children}


def test_break_glass_is_logged_with_its_reason_and_queued_for_review(make_user, signed_in):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory(restricted=True)
    client = signed_in(user)
    reason = "Police called: child missing tonight, need placement address"
    response = client.post(reverse("people:break_glass", args=[child.id]), {"reason": reason})
    assert response.status_code == 302
    event = Event.objects.get(verb=Event.Verb.BREAK_GLASS)
    assert event.reason == reason
    assert event.child_id == child.id
    grant = child.access_grants.get(basis="break_glass")
    assert grant.reviewed_at is None
    hours = (grant.expires_at - grant.starts_at).total_seconds() / 3600
    assert hours == pytest.approx(4)
    view = client.get(reverse("people:child_detail", args=[child.id]))
    assert view.status_code == 200


def test_break_glass_without_a_reason_is_refused_and_keeps_the_text(make_user, signed_in):
    child = ChildFactory(restricted=True)
    client = signed_in(make_user(Role.COORDINATOR))
    response = client.post(reverse("people:break_glass", args=[child.id]), {"reason": "urgent"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "at least 20 characters" in page
    assert ">urgent</textarea>" in page
    assert not child.access_grants.exists()
