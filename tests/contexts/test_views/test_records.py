"""A context's pages: opening each kind, the record page, links from it, retraction,
names, notes, plan actions, the assessment; visibility by role × relation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context, ContextAssessment, ContextName, Link
from mace.contexts.services.records import context_action_add
from mace.core import clock
from tests.factories import (
    AgencyFactory,
    ChildFactory,
    analyst,
    context_made,
    linked,
    meeting_on,
    next_wednesday,
)

pytestmark = pytest.mark.django_db

GRADING = {"source_grade": "2", "intelligence_grade": "B", "handling": "P"}


def _post(client, url, data):
    return client.post(url, data)


class TestOpening:
    def test_the_analyst_opens_a_place_and_lands_on_it(self, signed_in, audited):
        user = analyst()
        client = signed_in(user)
        response = client.post(
            reverse("contexts:open", args=["place"]),
            {"name": "Kirkgate Market back car park", "place_kind": "park", "postcode": "LS2 7HY"},
        )
        place = Context.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("contexts:detail", args=[place.pk])
        assert place.kind == Context.Kind.PLACE and place.node.kind == "place"
        audited(Event.Verb.CONTEXT_OPENED, actor=user, obj=place)

    def test_a_person_is_opened_with_a_street_name(self, signed_in):
        client = signed_in(analyst())
        client.post(
            reverse("contexts:open", args=["person"]),
            {
                "name": "Jordan Pickersgill",
                "certainty": "suspected",
                "approximate_age": "24",
                "alias-name": "JP",
                "alias-kind": "street_name",
            },
        )
        person = Context.objects.get()
        assert set(person.names.values_list("name", "kind")) == {
            ("Jordan Pickersgill", ContextName.Kind.NAME),
            ("JP", ContextName.Kind.STREET_NAME),
        }

    def test_errors_name_the_field_and_keep_what_was_typed(self, signed_in):
        client = signed_in(analyst())
        response = client.post(
            reverse("contexts:open", args=["person"]),
            {"name": "Jordan Pickersgill", "approximate_age": "240"},
        )
        page = response.content.decode()
        assert response.status_code == 200 and not Context.objects.exists()
        assert "Say whether the person is suspected or known" in page
        assert "Jordan Pickersgill" in page and "240" in page

    def test_members_cannot_open_records(self, signed_in, make_user):
        response = signed_in(make_user(Role.MEMBER)).get(reverse("contexts:open", args=["place"]))
        assert response.status_code == 403


class TestRecordPage:
    def test_it_shows_the_links_and_logs_the_read_and_each_child(self, signed_in):
        user = analyst()
        place = context_made(actor=user)
        child = ChildFactory(given_name="Kayden", family_name="Oldroyd")
        linked(child, place, Link.Relation.SEEN_AT, by=user)
        page = signed_in(user).get(reverse("contexts:detail", args=[place.pk])).content.decode()
        assert "Kayden Oldroyd" in page and "has been seen at" in page and "2BP" in page
        assert Event.objects.filter(
            verb=Event.Verb.CONTEXT_VIEWED, object_id=str(place.pk)
        ).exists()
        assert Event.objects.filter(verb=Event.Verb.CHILD_SEEN_IN_NETWORK, child=child).exists()

    def test_a_peer_group_says_membership_is_an_association(self, signed_in):
        group = context_made(Context.Kind.PEER_GROUP)
        page = signed_in(analyst()).get(reverse("contexts:detail", args=[group.pk]))
        assert "an association, not an accusation" in page.content.decode()

    def test_handling_c_is_hidden_from_roles_its_conditions_do_not_allow(
        self, signed_in, make_user
    ):
        place = context_made()
        linked(
            ChildFactory(given_name="Tegan", family_name="Vantongeren"),
            place,
            handling="C",
            handling_conditions="Police source: analysts only",
            handling_roles=["analyst"],
        )
        url = reverse("contexts:detail", args=[place.pk])
        assert "Vantongeren" in signed_in(analyst()).get(url).content.decode()
        assert "Vantongeren" not in signed_in(make_user(Role.COORDINATOR)).get(url).content.decode()

    def test_the_page_query_count_does_not_grow_with_links(
        self, signed_in, django_assert_max_num_queries
    ):
        user = analyst()
        place = context_made(actor=user)
        client = signed_in(user)
        url = reverse("contexts:detail", args=[place.pk])
        linked(ChildFactory(), place, by=user)
        linked(context_made(Context.Kind.PERSON, actor=user), place, by=user)
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        for child in ChildFactory.create_batch(6):
            linked(child, place, by=user)
            linked(
                context_made(Context.Kind.PERSON, name=f"P {child.pk}", actor=user), place, by=user
            )
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(url)


class TestLinkingFromThePage:
    def test_a_child_is_linked_by_case_system_id(self, signed_in, audited):
        user = analyst()
        place = context_made(actor=user)
        child = ChildFactory(case_system_id="LCS-448812")
        response = signed_in(user).post(
            reverse("contexts:link_add", args=[place.pk]),
            {"child": "LCS-448812", "relation": "seen_at", "direction": "in", **GRADING},
        )
        assert response.status_code == 302
        link = Link.objects.get()
        assert link.source.child == child and link.target.context == place
        audited(Event.Verb.LINK_ADDED, actor=user, child=child, obj=link)

    def test_a_child_cannot_be_recorded_exploiting(self, signed_in):
        user = analyst()
        person = context_made(Context.Kind.PERSON, actor=user)
        ChildFactory(case_system_id="LCS-1")
        response = signed_in(user).post(
            reverse("contexts:link_add", args=[person.pk]),
            {"child": "LCS-1", "relation": "exploits", "direction": "in", **GRADING},
        )
        assert response.status_code == 200 and not Link.objects.exists()
        assert "A child is never recorded as exploiting anyone" in response.content.decode()

    def test_a_phone_is_linked_and_grading_is_required(self, signed_in):
        user = analyst()
        person = context_made(Context.Kind.PERSON, actor=user)
        url = reverse("contexts:link_add", args=[person.pk])
        client = signed_in(user)
        response = client.post(
            url, {"identifier_kind": "phone", "identifier": "07700 900461", "relation": "uses"}
        )
        page = response.content.decode()
        assert "Grade the source" in page and "07700 900461" in page
        client.post(
            url,
            {
                "identifier_kind": "phone",
                "identifier": "07700 900461",
                "relation": "uses",
                **GRADING,
            },
        )
        assert Link.objects.get().target.value == "07700900461"

    def test_an_unknown_child_is_a_clear_error(self, signed_in):
        user = analyst()
        place = context_made(actor=user)
        response = signed_in(user).post(
            reverse("contexts:link_add", args=[place.pk]),
            {"child": "Nobody Atall", "relation": "seen_at", **GRADING},
        )
        assert "No child in the cohort matches" in response.content.decode()

    def test_retracting_needs_a_reason_and_keeps_it_listed(self, signed_in, audited):
        user = analyst()
        place = context_made(actor=user)
        link = linked(ChildFactory(), place, by=user)
        client = signed_in(user)
        url = reverse("contexts:link_retract", args=[place.pk, link.pk])
        assert "Say why the link is retracted" in client.post(url, {"reason": ""}).content.decode()
        client.post(url, {"reason": "A namesake, not this child"})
        link.refresh_from_db()
        assert link.status == Link.Status.RETRACTED
        page = client.get(reverse("contexts:detail", args=[place.pk])).content.decode()
        assert "A namesake, not this child" in page
        audited(Event.Verb.LINK_RETRACTED, actor=user, obj=link)


class TestNotesPlanAssessment:
    def test_a_note_and_an_action_are_added(self, signed_in):
        user = analyst()
        place = context_made(actor=user)
        client = signed_in(user)
        client.post(reverse("contexts:note_add", args=[place.pk]), {"text": "CCTV now working"})
        due = clock.today() + dt.timedelta(days=14)
        agency = AgencyFactory()
        client.post(
            reverse("contexts:action_add", args=[place.pk]),
            {
                "description": "Licensing visit",
                "owner_agency": agency.pk,
                "due_date_day": due.day,
                "due_date_month": due.month,
                "due_date_year": due.year,
            },
        )
        page = client.get(reverse("contexts:detail", args=[place.pk])).content.decode()
        assert "CCTV now working" in page and "Licensing visit" in page

    def test_the_assessment_is_completed_with_every_factor_and_the_weighting(self, signed_in):
        user = analyst()
        group = context_made(Context.Kind.PEER_GROUP, actor=user)
        client = signed_in(user)
        url = reverse("contexts:assessment", args=[group.pk])
        page = client.get(url).content.decode()
        assert "Members harm each other" in page
        response = client.post(url, {"grade_peer.harm": "high", "complete": "1"})
        page = response.content.decode()
        assert "Say what was seen" in page and "Grade this factor" in page
        assert not ContextAssessment.objects.filter(status="completed").exists()
        codes = [
            "peer.harm",
            "peer.adults",
            "peer.weapons",
            "peer.online",
            "peer.school",
            "peer.protective",
        ]
        data = {f"grade_{c}": "not_present" for c in codes}
        data.update(
            {
                "grade_peer.harm": "high",
                "evidence_peer.harm": "Two stabbings this year",
                "level": "high",
                "weighting": "1",
                "weighting_reason": "The group's violence drives the children's risk",
                "complete": "1",
            }
        )
        assert client.post(url, data).status_code == 302
        assessment = ContextAssessment.objects.get()
        assert assessment.status == "completed" and assessment.weighting == 1
        page = client.get(reverse("contexts:detail", args=[group.pk])).content.decode()
        assert "Must change first" in page


# Who sees a context's page: role × relation (written out by hand).
EXPECTED = {
    # role: (no relation, invited to its item, owns an open plan action)
    Role.ANALYST: (200, 200, 200),
    Role.COORDINATOR: (200, 200, 200),
    Role.CHAIR: (200, 200, 200),
    Role.MEMBER: (404, 200, 200),
    Role.REFERRER: (404, 404, 404),
    Role.SILVER: (404, 404, 404),
    Role.GOLD: (404, 404, 404),
    Role.AUDITOR: (404, 404, 404),
    Role.ADMIN: (404, 404, 404),
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("relation", [0, 1, 2])
def test_visibility_matrix(role, relation, signed_in, make_user):
    from mace.meetings.models import Kind
    from mace.meetings.services.agenda import item_add
    from mace.meetings.services.invitations import invitation_add, invitations_send

    user = make_user(role)
    place = context_made()
    if relation == 1:
        coordinator = make_user(Role.COORDINATOR)
        meeting = meeting_on(next_wednesday(), kind=Kind.CONTEXT)
        item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
        invitation_add(actor=coordinator, item=item, user=user, capacity="practitioner")
        invitations_send(actor=coordinator, meeting=meeting, link_base="https://mace.example")
    if relation == 2:
        context_action_add(
            actor=analyst(),
            context=place,
            description="Visit",
            owner_agency=user.agency,
            owner=user,
            due_date=clock.today() + dt.timedelta(days=7),
        )
    response = signed_in(user).get(reverse("contexts:detail", args=[place.pk]))
    assert response.status_code == EXPECTED[role][relation]


def test_a_plan_action_is_on_its_owners_tasks_and_completed_from_there(signed_in, make_user):
    owner = make_user(Role.MEMBER)
    place = context_made(name="Armley Park skate area")
    action = context_action_add(
        actor=analyst(),
        context=place,
        description="Youth outreach on Friday evenings",
        owner_agency=owner.agency,
        owner=owner,
        due_date=clock.today() + dt.timedelta(days=7),
    )
    client = signed_in(owner)
    page = client.get(reverse("tasks:list")).content.decode()
    assert "Youth outreach on Friday evenings" in page and "Armley Park skate area" in page
    response = client.post(
        reverse("contexts:action_complete", args=[action.pk]), {"note": "Done twice"}
    )
    assert response["Location"] == reverse("tasks:list")
    action.refresh_from_db()
    assert action.status == "done"
    # The action closed, the member no longer sees the place.
    assert client.get(reverse("contexts:detail", args=[place.pk])).status_code == 404


def test_the_childs_record_links_to_the_childs_network_for_the_cohort_roles(signed_in, make_user):
    from mace.people.models import ChildAccess
    from tests.factories import ChildAccessFactory

    child = ChildFactory()
    url = reverse("people:child_detail", args=[child.pk])
    network = reverse("contexts:child_network", args=[child.pk])
    assert network in signed_in(analyst()).get(url).content.decode()
    member = make_user(Role.MEMBER)
    ChildAccessFactory(user=member, child=child, basis=ChildAccess.Basis.INVITATION)
    page = signed_in(member).get(url)
    assert page.status_code == 200 and network not in page.content.decode()


def test_a_stored_child_exploits_row_reads_associates_and_the_list_read_is_logged(signed_in):
    from mace.contexts.models import Node

    user = analyst()
    other = ChildFactory(given_name="Ellis")
    link = linked(ChildFactory(given_name="Brodie"), other)
    Link.objects.filter(pk=link.pk).update(relation=Link.Relation.EXPLOITS)  # an old row
    link.refresh_from_db()
    assert link.source.kind == Node.Kind.CHILD and link.relation_shown == "associates with"
    place = context_made(actor=user)
    client = signed_in(user)
    client.get(reverse("contexts:list"))
    event = Event.objects.filter(verb=Event.Verb.CONTEXT_VIEWED, actor=user).last()
    assert str(place.pk) in event.payload["contexts"]


@pytest.mark.parametrize("name", ["edit", "close", "names", "notes", "agenda_add"])
def test_a_member_invited_to_a_context_is_refused_its_forms_before_it_is_read(
    name, signed_in, make_user
):
    # The member may read the place (invited to its item), not change it: the refusal comes
    # before the record is read, so the access log holds no read for a page never shown.
    from mace.audit.models import Event
    from mace.meetings.models import Kind
    from mace.meetings.services.agenda import item_add
    from mace.meetings.services.invitations import invitation_add

    member, coordinator = make_user(Role.MEMBER), make_user(Role.COORDINATOR)
    place = context_made()
    meeting = meeting_on(next_wednesday(), kind=Kind.CONTEXT)
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    invitation_add(actor=coordinator, item=item, user=member, capacity="practitioner")
    url = {"names": "contexts:name_add", "notes": "contexts:note_add"}.get(name, f"contexts:{name}")
    response = signed_in(member).get(reverse(url, args=[place.pk]))
    assert response.status_code == 403
    assert not Event.objects.filter(verb=Event.Verb.CONTEXT_VIEWED, actor=member).exists()


def test_a_referral_behind_a_link_to_a_child_not_open_is_not_named(signed_in, make_user):
    # The referral's reference would point at the child the page calls "A child".
    from tests.factories.referrals import submitted_referral

    place = context_made()
    hidden = ChildFactory(restricted=True, given_name="Nadia", family_name="Quillfeather")
    shown = ChildFactory(given_name="Kayden", family_name="Oldroyd")
    for child, reference in ((hidden, "MACE-2026-0911"), (shown, "MACE-2026-0912")):
        referral = submitted_referral(child=child, reference=reference)
        linked(child, place, Link.Relation.SEEN_AT, origin=Link.Origin.REFERRAL, referral=referral)
    page = signed_in(make_user(Role.COORDINATOR)).get(reverse("contexts:detail", args=[place.pk]))
    html = page.content.decode()
    assert "A child" in html and "Quillfeather" not in html and "MACE-2026-0911" not in html
    assert "Kayden Oldroyd" in html and "MACE-2026-0912" in html
