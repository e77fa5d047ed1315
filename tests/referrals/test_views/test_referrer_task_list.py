"""The referral's sections are the GOV.UK task list, and every step has a back link to the
step before it (issue 11.5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.referrals.services.referrals import referral_start

pytestmark = pytest.mark.django_db


def test_the_sections_are_a_task_list_with_each_status(make_user, signed_in):
    user = make_user(Role.REFERRER)
    referral = referral_start(actor=user)
    page = signed_in(user).get(reverse("referrals:step", args=[referral.pk, "subject"]))
    html = page.content.decode()
    tasks = html[html.index('data-testid="referral-sections"') :]
    assert tasks.count('class="govuk-task-list__item') >= 4
    assert '<strong class="govuk-tag govuk-tag--blue">Incomplete</strong>' in tasks
    assert "Cannot send yet" in tasks  # nothing answered yet
    assert 'aria-current="step"' in tasks


def test_each_step_links_back_to_the_one_before(make_user, signed_in):
    user = make_user(Role.REFERRER)
    referral = referral_start(actor=user)
    client = signed_in(user)
    first = client.get(reverse("referrals:step", args=[referral.pk, "referrer"])).content.decode()
    assert f'class="govuk-back-link" href="{reverse("referrals:list")}"' in first
    second = client.get(reverse("referrals:step", args=[referral.pk, "subject"])).content.decode()
    back = reverse("referrals:step", args=[referral.pk, "referrer"])
    assert f'class="govuk-back-link" href="{back}"' in second
