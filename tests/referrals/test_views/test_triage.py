"""The triage page shows candidate matches with reasons; confirming one links the child."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.referrals.models import ReferralLink
from tests.factories import ChildAddressFactory, ChildAliasFactory, ChildFactory, submitted_referral

pytestmark = pytest.mark.django_db


def test_a_known_child_is_proposed_with_reasons_and_can_be_confirmed(make_user, signed_in):
    known = ChildFactory(
        given_name="Kayden", family_name="Oduya", date_of_birth=dt.date(2011, 5, 14)
    )
    ChildAddressFactory(child=known, postcode="LS9 7QT")
    ChildAliasFactory(child=known, name="KD")
    ChildFactory(given_name="Grace", family_name="Oduya", date_of_birth=dt.date(2009, 1, 2))
    # The referral spells the name differently and swaps day and month.
    referral = submitted_referral(
        child_given_name="Kaden",
        child_family_name="Oduya",
        child_date_of_birth=dt.date(2011, 5, 14),
    )
    coordinator = make_user(Role.COORDINATOR)
    client = signed_in(coordinator)
    page = client.get(reverse("triage:detail", args=[referral.id]))
    candidates = page.context["candidates"]
    assert candidates[0].child == known
    assert candidates[0].score > 0.5
    assert any("birth" in r.lower() for r in candidates[0].reasons)
    assert Event.objects.filter(
        actor=coordinator, child=known, verb=Event.Verb.CHILDREN_LISTED
    ).exists()
    client.post(reverse("triage:link", args=[referral.id]), {"child_id": str(known.id)})
    referral.refresh_from_db()
    assert referral.child == known
    link = ReferralLink.objects.get(referral=referral)
    assert link.score == pytest.approx(candidates[0].score)
    assert link.reasons and isinstance(link.reasons[0], str)


def test_create_a_new_child_from_the_triage_page(make_user, signed_in):
    referral = submitted_referral(child_given_name="Zofia", child_family_name="Nowak")
    client = signed_in(make_user(Role.COORDINATOR))
    client.post(reverse("triage:link", args=[referral.id]), {"child_id": "new"})
    referral.refresh_from_db()
    assert referral.child.full_name == "Zofia Nowak"


def test_the_triage_page_query_count_does_not_grow_with_the_cohort(make_user, signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    referral = submitted_referral()
    client = signed_in(make_user(Role.COORDINATOR))
    # Namesakes that every blocking rule finds, so both counts take the full path.
    namesakes = {
        "given_name": "Kayden",
        "family_name": "Oduya",
        "date_of_birth": dt.date(2011, 5, 14),
    }
    ChildFactory.create_batch(3, **namesakes)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("triage:detail", args=[referral.id]))
        return len(ctx.captured_queries)

    count()  # warm the cached cohort size
    few = count()
    ChildFactory.create_batch(30, **namesakes)
    assert count() == few
