"""Need-to-know as a matrix: every role × relation to the child × page (ARCHITECTURE §4).

The expected outcomes are written out by hand, not computed by the rules under test. The
child's record page sets the matrix; every other page of the record follows it, and the
forms that add to the record also need a recording role: coordinator, chair, or a member
with a grant (readers get 403)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.models import ChildAccess
from tests.factories import ChildAccessFactory, ChildFactory

B = ChildAccess.Basis

# relation -> (restricted?, [(basis, active?)])
RELATIONS = {
    "none": (False, []),
    "restricted": (True, []),
    "invited": (False, [(B.INVITATION, True)]),
    "invitation_expired": (False, [(B.INVITATION, False)]),
    "action_owner": (False, [(B.ACTION, True)]),
    "escalated": (False, [(B.ESCALATION, True)]),
    "named_restricted": (True, [(B.NAMED, True)]),
    "invited_restricted": (True, [(B.INVITATION, True)]),
    "invited_named_restricted": (True, [(B.INVITATION, True), (B.NAMED, True)]),
    "broke_glass": (True, [(B.INVITATION, True), (B.BREAK_GLASS, True)]),
    "broke_glass_expired": (True, [(B.INVITATION, True), (B.BREAK_GLASS, False)]),
}

# What the child's record page does: 200 shows it, 404 hides it, "glass" sends the user to
# the break-glass page.
COHORT = {
    "none": 200,
    "restricted": "glass",
    "invited": 200,
    "invitation_expired": 200,
    "action_owner": 200,
    "escalated": 200,
    "named_restricted": 200,
    "invited_restricted": "glass",
    "invited_named_restricted": 200,
    "broke_glass": 200,
    "broke_glass_expired": "glass",
}
MEMBER = {
    "none": 404,
    "restricted": 404,
    "invited": 200,
    "invitation_expired": 404,
    "action_owner": 200,
    "escalated": 404,
    "named_restricted": 404,
    "invited_restricted": "glass",
    "invited_named_restricted": 200,
    "broke_glass": 200,
    "broke_glass_expired": "glass",
}
SILVER_GOLD = {
    "none": 404,
    "restricted": 404,
    "invited": 404,
    "invitation_expired": 404,
    "action_owner": 404,
    "escalated": 200,
    "named_restricted": 404,
    "invited_restricted": 404,
    "invited_named_restricted": 404,
    "broke_glass": 404,
    "broke_glass_expired": 404,
}
NOBODY = dict.fromkeys(RELATIONS, 404)

EXPECTED_DETAIL = {
    Role.COORDINATOR: COHORT,
    Role.CHAIR: COHORT,
    Role.ANALYST: COHORT,
    Role.MEMBER: MEMBER,
    Role.SILVER: SILVER_GOLD,
    Role.GOLD: SILVER_GOLD,
    Role.REFERRER: NOBODY,
    Role.AUDITOR: NOBODY,
    Role.ADMIN: NOBODY,
}

CASES = [(role, relation) for role in EXPECTED_DETAIL for relation in RELATIONS]


def _child_related(user, relation):
    restricted, grants = RELATIONS[relation]
    child = ChildFactory(restricted=restricted, family_name="Zarzycka-Whitfield")
    now = timezone.now()
    for basis, active in grants:
        ChildAccessFactory(
            user=user,
            child=child,
            basis=basis,
            starts_at=now - dt.timedelta(days=40),
            expires_at=(now + dt.timedelta(days=1)) if active else (now - dt.timedelta(days=1)),
        )
    return child


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "relation"), CASES)
def test_child_record_page(role, relation, make_user, signed_in):
    user = make_user(role)
    child = _child_related(user, relation)
    client = signed_in(user)
    response = client.get(reverse("people:child_detail", args=[child.id]))
    expected = EXPECTED_DETAIL[role][relation]
    if expected == "glass":
        assert response.status_code == 302
        assert response.url == reverse("people:break_glass", args=[child.id])
    else:
        assert response.status_code == expected
    shown = escape(child.family_name) in response.content.decode()
    assert shown == (expected == 200)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "relation"), CASES)
def test_break_glass_page_offered_only_where_the_record_page_says_so(
    role, relation, make_user, signed_in
):
    user = make_user(role)
    child = _child_related(user, relation)
    client = signed_in(user)
    response = client.get(reverse("people:break_glass", args=[child.id]))
    assert response.status_code == (200 if EXPECTED_DETAIL[role][relation] == "glass" else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED_DETAIL))
def test_missing_and_not_yours_look_the_same(role, make_user, signed_in):
    import uuid

    user = make_user(role)
    hidden = ChildFactory(restricted=False)
    client = signed_in(user)
    missing = client.get(reverse("people:child_detail", args=[uuid.uuid4()]))
    not_yours = client.get(reverse("people:child_detail", args=[hidden.id]))
    assert missing.status_code == 404
    if EXPECTED_DETAIL[role]["none"] == 404:
        assert not_yours.status_code == 404
        assert _without_csrf(not_yours) == _without_csrf(missing)


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


EXPECTED_LIST = {
    Role.COORDINATOR: 200,
    Role.CHAIR: 200,
    Role.ANALYST: 200,
    Role.MEMBER: 404,
    Role.SILVER: 404,
    Role.GOLD: 404,
    Role.REFERRER: 404,
    Role.AUDITOR: 404,
    Role.ADMIN: 404,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED_LIST))
def test_child_list_page(role, make_user, signed_in):
    ChildFactory(family_name="Okonkwo")
    client = signed_in(make_user(role))
    response = client.get(reverse("people:child_list"))
    assert response.status_code == EXPECTED_LIST[role]
    assert ("OKONKWO" in response.content.decode()) == (EXPECTED_LIST[role] == 200)


@pytest.mark.django_db
def test_locked_restricted_record_is_listed_only_for_a_search_and_without_its_name(
    make_user, signed_in
):
    ChildFactory(given_name="Aleksandra", family_name="Nowakowska", restricted=True)
    client = signed_in(make_user(Role.COORDINATOR))
    browse = client.get(reverse("people:child_list")).content.decode()
    assert "NOWAKOWSKA" not in browse
    assert "restricted record matches" not in browse
    search = client.get(reverse("people:child_list"), {"q": "Nowakowska"}).content.decode()
    assert "A restricted record matches your search" in search
    assert "NOWAKOWSKA" not in search
    assert "Aleksandra" not in search.replace("Nowakowska", "")


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.AUDITOR, 200), *[(r, 404) for r in Role.values if r != Role.AUDITOR]],
)
@pytest.mark.django_db
def test_change_history_is_for_the_auditor_only(role, expected, make_user, signed_in):
    child = ChildFactory()
    client = signed_in(make_user(role))
    response = client.get(reverse("audit:child_history", args=[child.id]))
    assert response.status_code == expected


# Every other page of the child's record follows the record page's matrix; the forms that
# add to the record also need a recording role.


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
