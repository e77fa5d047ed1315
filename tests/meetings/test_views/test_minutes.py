"""The minutes pages (mace.meetings.views.minutes): a Silver or Gold chair is offered the
approval of their own meeting's minutes and approves them from the page; a seat is not."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_chair_is_offered_the_approval_and_a_seat_is_not(silver, signed_in):
    url = reverse("meetings:minutes", args=[silver["held"].pk])
    approve = reverse("meetings:minutes_approve", args=[silver["held"].pk])
    assert approve in signed_in(silver["chair"]).get(url).content.decode()
    assert approve not in signed_in(silver["seat"]).get(url).content.decode()


def test_the_silver_chair_approves_the_minutes_from_the_page(silver, signed_in, audited):
    from mace.audit.models import Event
    from mace.meetings.models import Minutes

    held = silver["held"]
    response = signed_in(silver["chair"]).post(reverse("meetings:minutes_approve", args=[held.pk]))
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting=held)
    assert (minutes.status, minutes.approved_by) == (Minutes.Status.APPROVED, silver["chair"])
    audited(Event.Verb.MINUTES_APPROVED, actor=silver["chair"], obj=minutes)
