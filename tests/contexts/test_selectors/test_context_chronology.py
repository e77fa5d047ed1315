"""A context's chronology: every kind of entry, newest first; link ends shown as the
context's page shows them; handling code C respected; a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.catalogue import factors_for
from mace.contexts.models import Context
from mace.contexts.selectors.chronology import KINDS, context_chronology
from mace.contexts.services.assessment import assessment_save, catalogue_active
from mace.contexts.services.disruption import disruption_end, disruption_record
from mace.contexts.services.links import link_retract
from mace.contexts.services.records import (
    context_action_add,
    context_action_complete,
    context_close,
    context_note_add,
)
from mace.core import clock
from mace.meetings.models import Kind
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import action_add, discussion_save
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


def _discussed(coordinator, place, day, *, outcome, actions):
    meeting = meeting_on(day, kind=Kind.CONTEXT, title=f"Contextual MACE {day}")
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    discussion_save(actor=coordinator, item=item, outcome=outcome, risk_level="high")
    for description in actions:
        action_add(
            actor=coordinator,
            meeting=meeting,
            item=item,
            description=description,
            owner_agency=AgencyFactory(),
            due_date=day + dt.timedelta(days=14),
        )


def _everything(user, coordinator, *, extra=0):
    """A place with one of every kind of entry (and ``extra`` more notes, links, actions)."""
    today = clock.today()
    place = context_made(name="Chicken Shack, Harehills Road", actor=user)
    context_note_add(actor=user, context=place, text="CCTV not working")
    gone = linked(ChildFactory(given_name="Amy", family_name="Openshaw"), place, by=user)
    link_retract(actor=user, link=gone, reason="Recorded on the wrong place")
    linked(context_made(Context.Kind.PERSON, "Dean Harrop", actor=user), place, by=user)
    d = disruption_record(
        actor=user,
        context=place,
        tactic="patrols",
        agency=AgencyFactory(name="West Yorkshire Police"),
        started_on=today - dt.timedelta(days=10),
    )
    disruption_end(actor=user, disruption=d, ended_on=today, outcome="No more sightings")
    catalogue = catalogue_active()
    assessment_save(
        actor=user,
        context=place,
        answers={
            f["code"]: {"grade": "not_present"} for f in factors_for(catalogue.content, "place")
        },
        level="medium",
        weighting=1,
        weighting_reason="Children gather here every night",
        complete=True,
    )
    action = context_action_add(
        actor=user,
        context=place,
        description="Licensing visit",
        owner_agency=AgencyFactory(),
        due_date=today + dt.timedelta(days=7),
    )
    context_action_complete(actor=user, action=action, note="Visited; licence reviewed")
    day = next_wednesday()
    _discussed(coordinator, place, day, outcome="continue", actions=["Patrols on Fridays"])
    _discussed(
        coordinator, place, day + dt.timedelta(days=28), outcome="step_down", actions=["Letter"]
    )
    for n in range(extra):
        context_note_add(actor=user, context=place, text=f"Note {n}")
        linked(ChildFactory(), place, by=user)
        linked(context_made(Context.Kind.PERSON, f"Person {n}", actor=user), place, by=user)
        context_action_add(
            actor=user,
            context=place,
            description=f"Action {n}",
            owner_agency=AgencyFactory(),
            due_date=today + dt.timedelta(days=7),
        )
        _discussed(
            coordinator,
            place,
            day + dt.timedelta(days=56 + 7 * n),
            outcome="continue",
            actions=["More"],
        )
    context_close(actor=user, context=place, reason="Premises closed down")
    place.refresh_from_db()
    return place


def _fetched(context):
    return Context.objects.select_related("ward", "node").get(pk=context.pk)


def test_every_kind_of_entry_is_listed_newest_first(make_user):
    user, coordinator = analyst(), make_user(Role.COORDINATOR)
    place = _everything(user, coordinator)
    entries = context_chronology(user=user, context=place)
    assert {e.kind for e in entries} == set(KINDS)
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
    titles = [e.title for e in entries]
    for title in (
        "Place or space opened",
        "Record closed",
        "Note",
        "Link added",
        "Link retracted",
        "Disruption: Targeted patrols",
        "Disruption ended: Targeted patrols",
        "Assessment completed",
        "Action added to the plan",
        "Plan action completed",
    ):
        assert title in titles
    meetings = [e for e in entries if e.kind == "meeting"]
    assert [e.detail.split(".")[0] for e in meetings] == [
        "Outcome: Step down",
        "Outcome: Continue at MACE",
    ]
    actions = [e.detail for e in entries if e.kind == "meeting_action"]
    assert actions[0].startswith("Letter") and actions[1].startswith("Patrols on Fridays")
    # Later meeting, then earlier, then what happened today, then the opening (midday).
    assert entries[0].title.startswith("Discussed at") or entries[0].kind == "meeting_action"
    assert "Dean Harrop" in " ".join(e.detail for e in entries)


def test_kinds_keep_only_those_entries(make_user):
    user = analyst()
    place = _everything(user, make_user(Role.COORDINATOR))
    entries = context_chronology(user=user, context=place, kinds={"note", "meeting"})
    assert {e.kind for e in entries} == {"note", "meeting"}
    assert len([e for e in entries if e.kind == "meeting"]) == 2


def test_a_child_the_user_may_not_see_is_a_child_and_every_child_shown_is_logged(audited):
    user = analyst()
    place = context_made(actor=user)
    hidden = ChildFactory(
        given_name="Zed", family_name="Secretson", restricted=True, restriction_reason="Witness"
    )
    shown = ChildFactory(given_name="Amy", family_name="Openshaw")
    linked(hidden, place, by=user)
    linked(shown, place, by=user)
    text = " ".join(e.detail for e in context_chronology(user=user, context=place))
    assert "Secretson" not in text and "Zed" not in text
    assert "A child" in text and "Amy Openshaw" in text
    audited(Event.Verb.CHILD_SEEN_IN_NETWORK, actor=user, child=shown)


def test_a_record_the_user_may_not_open_is_named_so(make_user):
    from mace.meetings.services.invitations import invitation_add, invitations_send

    coordinator, member = make_user(Role.COORDINATOR), make_user(Role.MEMBER)
    place = context_made()
    linked(context_made(Context.Kind.PERSON, "Dean Harrop"), place)
    meeting = meeting_on(next_wednesday(), kind=Kind.CONTEXT)
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    invitation_add(actor=coordinator, item=item, user=member, capacity="practitioner")
    invitations_send(actor=coordinator, meeting=meeting, link_base="https://mace.example")
    text = " ".join(e.detail for e in context_chronology(user=member, context=place))
    assert "Dean Harrop" not in text and "A record not open to you" in text


def test_a_handling_c_link_is_absent_for_roles_its_conditions_do_not_allow(make_user):
    place = context_made()
    linked(
        ChildFactory(given_name="Tegan", family_name="Lowe"),
        place,
        handling="C",
        handling_conditions="Police source: analysts only",
        handling_roles=["analyst"],
    )
    as_analyst = context_chronology(user=analyst(), context=place)
    as_coordinator = context_chronology(user=make_user(Role.COORDINATOR), context=place)
    assert any("Tegan" in e.detail for e in as_analyst)
    assert not any(e.kind == "link" for e in as_coordinator)


def test_the_query_count_does_not_grow_with_entries(make_user, django_assert_max_num_queries):
    user, coordinator = analyst(), make_user(Role.COORDINATOR)
    small = _everything(user, coordinator)
    large = _everything(user, coordinator, extra=4)
    context_chronology(user=user, context=_fetched(small))  # content types cached
    small, large = _fetched(small), _fetched(large)  # as the page fetches them
    with django_assert_max_num_queries(20) as few:
        context_chronology(user=user, context=small)
    with django_assert_max_num_queries(len(few)):
        entries = context_chronology(user=user, context=large)
    assert len(entries) > 30
