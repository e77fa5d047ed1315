"""The triage pages (mace.referrals.views.triage): only the coordinator triages; candidate
matches are shown with reasons and confirming one links the child ("Confirm" with no
child chosen is an error on the page); what the coordinator needs to decide is shown
(the last 12 months' referrals about the child, their risk level and VRMP, a context
referral's own description); a restricted record (a possible match or a linked child) is
shown as "a restricted record" to a coordinator not named on it, and logged as such,
never by name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.people.models import ChildAccess
from mace.referrals.models import Referral, ReferralLink
from mace.referrals.selectors.referrals import referrals_about_child_in_year
from mace.referrals.services.triage import referral_decide
from mace.risk.services.vrmp import vrmp_create
from tests.factories import (
    ChildAccessFactory,
    ChildAddressFactory,
    ChildAliasFactory,
    ChildFactory,
    new_referral,
    submitted_referral,
)

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


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.COORDINATOR])
def test_only_the_coordinator_triages(role, make_user, signed_in):
    referral = submitted_referral()
    client = signed_in(make_user(role))
    assert client.get(reverse("triage:queue")).status_code == 404
    assert client.get(reverse("triage:detail", args=[referral.id])).status_code == 404
    with pytest.raises((PermissionDenied, Exception)):
        referral_decide(
            actor=make_user(role),
            referral_id=referral.id,
            decision="decline",
            reason="Not for MACE at all",
        )


def test_requests_are_not_atomic():
    """The triage page reads where the referral went right after the decision: that needs
    the decision (and its listeners) to have committed before the view goes on."""
    assert not settings.DATABASES["default"].get("ATOMIC_REQUESTS")


# A restricted record.


@pytest.fixture
def restricted_child():
    child = ChildFactory(
        given_name="Kayden",
        family_name="Oduya",
        date_of_birth=dt.date(2011, 5, 14),
        restricted=True,
    )
    ChildAddressFactory(child=child, postcode="LS9 7QT")
    return child


def _events(user, child):
    return set(Event.objects.filter(actor=user, child=child).values_list("verb", flat=True))


def test_a_restricted_possible_match_is_not_named(restricted_child, make_user, signed_in):
    referral = submitted_referral(child_given_name="Kaden")
    coordinator = make_user(Role.COORDINATOR)
    page = signed_in(coordinator).get(reverse("triage:detail", args=[referral.id]))
    text = page.content.decode()
    [candidate] = page.context["candidates"]
    assert candidate.child == restricted_child and candidate.locked
    assert "A restricted record (only named people may open it)" in text
    assert "14 May 2011" not in text.split("Is this a child we know?")[1]
    assert "Kayden Oduya" not in text
    assert _events(coordinator, restricted_child) == {Event.Verb.RESTRICTED_LISTED}


def test_a_coordinator_named_on_the_record_sees_the_match_by_name(
    restricted_child, make_user, signed_in
):
    referral = submitted_referral(child_given_name="Kaden")
    coordinator = make_user(Role.COORDINATOR)
    ChildAccessFactory(child=restricted_child, user=coordinator, basis=ChildAccess.Basis.NAMED)
    page = signed_in(coordinator).get(reverse("triage:detail", args=[referral.id]))
    assert "Kayden Oduya, born 14 May 2011" in page.content.decode()
    assert _events(coordinator, restricted_child) == {Event.Verb.CHILDREN_LISTED}


def test_a_referral_linked_to_a_restricted_record_does_not_name_it(
    restricted_child, make_user, signed_in
):
    referral = submitted_referral(child=restricted_child, child_given_name="K.")
    coordinator = make_user(Role.COORDINATOR)
    client = signed_in(coordinator)
    detail = client.get(reverse("triage:detail", args=[referral.id])).content.decode()
    assert "Linked to" in detail and "a restricted record" in detail
    assert "Kayden Oduya" not in detail
    queue = client.get(reverse("triage:queue")).content.decode()
    assert "Known child" not in queue
    assert Event.Verb.CHILD_VIEWED not in _events(coordinator, restricted_child)
    assert Event.Verb.RESTRICTED_LISTED in _events(coordinator, restricted_child)


def _page(client, referral) -> str:
    response = client.get(reverse("triage:detail", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_last_years_referrals_about_the_child_are_listed(make_user, signed_in):
    kayden = ChildFactory(given_name="Kayden", family_name="Oduya")
    now = clock.now()
    old = new_referral(child=kayden, submitted_at=now - dt.timedelta(days=400))
    spring = new_referral(
        child=kayden, submitted_at=now - dt.timedelta(days=200), status=Referral.Status.DECLINED
    )
    summer = new_referral(child=kayden, submitted_at=now - dt.timedelta(days=60))
    new_referral(child=ChildFactory(), submitted_at=now - dt.timedelta(days=30))  # another child
    current = new_referral(child=kayden)
    assert list(referrals_about_child_in_year(referral=current)) == [summer, spring]
    page = _page(signed_in(make_user(Role.COORDINATOR)), current)
    listed = page[page.index('data-testid="year-referrals"') :]
    assert summer.reference in listed and spring.reference in listed
    assert old.reference not in listed


def test_the_childs_risk_level_and_vrmp_are_shown(make_user, signed_in):
    coordinator = make_user(Role.COORDINATOR)
    kayden = ChildFactory(given_name="Kayden", family_name="Oduya")
    vrmp_create(
        actor=coordinator,
        child=kayden,
        vulnerabilities="Exclusion from school",
        next_review_date=clock.today() + dt.timedelta(weeks=6),
    )
    page = _page(signed_in(coordinator), new_referral(child=kayden))
    record = page[page.index('data-testid="child-record"') :]
    assert "Not assessed" in record
    assert "Active; next review" in record
    assert "None open" in record


def test_a_restricted_childs_record_is_not_shown_at_triage(make_user, signed_in):
    hidden = ChildFactory(given_name="Maisie", family_name="Holroyd", restricted=True)
    page = _page(signed_in(make_user(Role.COORDINATOR)), new_referral(child=hidden))
    assert 'data-testid="child-record"' not in page
    assert "Maisie" not in page.split("The referral as submitted")[0]


def test_a_context_referrals_own_description_is_shown(make_user, signed_in):
    referral = new_referral(
        subject=Referral.Subject.CONTEXT,
        child_given_name="",
        child_family_name="",
        context_description="Older males giving lifts to girls from the Kirkgate bus station",
        places_of_concern="Kirkgate Market car park",
        peer_groups="",
    )
    page = _page(signed_in(make_user(Role.COORDINATOR)), referral)
    context = page[page.index('data-testid="context-referral"') :]
    assert "Older males giving lifts" in context
    assert "Kirkgate Market car park" in context
    assert "Not given" in context  # the peer groups left empty say so


def test_a_context_referral_is_accepted_for_the_contextual_mace(make_user, signed_in):
    referral = new_referral(subject=Referral.Subject.CONTEXT, context_description="A park")
    page = _page(signed_in(make_user(Role.COORDINATOR)), referral)
    assert "Accept for the contextual MACE" in page
    assert "Accept for a child-focused MACE" not in page
    child_page = _page(signed_in(make_user(Role.COORDINATOR)), new_referral())
    assert "Accept for a child-focused MACE" in child_page


def test_confirm_with_no_child_chosen_is_an_error_on_the_page(make_user, signed_in):
    referral = new_referral()
    client = signed_in(make_user(Role.COORDINATOR))
    response = client.post(reverse("triage:link", args=[referral.pk]), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose the child this referral is about, or create a new child" in page
    assert "govuk-form-group--error" in page
    referral.refresh_from_db()
    assert referral.child_id is None
