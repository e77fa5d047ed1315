"""Identity resolution against the children recorded: the database side of linkage."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.linkage.records import PersonRecord
from mace.people.identity import candidates_for
from tests.factories import ChildAddressFactory, ChildAliasFactory, ChildFactory


@pytest.mark.django_db
def test_candidate_search_ranks_the_same_child_first_with_reasons():
    from mace.people.models import Child

    dob = dt.date(2011, 4, 3)
    target = ChildFactory(given_name="William", family_name="Smith", date_of_birth=dob)
    ChildAddressFactory(child=target, postcode="LS8 5AB", line_1="12 Harehills Grove")
    ChildAliasFactory(child=target, name="Billy Smith")
    same_dob = ChildFactory(given_name="Wendy", family_name="Sharp", date_of_birth=dob)
    same_name = ChildFactory(
        given_name="William", family_name="Smith", date_of_birth=dt.date(2009, 9, 9)
    )
    neighbour = ChildFactory(
        given_name="Will", family_name="Stone", date_of_birth=dt.date(2010, 1, 1)
    )
    ChildAddressFactory(child=neighbour, postcode="LS8 5AB")
    ChildFactory(given_name="Priya", family_name="Patel", date_of_birth=dt.date(2012, 6, 1))

    referral = PersonRecord(
        id="referral",
        given_name="Bill",
        family_name="SMITH",
        date_of_birth=dt.date(2011, 3, 4),
        postcode="ls85ab",
        address="12 Harehills Grove, Leeds",
    )
    candidates = candidates_for(referral, children_qs=Child.objects.all(), limit=3)
    assert [c.child_id for c in candidates][:1] == [target.pk]
    assert candidates[0].score > 0.9
    assert {c.child_id for c in candidates} <= {
        target.pk,
        same_dob.pk,
        same_name.pk,
        neighbour.pk,
    }
    assert all(x.score >= y.score for x, y in zip(candidates, candidates[1:], strict=False))
    reasons = [str(r) for r in candidates[0].reasons]
    assert any(r.startswith("date of birth: day and month transposed (+") for r in reasons)
    assert any(
        r.startswith('given name: same (alias "Billy Smith")')
        or r.startswith("given name: nickname")
        for r in reasons
    )
    assert any(r.startswith("postcode: same (+") for r in reasons)


@pytest.mark.django_db
def test_candidate_search_only_looks_at_the_children_it_is_given():
    from mace.people.models import Child

    hidden = ChildFactory(
        given_name="Aisha", family_name="Begum", date_of_birth=dt.date(2010, 2, 2)
    )
    referral = PersonRecord(
        id="r", given_name="Aisha", family_name="Begum", date_of_birth=dt.date(2010, 2, 2)
    )
    everyone = candidates_for(referral, children_qs=Child.objects.all())
    assert [c.child_id for c in everyone] == [hidden.pk]
    assert candidates_for(referral, children_qs=Child.objects.exclude(pk=hidden.pk)) == []
