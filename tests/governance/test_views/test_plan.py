"""The action plan, assurance, recommendations and challenge log pages: who may open each,
the forms (keeping what was typed when something is wrong), and the page's queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.core import clock
from mace.governance.models import (
    AssuranceActivity,
    Challenge,
    Objective,
    PlanItem,
    Recommendation,
)
from mace.governance.services.gold import challenge_raise, recommendation_raise
from mace.governance.services.plan import assurance_activity_record
from tests.factories import ChildFactory, escalated, plan_item_made

pytestmark = pytest.mark.django_db

ROLES = [Role.CHAIR, Role.COORDINATOR, Role.SILVER, Role.GOLD, Role.MEMBER, Role.ANALYST]
MATRIX = {
    "plan": (200, 200, 200, 200, 404, 404),
    "plan_item_add": (200, 200, 200, 403, 404, 404),
    "plan_item_progress": (200, 200, 200, 403, 404, 404),
    "assurance": (200, 200, 200, 200, 404, 404),
    "assurance_record": (200, 200, 200, 403, 404, 404),
    "recommendations": (200, 200, 200, 200, 404, 404),
    "recommendation_raise": (200, 200, 200, 403, 404, 404),
    "recommendation_decide": (403, 403, 403, 200, 404, 404),
    "challenges": (200, 200, 200, 200, 404, 404),
    "challenge_raise": (403, 403, 403, 200, 404, 404),
    "challenge_answer": (200, 200, 200, 403, 404, 404),
}


@pytest.fixture
def things(make_user):
    silver = make_user(Role.SILVER, full_name="Sam Silver")
    gold = make_user(Role.GOLD, full_name="Gita Gold")
    return {
        "silver": silver,
        "gold": gold,
        "item": plan_item_made(silver),
        "recommendation": recommendation_raise(
            actor=silver, kind="commissioning", title="Commission", text="A service"
        ),
        "challenge": challenge_raise(actor=gold, text="Why are interviews late?"),
    }


def _url(page, things):
    args = {
        "plan_item_progress": [things["item"].pk],
        "recommendation_decide": [things["recommendation"].pk],
        "challenge_answer": [things["challenge"].pk],
    }.get(page, [])
    return reverse(f"governance:{page}", args=args)


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("index", range(len(ROLES)))
def test_who_may_open_each_page(make_user, signed_in, things, page, index):
    client = signed_in(make_user(ROLES[index]))
    assert client.get(_url(page, things)).status_code == MATRIX[page][index]


def _date(prefix, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_silver_adds_an_item_driven_by_an_escalation(make_user, signed_in, things):
    escalation = escalated(make_user(Role.CHAIR), title="Takeaway recruitment")
    client = signed_in(things["silver"])
    objective = Objective.objects.get(title="Reducing vulnerability")
    response = client.post(
        reverse("governance:plan_item_add"),
        {
            "objective": objective.pk,
            "title": "Licensing visits to takeaways",
            "owner": things["silver"].pk,
            "rag": "red",
            "escalations": [escalation.pk],
            **_date("due_date", dt.date(2027, 1, 31)),
        },
    )
    assert response.status_code == 302
    item = PlanItem.objects.get(title="Licensing visits to takeaways")
    assert item.objective == objective and list(item.escalations.all()) == [escalation]
    page = client.get(reverse("governance:plan")).content.decode()
    assert "Licensing visits to takeaways" in page and "Takeaway recruitment" in page
    assert "govuk-tag--red" in page


def test_an_item_with_mistakes_keeps_what_was_typed(signed_in, things):
    client = signed_in(things["silver"])
    response = client.post(
        reverse("governance:plan_item_add"),
        {
            "title": "Train staff",
            "owner": things["silver"].pk,
            "due_date_day": "31",
            "due_date_month": "2",
            "due_date_year": "2027",
            "rag": "green",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Train staff"' in page and "Choose the objective" in page
    assert "Due date must be a real date" in page and 'value="31"' in page


def test_progress_moves_the_rag_tag_on_the_plan(signed_in, things):
    client = signed_in(things["silver"])
    item = things["item"]
    response = client.post(
        _url("plan_item_progress", things),
        {"text": "Three schools trained", "rag": "green", **_date("on", clock.today())},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.rag == "green"
    assert "Three schools trained" in client.get(reverse("governance:plan")).content.decode()


def test_progress_without_text_keeps_the_date_and_status(signed_in, things):
    client = signed_in(things["silver"])
    page = client.post(
        _url("plan_item_progress", things), {"text": "", "rag": "red", **_date("on", clock.today())}
    ).content.decode()
    assert "Say what progress has been made" in page
    assert 'value="red" checked' in page


def test_the_plan_takes_a_fixed_number_of_queries(signed_in, things, django_assert_max_num_queries):
    client = signed_in(things["gold"])
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("governance:plan"))
    for n in range(5):
        plan_item_made(things["silver"], title=f"Item {n}", objective=Objective.objects.last())
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("governance:plan"))


def test_the_coordinator_records_an_audit_of_children_by_id(make_user, signed_in, things):
    child = ChildFactory(case_system_id="LCC-2002", given_name="Jade", family_name="Okafor")
    coordinator = make_user(Role.COORDINATOR)
    client = signed_in(coordinator)
    data = {
        "title": "Missing audit",
        "standard": "Interviews within 72 hours",
        "carried_out_by": "Three leads",
        "children": "LCC-2002",
        "summary": "Late in half",
        "finding_1": "Interviews late",
        "rating_1": "not_met",
        **_date("carried_out_on", dt.date(2026, 2, 1)),
    }
    assert client.post(reverse("governance:assurance_record"), data).status_code == 302
    activity = AssuranceActivity.objects.get()
    assert list(activity.children.all()) == [child]
    page = client.get(reverse("governance:assurance")).content.decode()
    assert "Jade Okafor" in page and "Interviews late" in page
    silver_page = signed_in(things["silver"]).get(reverse("governance:assurance")).content.decode()
    assert "Jade Okafor" not in silver_page and "A child" in silver_page


def test_an_audit_with_mistakes_keeps_what_was_typed(signed_in, things):
    client = signed_in(things["silver"])
    page = client.post(
        reverse("governance:assurance_record"),
        {
            "title": "Missing audit",
            "finding_1": "Interviews late",
            "rating_1": "",
            "children": "LCC-9",
        },
    ).content.decode()
    assert 'value="Missing audit"' in page and "Interviews late" in page
    assert "Choose whether finding 1 met the standard" in page
    assert "No child you can see has the case system ID LCC-9" in page


def test_gold_decides_a_recommendation_from_the_page(signed_in, things):
    client = signed_in(things["gold"])
    url = _url("recommendation_decide", things)
    page = client.post(url, {"decision": "", **_date("decided_on", clock.today())}).content.decode()
    assert "Choose agreed, not agreed or deferred" in page
    client.post(url, {"decision": "agreed", "note": "Funded", **_date("decided_on", clock.today())})
    rec = Recommendation.objects.get()
    assert rec.decision == "agreed" and rec.decided_by == things["gold"]
    assert "Funded" in client.get(reverse("governance:recommendations")).content.decode()


def test_silver_makes_a_recommendation_from_the_page(signed_in, things):
    client = signed_in(things["silver"])
    page = client.post(
        reverse("governance:recommendation_raise"), {"title": "More workers", "text": ""}
    ).content.decode()
    assert 'value="More workers"' in page
    client.post(
        reverse("governance:recommendation_raise"),
        {"kind": "resource_pressure", "title": "More workers", "text": "Caseloads high"},
    )
    assert Recommendation.objects.filter(title="More workers").exists()


def test_gold_challenges_and_silver_answers_from_the_pages(signed_in, things):
    gold = signed_in(things["gold"])
    gold.post(reverse("governance:challenge_raise"), {"text": "Where are the audits?"})
    challenge = Challenge.objects.get(text="Where are the audits?")
    silver = signed_in(things["silver"])
    page = silver.post(
        reverse("governance:challenge_answer", args=[challenge.pk]), {"answer": ""}
    ).content.decode()
    assert "Enter the answer" in page
    silver.post(reverse("governance:challenge_answer", args=[challenge.pk]), {"answer": "In March"})
    log = silver.get(reverse("governance:challenges")).content.decode()
    assert "Where are the audits?" in log and "In March" in log


def test_the_assurance_page_takes_a_fixed_number_of_queries(
    make_user, signed_in, things, django_assert_max_num_queries
):
    chair = make_user(Role.CHAIR)

    def audit(n_children):
        assurance_activity_record(
            actor=chair,
            title="Audit",
            standard="Standard",
            carried_out_on=dt.date(2026, 2, 1),
            carried_out_by="Leads",
            summary="Found",
            children=ChildFactory.create_batch(n_children),
            findings=[("Late", "not_met")],
        )

    audit(1)
    client = signed_in(things["silver"])
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("governance:assurance"))
    for _ in range(3):
        audit(3)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("governance:assurance"))
