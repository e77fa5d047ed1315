"""Triage shows what the coordinator needs to decide (issue 11.4): other referrals about
the same child in the last 12 months, the child's risk level and VRMP, a context referral's
own description, the contextual MACE as the place for a context referral, and an error
when "Confirm" is pressed with no child chosen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.core import clock
from mace.referrals.models import Referral, ReferralDecision
from mace.referrals.selectors.referrals import referrals_about_child_in_year
from mace.risk.services.vrmp import vrmp_create
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _referral(**fields) -> Referral:
    defaults = {
        "status": Referral.Status.NEW,
        "submitted_at": clock.now(),
        "referrer_name": "Dee Sharma",
        "referrer_email": "dee.sharma@leeds.gov.example",
        "referrer_agency": "Harehills Academy",
        "child_given_name": "Kayden",
        "child_family_name": "Oduya",
        "child_date_of_birth": dt.date(2011, 5, 14),
        "concerns": ["cce", "missing"],
        "why_mace": "Three missing episodes in a month, found in Bradford",
    }
    defaults.update(fields)
    return Referral.objects.create(**defaults)


def _page(client, referral) -> str:
    response = client.get(reverse("triage:detail", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_last_years_referrals_about_the_child_are_listed(make_user, signed_in):
    kayden = ChildFactory(given_name="Kayden", family_name="Oduya")
    now = clock.now()
    old = _referral(child=kayden, submitted_at=now - dt.timedelta(days=400))
    spring = _referral(
        child=kayden, submitted_at=now - dt.timedelta(days=200), status=Referral.Status.DECLINED
    )
    summer = _referral(child=kayden, submitted_at=now - dt.timedelta(days=60))
    _referral(child=ChildFactory(), submitted_at=now - dt.timedelta(days=30))  # another child
    current = _referral(child=kayden)
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
    page = _page(signed_in(coordinator), _referral(child=kayden))
    record = page[page.index('data-testid="child-record"') :]
    assert "Not assessed" in record
    assert "Active; next review" in record
    assert "None open" in record


def test_a_restricted_childs_record_is_not_shown_at_triage(make_user, signed_in):
    hidden = ChildFactory(given_name="Maisie", family_name="Holroyd", restricted=True)
    page = _page(signed_in(make_user(Role.COORDINATOR)), _referral(child=hidden))
    assert 'data-testid="child-record"' not in page
    assert "Maisie" not in page.split("The referral as submitted")[0]


def test_a_context_referrals_own_description_is_shown(make_user, signed_in):
    referral = _referral(
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
    referral = _referral(subject=Referral.Subject.CONTEXT, context_description="A park")
    page = _page(signed_in(make_user(Role.COORDINATOR)), referral)
    assert "Accept for the contextual MACE" in page
    assert "Accept for a child-focused MACE" not in page
    child_page = _page(signed_in(make_user(Role.COORDINATOR)), _referral())
    assert "Accept for a child-focused MACE" in child_page


def test_the_decision_email_keeps_mace_in_capitals(make_user):
    from django.core import mail

    from mace.referrals.services.notify import referral_decision_notify

    referral = _referral(subject=Referral.Subject.CONTEXT, context_description="A park")
    decision = ReferralDecision.objects.create(
        referral=referral, decision="accept", reason="Meets the criteria for contextual work"
    )
    referral_decision_notify(decision_id=decision.pk)
    [message] = mail.outbox
    assert message.subject == f"MACE referral {referral.reference}: accept for the contextual MACE"
    assert "Accept for the contextual MACE" in message.body


def test_confirm_with_no_child_chosen_is_an_error_on_the_page(make_user, signed_in):
    referral = _referral()
    client = signed_in(make_user(Role.COORDINATOR))
    response = client.post(reverse("triage:link", args=[referral.pk]), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose the child this referral is about, or create a new child" in page
    assert "govuk-form-group--error" in page
    referral.refresh_from_db()
    assert referral.child_id is None
