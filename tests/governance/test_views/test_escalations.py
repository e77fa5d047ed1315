"""The escalation pages: who may open each, the raise form (from a finding, from a
child's outcome, and keeping what was typed), the page of one escalation as each audience
sees it, responding and raising to Gold."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.governance.models import Escalation
from mace.meetings.models import Outcome
from tests.factories import ChildFactory, escalated, finding_made, held_meeting

pytestmark = pytest.mark.django_db

ROLES = [
    Role.CHAIR,
    Role.COORDINATOR,
    Role.SILVER,
    Role.GOLD,
    Role.MEMBER,
    Role.ANALYST,
    Role.AUDITOR,
    Role.ADMIN,
]
# Status of each page (rows) for each role (columns above), an escalation to Silver.
MATRIX = {
    "escalations": (200, 200, 200, 200, 404, 404, 404, 404),
    "raise": (200, 200, 403, 403, 404, 404, 404, 404),
    "detail": (200, 200, 200, 404, 404, 404, 404, 404),
    "respond": (200, 200, 200, 404, 404, 404, 404, 404),
    "to_gold": (200, 200, 200, 404, 404, 404, 404, 404),
    "close": (200, 200, 200, 404, 404, 404, 404, 404),
}


@pytest.fixture
def chair(make_user):
    return make_user(Role.CHAIR, full_name="Carla Chair")


def _url(page, escalation):
    if page == "escalations":
        return reverse("governance:escalations")
    if page == "raise":
        return reverse("governance:escalation_raise")
    name = {"detail": "escalation_detail"}.get(page, f"escalation_{page}")
    return reverse(f"governance:{name}", args=[escalation.pk])


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("index", range(len(ROLES)))
def test_who_may_open_each_page(make_user, signed_in, chair, page, index):
    escalation = escalated(chair)
    client = signed_in(make_user(ROLES[index]))
    assert client.get(_url(page, escalation)).status_code == MATRIX[page][index]


def test_gold_opens_an_escalation_to_gold_and_responds_not_to_silvers(make_user, signed_in, chair):
    gold_one = escalated(chair, to="gold")
    client = signed_in(make_user(Role.GOLD))
    assert client.get(_url("detail", gold_one)).status_code == 200
    assert client.get(_url("respond", gold_one)).status_code == 200
    assert client.get(_url("to_gold", gold_one)).status_code == 403
    silver_client = signed_in(make_user(Role.SILVER))
    assert silver_client.get(_url("respond", gold_one)).status_code == 403


def test_silver_reads_the_escalated_child_by_name_gold_reads_a_child(make_user, signed_in, chair):
    child = ChildFactory(given_name="Jade", family_name="Okafor")
    silver_only = escalated(chair, children=[child], title="To Silver")
    gold_child = ChildFactory(given_name="Thaddeus", family_name="Wolstenholme-Pye")
    to_gold = escalated(chair, to="gold", children=[gold_child], title="G")
    silver = signed_in(make_user(Role.SILVER))

    page = silver.get(_url("detail", silver_only)).content.decode()
    assert "Jade Okafor" in page
    page = silver.get(_url("detail", to_gold)).content.decode()
    assert "Thaddeus" not in page and "A child" in page


def test_the_list_counts_children_and_names_none(make_user, signed_in, chair):
    # A name no factory makes for a user, so the page's header cannot contain it.
    child = ChildFactory(given_name="Zephyrine", family_name="Quarmby-Hale")
    escalated(chair, children=[child], title="Harehills recruitment")
    page = signed_in(make_user(Role.SILVER)).get(_url("escalations", None)).content.decode()
    assert "Harehills recruitment" in page and "1 child" in page and "Zephyrine" not in page


def test_the_list_takes_a_fixed_number_of_queries(
    make_user, signed_in, chair, django_assert_max_num_queries
):
    client = signed_in(make_user(Role.SILVER))
    escalated(chair, children=[ChildFactory()])
    with django_assert_max_num_queries(30) as first:
        client.get(_url("escalations", None))
    for n in range(5):
        escalated(chair, children=[ChildFactory()], title=f"More {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(_url("escalations", None))


def test_raising_from_a_finding_starts_from_it_and_links_it(make_user, signed_in, chair):
    finding = finding_made(description="Recruitment outside Harehills takeaway")
    silver = make_user(Role.SILVER, full_name="Sam Silver")
    client = signed_in(chair)
    url = reverse("governance:escalation_raise") + f"?finding={finding.pk}"

    page = client.get(url).content.decode()
    assert "Recruitment outside Harehills takeaway" in page
    assert 'value="emerging_risk" selected' in page

    response = client.post(
        url,
        {
            "to": "silver",
            "kind": "emerging_risk",
            "title": "Takeaway recruitment",
            "description": "Recruitment outside Harehills takeaway",
            "owner": silver.pk,
            "children": "",
        },
    )
    escalation = Escalation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("governance:escalation_detail", args=[escalation.pk])
    assert escalation.raised_from_finding == finding and escalation.owner == silver


def test_a_raise_form_with_mistakes_keeps_what_was_typed(make_user, signed_in, chair):
    client = signed_in(chair)
    response = client.post(
        reverse("governance:escalation_raise"),
        {
            "to": "silver",
            "kind": "child",
            "title": "Jade going missing",
            "description": "",
            "owner": chair.pk,
            "children": "NOPE-1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Escalation.objects.exists()
    assert "Error: Raise an escalation" in page
    assert 'value="Jade going missing"' in page and "NOPE-1" in page
    assert "Say what is escalated and why" in page
    assert "No child you can see has the case system ID NOPE-1" in page


def test_a_child_named_by_its_case_system_id_is_escalated(make_user, signed_in, chair):
    child = ChildFactory(case_system_id="LCC-1001")
    client = signed_in(chair)
    client.post(
        reverse("governance:escalation_raise"),
        {
            "to": "gold",
            "kind": "child",
            "title": "Jade",
            "description": "Exploited, risk rising",
            "owner": chair.pk,
            "children": "LCC-1001",
        },
    )
    assert list(Escalation.objects.get().children.all()) == [child]


def test_raising_from_a_childs_outcome_escalate_to_gold(make_user, signed_in, chair):
    coordinator = make_user(Role.COORDINATOR)
    child = ChildFactory(given_name="Jade", family_name="Okafor")
    meeting = held_meeting(
        dt.date(2026, 1, 7),
        actor=coordinator,
        children=[(child, {"outcome": Outcome.ESCALATE_GOLD})],
    )
    discussion = meeting.items.get().discussion
    client = signed_in(chair)

    listing = client.get(reverse("governance:escalations")).content.decode()
    url = reverse("governance:escalation_raise") + f"?discussion={discussion.pk}"
    assert url.replace("&", "&amp;") in listing and "Jade Okafor" in listing
    form = client.get(url).content.decode()
    assert "decided to escalate Jade Okafor to Gold" in form
    client.post(
        url,
        {
            "to": "gold",
            "kind": "child",
            "title": "Jade Okafor",
            "description": "Risk rising",
            "owner": chair.pk,
        },
    )
    escalation = Escalation.objects.get()
    assert escalation.raised_from_discussion == discussion
    assert list(escalation.children.all()) == [child]
    assert client.get(url).status_code == 404


def test_silver_responds_and_a_blank_response_is_refused(make_user, signed_in, chair):
    escalation = escalated(chair)
    client = signed_in(make_user(Role.SILVER))
    url = _url("respond", escalation)

    page = client.post(url, {"response": ""}).content.decode()
    assert "Enter the response" in page
    response = client.post(url, {"response": "Silver will audit"})
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "responded"
    assert "Silver will audit" in client.get(_url("detail", escalation)).content.decode()


def test_silver_raises_to_gold_from_the_page(make_user, signed_in, chair):
    escalation = escalated(chair, title="Recruitment")
    silver = make_user(Role.SILVER)
    client = signed_in(silver)
    page = client.get(_url("to_gold", escalation)).content.decode()
    assert 'value="Recruitment"' in page
    response = client.post(
        _url("to_gold", escalation),
        {"title": "Recruitment (Gold)", "description": "Resources needed", "owner": silver.pk},
    )
    gold = Escalation.objects.get(to="gold")
    assert response.url == reverse("governance:escalation_detail", args=[gold.pk])
    assert gold.parent == escalation


def test_closing_from_the_page(make_user, signed_in, chair):
    escalation = escalated(chair)
    client = signed_in(make_user(Role.SILVER))
    client.post(_url("close", escalation), {"note": "Resolved"})
    escalation.refresh_from_db()
    assert escalation.status == "closed" and escalation.closing_note == "Resolved"
    assert "Respond" not in client.get(_url("detail", escalation)).content.decode()


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.SILVER, True),
        (Role.GOLD, True),
        (Role.CHAIR, True),
        (Role.COORDINATOR, True),
        (Role.MEMBER, False),
        (Role.ANALYST, False),
    ],
)
def test_the_navigation_leads_silver_gold_and_the_organisers_here(
    make_user, signed_in, role, shown
):
    page = signed_in(make_user(role)).get(reverse("web:home")).content.decode()
    assert (reverse("governance:escalations") in page) is shown
    assert (reverse("governance:plan") in page) is shown


def test_an_escalations_page_takes_a_fixed_number_of_queries(
    make_user, signed_in, chair, django_assert_max_num_queries
):
    client = signed_in(make_user(Role.SILVER))
    small = escalated(chair, children=[ChildFactory()], finding=finding_made())
    large = escalated(chair, children=ChildFactory.create_batch(6), title="Large")
    for finding in (finding_made(), finding_made()):
        large.findings.add(finding)
    with django_assert_max_num_queries(40) as first:
        client.get(_url("detail", small))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(_url("detail", large))
