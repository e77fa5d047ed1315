"""The seeded city's contextual network: places, persons of concern, peer groups and
themes, graded links from the children discussed at MACE, alerts and disruption, and the
contextual meetings discussing those very records."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from mace.contexts.models import Alert, Context, Disruption, Grading, Link, Node, ThemeTag
from mace.contexts.services.disruption import ORDERS
from mace.contexts.services.links import grading_errors
from mace.core import clock
from mace.demo.meetings import CONTEXTS
from mace.demo.referrals import demo_referrals_ensure
from mace.meetings.models import AgendaItem, Discussion, Kind
from mace.referrals.models import Referral

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]

LEEDS = ((53.65, 53.95), (-1.80, -1.25))  # latitude, longitude bounds


def _live():
    return Link.objects.exclude(status=Link.Status.RETRACTED)


class TestTheSeededNetwork:
    def test_places_of_several_kinds_each_with_where_it_is(self, seeded):  # noqa: F811
        places = list(Context.objects.filter(kind=Context.Kind.PLACE))
        kinds = {p.place_kind for p in places}
        assert len(kinds) >= 5
        assert {"address", "takeaway", "park", "transport_hub", "hotel"} <= kinds
        for place in places:
            assert place.ward_id, place.name
            if place.place_kind == Context.PlaceKind.ONLINE_PLATFORM:
                assert place.latitude is None and not place.postcode
                continue
            assert place.address and place.postcode.startswith("LS"), place.name
            (lat_lo, lat_hi), (lng_lo, lng_hi) = LEEDS
            assert lat_lo < float(place.latitude) < lat_hi, place.name
            assert lng_lo < float(place.longitude) < lng_hi, place.name

    def test_persons_of_concern_have_aliases_an_age_and_a_status(self, seeded):  # noqa: F811
        persons = list(Context.objects.filter(kind=Context.Kind.PERSON).prefetch_related("names"))
        assert len(persons) >= 4
        for person in persons:
            kinds = {n.kind for n in person.names.all()}
            assert "name" in kinds and kinds & {"alias", "street_name"}, person.name
            assert person.approximate_age or person.date_of_birth
            assert person.certainty in Context.Certainty.values
            assert person.person_status in Context.PersonStatus.values
            assert person.description
        assert {p.certainty for p in persons} == {"suspected", "known"}

    def test_peer_groups_in_schools_are_of_their_members(self, seeded):  # noqa: F811
        groups = Context.objects.filter(kind=Context.Kind.PEER_GROUP)
        assert groups.count() >= 3
        in_schools = 0
        for group in groups:
            assert group.age_from is not None and group.age_from <= group.age_to
            assert group.activities
            members = [
                link.source.child
                for link in _live()
                .filter(target__context=group, relation=Link.Relation.MEMBER)
                .select_related("source__child__school")
            ]
            assert members, group.name
            if group.name.startswith("Friendship group at "):
                in_schools += 1
                school = group.name.removeprefix("Friendship group at ")
                assert {m.school.name for m in members} == {school}
        assert in_schools >= 2

    def test_children_linked_are_those_discussed_at_mace_and_some_bridge_networks(
        self,
        seeded,  # noqa: F811
    ):
        discussed = set(
            AgendaItem.objects.filter(
                meeting__kind=Kind.CHILD, child__isnull=False, discussion__isnull=False
            ).values_list("child_id", flat=True)
        )
        wards = defaultdict(set)
        for source, target in _live().values_list("source_id", "target_id"):
            nodes = Node.objects.in_bulk([source, target])
            child = next((n for n in nodes.values() if n.kind == Node.Kind.CHILD), None)
            other = next((n for n in nodes.values() if n.context_id), None)
            if child is not None and other is not None:
                wards[child.child_id].add(other.context.ward_id)
        assert len(wards) >= 15
        assert set(wards) <= discussed
        assert sum(len(w) >= 2 for w in wards.values()) >= 2  # bridges

    def test_no_child_is_ever_the_one_exploiting(self, seeded):  # noqa: F811
        exploits = Link.objects.filter(relation=Link.Relation.EXPLOITS)
        assert exploits.exists()
        assert not exploits.filter(source__kind=Node.Kind.CHILD).exists()
        assert set(exploits.values_list("source__kind", flat=True)) == {Node.Kind.PERSON}
        assert set(exploits.values_list("target__kind", flat=True)) == {Node.Kind.CHILD}

    def test_every_link_is_graded_validly_in_a_realistic_mix(self, seeded):  # noqa: F811
        links = list(Link.objects.all())
        today = clock.today()
        for link in links:
            assert not grading_errors(
                source_grade=link.source_grade,
                intelligence_grade=link.intelligence_grade,
                handling=link.handling,
                conditions=link.handling_conditions,
                roles=link.handling_role_list,
            ), link
            assert link.first_seen <= link.last_seen <= today
            assert link.created_at.date() <= today
        assert {link.handling for link in links} == set(Grading.Handling.values)
        assert len({link.source_grade for link in links}) >= 2
        assert len({link.intelligence_grade for link in links}) >= 3
        retracted = [link for link in links if link.status == Link.Status.RETRACTED]
        assert retracted and all(link.retraction_reason for link in retracted)
        assert any(link.status == Link.Status.PROPOSED for link in links)
        # Identifiers: phones, vehicles and accounts used by persons of concern.
        used = _live().filter(relation=Link.Relation.USES, source__kind=Node.Kind.PERSON)
        assert set(used.values_list("target__kind", flat=True)) >= set(Node.IDENTIFIER_KINDS)

    def test_alerts_arise_from_the_links_and_some_are_still_new(self, seeded):  # noqa: F811
        alerts = list(Alert.objects.select_related("link"))
        assert any(a.status == Alert.Status.OPEN for a in alerts)
        for alert in alerts:
            assert alert.children_linked > settings.MACE_COOCCURRENCE_CHILDREN
            if alert.status == Alert.Status.DISMISSED:
                assert alert.closed_reason

    def test_disruption_in_force_expiring_and_ended(self, seeded):  # noqa: F811
        today = clock.today()
        window = today + dt.timedelta(days=settings.MACE_DISRUPTION_EXPIRY_WARNING_DAYS)
        active = Disruption.objects.filter(status=Disruption.Status.ACTIVE)
        in_force = active.filter(tactic__in=ORDERS, expires_on__gt=window)
        assert in_force.exists()
        assert active.filter(tactic__in=ORDERS, expires_on__gte=today, expires_on__lte=window)
        ended = list(Disruption.objects.filter(status=Disruption.Status.ENDED))
        assert ended and all(d.outcome and d.ended_on <= today for d in ended)
        tactics = set(Disruption.objects.values_list("tactic", flat=True))
        assert {"cawn", "sro", "stro", "stpo", "hotel_notice", "closure_order"} <= tactics
        assert {"licensing_review", "patrols"} <= tactics
        assert all(d.started_on <= today for d in Disruption.objects.all())

    def test_contextual_meetings_discuss_the_records(self, seeded):  # noqa: F811
        context_type = ContentType.objects.get_for_model(Context)
        items = list(AgendaItem.objects.filter(meeting__kind=Kind.CONTEXT).exclude(subject="child"))
        assert items
        titles = {c[1] for c in CONTEXTS}
        by_record = defaultdict(set)
        for item in items:
            assert item.subject_type_id == context_type.pk, item.title
            record = item.subject_object
            assert record.name in titles
            assert record.kind == item.subject
            by_record[record.name].add(item.meeting_id)
        assert not AgendaItem.objects.filter(title__in=titles, subject_id__isnull=True).exists()
        assert Context.objects.filter(name="Leeds City Bus Station").count() == 1
        assert max(len(meetings) for meetings in by_record.values()) >= 2

    def test_themes_tag_records_and_discussions(self, seeded):  # noqa: F811
        themes = Context.objects.filter(kind=Context.Kind.THEME)
        assert {"County lines", "Taxi use to move children"} <= set(
            themes.values_list("name", flat=True)
        )
        tags = ThemeTag.objects.all()
        tagged = set(tags.values_list("target_type__model", flat=True))
        assert {"context", "discussion"} <= tagged
        discussion_type = ContentType.objects.get_for_model(Discussion)
        for tag in tags.filter(target_type=discussion_type):
            assert tag.occurred_on == Discussion.objects.get(pk=tag.target_id).item.meeting.date


def test_the_triage_referrals_are_tagged_with_the_themes_of_their_concerns(seeded):  # noqa: F811
    demo_referrals_ensure()
    referral_type = ContentType.objects.get_for_model(Referral)
    tags = ThemeTag.objects.filter(target_type=referral_type).select_related("theme")
    tagged = defaultdict(set)
    for tag in tags:
        tagged[tag.target_id].add(tag.theme.name)
    county_lines = [r for r in Referral.objects.all() if "county_lines" in (r.concerns or [])]
    assert county_lines
    assert all("County lines" in tagged[r.pk] for r in county_lines)
    online = [r for r in Referral.objects.all() if "online" in (r.concerns or [])]
    assert online and all(len(tagged[r.pk]) == 1 for r in online)
    assert set(tagged) <= {r.pk for r in county_lines + online}
