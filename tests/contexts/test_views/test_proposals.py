"""The proposals page: suspected perpetrators to decide beside the known person, with the
reasons, and proposed links to confirm or reject; on the coordinator's tasks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, Link, PersonMention
from mace.contexts.sources import proposals_task_count, proposals_tasks
from tests.factories import ChildFactory, UserFactory, context_made, referral_naming

pytestmark = pytest.mark.django_db

SKINNY = {"name": "Dean Harrop", "aliases": "Skinny", "phone": "07700 900123"}
URL = "/contexts/proposals/"


@pytest.fixture
def coordinator():
    return UserFactory(role=Role.COORDINATOR)


def _proposed(coordinator, child=None):
    referral_naming(coordinator=coordinator, child=ChildFactory(), perpetrators=[SKINNY])
    later = referral_naming(
        coordinator=coordinator,
        child=child or ChildFactory(),
        perpetrators=[{"name": "", "aliases": "Skinny, Big D", "phone": "07700 900555"}],
    )
    return PersonMention.objects.get(referral=later)


def test_the_page_shows_the_perpetrator_beside_the_candidate_with_the_reasons(
    signed_in, coordinator
):
    mention = _proposed(coordinator)
    assert reverse("contexts:proposals") == URL
    response = signed_in(coordinator).get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skinny, Big D" in page and "Dean Harrop" in page
    assert "Street name &#x27;Skinny&#x27; matches a street name" in page
    assert f"Referral {mention.referral.reference}" in page
    assert 'data-testid="proposed-links"' in page  # the first referral's links
    event = Event.objects.filter(verb=Event.Verb.CONTEXT_VIEWED, actor=coordinator).last()
    assert str(mention.candidate_id) in event.payload["contexts"]


def test_a_restricted_child_is_shown_as_a_restricted_record(signed_in, coordinator):
    child = ChildFactory(given_name="Maisie", family_name="Holroyd", restricted=True)
    _proposed(coordinator, child=child)
    page = signed_in(coordinator).get(URL).content.decode()
    assert "Holroyd" not in page
    assert "A restricted record" in page
    assert Event.objects.filter(verb=Event.Verb.RESTRICTED_LISTED, child=child).exists()


def test_confirm_from_the_page(signed_in, coordinator, audited):
    mention = _proposed(coordinator)
    response = signed_in(coordinator).post(reverse("contexts:mention_confirm", args=[mention.pk]))
    assert response.status_code == 302
    mention.refresh_from_db()
    assert mention.status == "confirmed" and mention.person == mention.candidate


def test_keep_apart_without_a_reason_shows_the_error_and_decides_nothing(signed_in, coordinator):
    mention = _proposed(coordinator)
    client = signed_in(coordinator)
    url = reverse("contexts:mention_keep_apart", args=[mention.pk])
    response = client.post(url, {f"apart-{mention.pk}-reason": "   "})
    assert response.status_code == 200
    assert "Say why they are not the same person" in response.content.decode()
    mention.refresh_from_db()
    assert mention.status == PersonMention.Status.PROPOSED
    response = client.post(url, {f"apart-{mention.pk}-reason": "Far younger, another phone"})
    assert response.status_code == 302
    mention.refresh_from_db()
    assert mention.status == PersonMention.Status.KEPT_APART
    assert Context.objects.filter(kind=Context.Kind.PERSON).count() == 2


def test_proposed_links_are_confirmed_or_rejected_with_a_reason(signed_in, coordinator):
    referral_naming(coordinator=coordinator, child=ChildFactory(), perpetrators=[SKINNY])
    exploits = Link.objects.get(relation=Link.Relation.EXPLOITS)
    uses = Link.objects.get(relation=Link.Relation.USES)
    client = signed_in(coordinator)
    assert (
        client.post(reverse("contexts:proposed_link_confirm", args=[exploits.pk])).status_code
        == 302
    )
    exploits.refresh_from_db()
    assert (exploits.status, exploits.confirmed_by) == ("confirmed", coordinator)
    reject = reverse("contexts:proposed_link_reject", args=[uses.pk])
    response = client.post(reject, {f"reject-{uses.pk}-reason": ""})
    assert "Say why the link is rejected" in response.content.decode()
    uses.refresh_from_db()
    assert uses.status == "proposed"
    client.post(reject, {f"reject-{uses.pk}-reason": "Number belongs to the child's mother"})
    uses.refresh_from_db()
    assert (uses.status, uses.retraction_reason) == (
        "retracted",
        "Number belongs to the child's mother",
    )


@pytest.mark.parametrize(
    "role,allowed",
    [(Role.COORDINATOR, True), (Role.ANALYST, True), (Role.CHAIR, False), (Role.MEMBER, False)],
)
def test_only_the_coordinator_and_analyst_see_and_decide(signed_in, coordinator, role, allowed):
    mention = _proposed(coordinator)
    user = UserFactory(role=role)
    client = signed_in(user)
    assert (client.get(URL).status_code == 200) is allowed
    response = client.post(reverse("contexts:mention_confirm", args=[mention.pk]))
    mention.refresh_from_db()
    if allowed:
        assert mention.status == "confirmed"
    else:
        assert response.status_code == 404
        assert mention.status == PersonMention.Status.PROPOSED
    assert (proposals_task_count(user=user) > 0) is (allowed and Link.objects.exists())


def test_the_tasks_count_what_waits(coordinator):
    assert proposals_task_count(user=coordinator) == 0
    assert proposals_tasks(user=coordinator)[0].rows == []
    _proposed(coordinator)
    links = Link.objects.filter(status=Link.Status.PROPOSED).count()
    assert links == 2  # the first referral's person exploits its child, uses the phone
    assert proposals_task_count(user=coordinator) == links + 1
    [section] = proposals_tasks(user=coordinator)
    assert section.rows == [{"persons": 1, "links": links}]


def test_the_page_reads_a_fixed_number_of_queries(
    signed_in, coordinator, django_assert_max_num_queries
):
    _proposed(coordinator)
    client = signed_in(coordinator)
    client.get(URL)
    with django_assert_max_num_queries(60) as few:
        client.get(URL)
    for number in range(4):
        context_made(Context.Kind.PERSON, f"Tyrone Mace {number}", actor=coordinator)
        _proposed(coordinator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_the_task_list_links_to_the_page(signed_in, coordinator):
    _proposed(coordinator)
    page = signed_in(coordinator).get("/tasks/").content.decode()
    assert 'data-testid="contexts-proposals-task"' in page
    assert "1 suspected perpetrator to decide and 2 proposed links to confirm" in page
    assert URL in page
