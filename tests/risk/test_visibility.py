"""Need-to-know for every page of the child's record: role × relation × page.

Reading pages follow the child record page's matrix (written out by hand in
tests/people/test_visibility_matrix.py); forms that add to the record additionally need a
recording role: coordinator, chair, or a member with a grant (readers get 403).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from mace.accounts.models import Role
from mace.audit.models import Event
from tests.security.test_visibility_matrix import EXPECTED_DETAIL, RELATIONS, _child_related

READ_PAGES = ["assessment_list", "vrmp", "missing_list", "statutory_list", "chronology"]
WRITE_PAGES = ["assessment_new", "vrmp_new", "missing_new", "statutory_new"]
RECORDERS = {Role.COORDINATOR, Role.CHAIR, Role.MEMBER}


def _expected_write(role, relation):
    read = EXPECTED_DETAIL[role][relation]
    if read == 200 and role not in RECORDERS:
        return 403
    return read


def _check(response, expected, child):
    if expected == "glass":
        assert response.status_code == 302
        assert response.url == reverse("people:break_glass", args=[child.id])
    else:
        assert response.status_code == expected
    shown = escape(child.full_name) in response.content.decode()
    assert shown == (expected == 200)


@pytest.mark.django_db
@pytest.mark.parametrize("relation", list(RELATIONS))
@pytest.mark.parametrize("role", list(EXPECTED_DETAIL))
def test_reading_pages(role, relation, make_user, signed_in):
    user = make_user(role)
    child = _child_related(user, relation)
    client = signed_in(user)
    expected = EXPECTED_DETAIL[role][relation]
    for page in READ_PAGES:
        response = client.get(reverse(f"risk:{page}", args=[child.id]))
        _check(response, expected, child)
        logged = Event.objects.filter(
            actor=user, child=child, verb=Event.Verb.CHILD_VIEWED, path__contains=page[:5]
        )
        assert logged.exists() == (expected == 200), page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "relation", ["none", "restricted", "invited", "invitation_expired", "escalated", "broke_glass"]
)
@pytest.mark.parametrize("role", list(EXPECTED_DETAIL))
def test_forms_that_add_to_the_record(role, relation, make_user, signed_in):
    user = make_user(role)
    child = _child_related(user, relation)
    client = signed_in(user)
    expected = _expected_write(role, relation)
    for page in WRITE_PAGES:
        response = client.get(reverse(f"risk:{page}", args=[child.id]))
        if expected == 403:
            assert response.status_code == 403, page
        else:
            _check(response, expected, child)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ANALYST, Role.SILVER, Role.AUDITOR])
def test_readers_cannot_post_an_assessment(role, make_user, signed_in):
    from tests.factories import ChildAccessFactory, ChildFactory

    user = make_user(role)
    child = ChildFactory()
    ChildAccessFactory(user=user, child=child, basis="escalation")
    response = signed_in(user).post(
        reverse("risk:assessment_new", args=[child.id]),
        {"kind": "initial", "assessed_on": "2026-11-01"},
    )
    assert response.status_code in (403, 404)
    assert not child.risk_assessments.exists()
