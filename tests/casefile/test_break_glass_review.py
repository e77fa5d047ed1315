"""The auditor's break-glass review names the child (identity, not narrative), each child
named is logged, and the review records a finding (issue 11.7)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people import services as people_services
from mace.people.models import ChildAccess
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

REASON = "Strategy discussion at 2pm today; the social worker needs the missing history"
Finding = ChildAccess.ReviewFinding


@pytest.fixture
def glass(make_user):
    child = ChildFactory(given_name="Maisie", family_name="Holroyd", restricted=True)
    opener = make_user(Role.COORDINATOR, full_name="Priya Sharma")
    grant = people_services.break_glass_open(actor=opener, child_id=child.id, reason=REASON)
    return {"child": child, "grant": grant, "auditor": make_user(Role.AUDITOR)}


def _url(grant) -> str:
    return reverse("audit:break_glass_review", args=[grant.pk])


def test_the_queue_and_the_review_page_name_the_child_and_log_it(glass, signed_in):
    client = signed_in(glass["auditor"])
    listing = client.get(reverse("audit:break_glass_list")).content.decode()
    assert "Maisie Holroyd" in listing
    page = client.get(_url(glass["grant"])).content.decode()
    assert "Maisie Holroyd" in page
    logged = Event.objects.filter(
        verb=Event.Verb.CHILDREN_LISTED, actor=glass["auditor"], child=glass["child"]
    )
    assert sorted(e.payload["page"] for e in logged) == [
        "break_glass_review",
        "break_glass_reviews",
    ]


@pytest.mark.parametrize("finding", [Finding.JUSTIFIED, Finding.REFERRED_DPO])
def test_a_finding_is_recorded_with_its_note(glass, audited, finding):
    grant = people_services.break_glass_review(
        actor=glass["auditor"], grant_id=glass["grant"].pk, finding=finding, note="Spoke to TM"
    )
    assert (grant.review_finding, grant.review_note, grant.review_follow_up) == (
        finding,
        "Spoke to TM",
        "",
    )
    event = audited(
        Event.Verb.BREAK_GLASS_REVIEWED, actor=glass["auditor"], child=glass["child"], obj=grant
    )
    assert event.payload == {"finding": finding, "follow_up": ""}


def test_not_justified_needs_what_follows(glass, audited):
    with pytest.raises(ValidationError) as refused:
        people_services.break_glass_review(
            actor=glass["auditor"],
            grant_id=glass["grant"].pk,
            finding=Finding.NOT_JUSTIFIED,
            note="No meeting that day",
        )
    assert refused.value.message_dict == {
        "follow_up": ["Enter what follows, for example raised with their line manager"]
    }
    audited(Event.Verb.BREAK_GLASS_REVIEWED, count=0)
    grant = people_services.break_glass_review(
        actor=glass["auditor"],
        grant_id=glass["grant"].pk,
        finding=Finding.NOT_JUSTIFIED,
        note="No meeting that day",
        follow_up="Raised with their line manager",
    )
    assert grant.review_follow_up == "Raised with their line manager"
    event = audited(Event.Verb.BREAK_GLASS_REVIEWED, actor=glass["auditor"], obj=grant)
    assert event.payload["finding"] == Finding.NOT_JUSTIFIED


def test_a_review_without_a_finding_is_refused(glass):
    with pytest.raises(ValidationError) as refused:
        people_services.break_glass_review(
            actor=glass["auditor"], grant_id=glass["grant"].pk, finding="", note="ok"
        )
    assert refused.value.message_dict == {"finding": ["Choose what the review found"]}


def test_the_page_keeps_what_was_typed_and_says_what_is_missing(glass, signed_in):
    client = signed_in(glass["auditor"])
    response = client.post(
        _url(glass["grant"]), {"finding": Finding.NOT_JUSTIFIED, "note": "No meeting that day"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter what follows" in page
    assert "No meeting that day</textarea>" in page
    response = client.post(
        _url(glass["grant"]),
        {
            "finding": Finding.NOT_JUSTIFIED,
            "note": "No meeting that day",
            "follow_up": "Raised with their line manager",
        },
    )
    assert response.status_code == 302
    listing = client.get(reverse("audit:break_glass_list")).content.decode()
    assert "Not justified" in listing and "Raised with their line manager" in listing


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.AUDITOR])
def test_only_the_auditor_opens_the_review(glass, signed_in, make_user, role):
    client = signed_in(make_user(role))
    assert client.get(_url(glass["grant"])).status_code in (403, 404)
    assert client.get(reverse("audit:break_glass_list")).status_code in (403, 404)
