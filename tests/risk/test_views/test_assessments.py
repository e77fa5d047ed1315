"""The assessment pages (mace.risk.views.assessments): the form keeps what was typed after
an error, and the whole journey to a completed assessment on the chronology."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.risk.models import Assessment
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_the_form_keeps_everything_typed_after_an_error(make_user, signed_in):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    client = signed_in(user)
    response = client.post(
        reverse("risk:assessment_new", args=[child.id]),
        {
            "kind": "initial",
            "assessed_on": "not a date",
            "grade-money-debt": "high",
            "evidence-money-debt": "Owes £400 to an older boy",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Date of assessment must be a real date" in page
    assert "Owes £400 to an older boy" in page
    assert 'name="grade-money-debt" type="radio" value="high" checked' in page


def test_the_whole_journey_through_the_pages(make_user, signed_in):
    user = make_user(Role.CHAIR)
    child = ChildFactory()
    client = signed_in(user)
    response = client.post(
        reverse("risk:assessment_new", args=[child.id]),
        {"kind": "initial", "assessed_on": TODAY().isoformat(), "grade-missing-episodes": "medium"},
    )
    assessment = Assessment.objects.get(child=child)
    assert response.url == reverse("risk:assessment_level", args=[child.id, assessment.id])
    page = client.post(response.url, {"final_level": "low"}).content.decode()
    assert "Explain why your judgement differs" in page
    done = client.post(
        response.url,
        {"final_level": "low", "override_rationale": "Protective family, episodes explained"},
    )
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.final_level == "low" and assessment.is_overridden
    chronology = client.get(reverse("risk:chronology", args=[child.id])).content.decode()
    assert "Initial risk assessment completed" in chronology
    assert "Protective family, episodes explained" in chronology
