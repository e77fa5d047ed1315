"""``NetworkMaker``: the contextual network of the demo city, through the contexts services."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

from mace.accounts.models import Agency, User
from mace.contexts.models import Alert, Context, Grading, Link, Node
from mace.contexts.services.disruption import disruption_end, disruption_record
from mace.contexts.services.links import (
    alert_close,
    link_add,
    link_retract,
    node_for_child,
    node_for_context,
    node_for_identifier,
)
from mace.contexts.services.records import context_open
from mace.contexts.services.themes import theme_tag
from mace.core import clock
from mace.demo import data
from mace.demo.city import city_streets
from mace.demo.network import texts as t
from mace.meetings.models import AgendaItem, Kind, local_datetime
from mace.people.models import Child, School, Ward

R = Link.Relation
# How links are graded: mostly from reliable or untested sources, known indirectly.
SOURCE_WEIGHTS = (("1", 4), ("2", 5), ("3", 1))
INTELLIGENCE_WEIGHTS = (("A", 2), ("B", 5), ("C", 4), ("D", 1), ("E", 0.3))
CONDITIONS_SHARE = 0.15
CONDITION_ROLES = (("coordinator", "analyst"), ("coordinator", "chair", "analyst"))
RECENT_DAYS = (2, 12)  # the last child drawn into each network: an alert still open
ALERT_OPEN_DAYS = 35  # alerts older than this were put on the contextual agenda


def _pick(rng: random.Random, weights) -> str:
    values, w = zip(*weights, strict=True)
    return rng.choices(values, weights=w)[0]


def _age(dob: dt.date, on: dt.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


class NetworkMaker:
    """Opens the city's places, peer groups, persons of concern and themes, links the
    children discussed at child-focused MACE into them, and records the disruption."""

    def __init__(
        self,
        *,
        rng: random.Random,
        today: dt.date,
        analyst: User,
        coordinator: User,
        agencies: dict[str, Agency],
        opened_on: dt.date,
    ):
        self.rng = rng
        self.today = today
        self.analyst = analyst
        self.coordinator = coordinator
        self.agencies = agencies
        self.counts: Counter = Counter()
        self.records: dict[str, Context] = {}  # by key
        self.nodes: dict[str, Node] = {}  # by key (records and identifiers)
        self.themes_of: dict[object, list[Context]] = defaultdict(list)  # context pk -> themes
        self.child_links: list[Link] = []
        self.opened_on = opened_on  # the first record's; the others follow, two days apart
        self.groups: dict[str, list[Child]] = {}

    # The whole network ----------------------------------------------------------------

    def build(self) -> dict[str, Context]:
        """Everything, in the order it happened; returns the records by name (so contextual
        MACE puts the record it discusses on its agenda)."""
        first_items = self._discussed()
        self._open_records()
        self._person_links()
        taken: set = set()
        for group in t.GROUPS:
            self._group(group, first_items, taken)
        self._school_groups(first_items, taken)
        self._bridges()
        self._retract_some()
        self._disruption()
        self._themes_tag()
        self._alerts_close()
        return {record.name: record for record in self.records.values()}

    # Who and when ---------------------------------------------------------------------

    def _discussed(self) -> dict[Child, AgendaItem]:
        """Each child discussed at a past child-focused MACE, with their first discussion."""
        first: dict[Child, AgendaItem] = {}
        items = (
            AgendaItem.objects.filter(
                meeting__kind=Kind.CHILD,
                meeting__date__lt=self.today,
                child__isnull=False,
                discussion__isnull=False,
            )
            .select_related("meeting", "child__school__ward")
            .order_by("meeting__date", "position")
        )
        for item in items:
            first.setdefault(item.child, item)
        return first

    def _at(self, day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
        return local_datetime(day, dt.time(hour, minute))

    # Records -----------------------------------------------------------------------------

    def _open(self, key: str, kind: str, name: str, *, ward=None, **fields) -> Context:
        opened = self.opened_on + dt.timedelta(days=len(self.records) * 2)
        if ward is not None:
            fields["ward"] = self._ward(ward) if isinstance(ward, str) else ward
        with clock.set_to(self._at(opened, 9, 30)):
            record = context_open(
                actor=self.analyst, kind=kind, name=name, opened_on=opened, **fields
            )
        self.records[key] = record
        self.nodes[key] = node_for_context(record)
        self.counts[f"contexts_{kind}"] += 1
        return record

    def _ward(self, name: str) -> Ward:
        spec = next(w for w in data.WARDS if w.name == name)
        return Ward.objects.get(code=spec.code)

    def _open_records(self) -> None:
        rng = self.rng
        for key, name, exploitation_type, summary in t.THEMES:
            self._open(key, Context.Kind.THEME, name, summary=summary,
                       exploitation_type=exploitation_type)  # fmt: skip
        for place in t.PLACES:
            ward = next(w for w in data.WARDS if w.name == place.ward)
            street = rng.choice(city_streets()[ward.code])
            name = place.name.format(number=rng.randint(2, 120), street=street.name)
            where = {}
            if place.place_kind != Context.PlaceKind.ONLINE_PLATFORM:
                letters = data.POSTCODE_UNIT_LETTERS
                inward = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
                jitter = rng.uniform(-0.0015, 0.0015)
                where = {
                    "address": place.address or f"{name}, {data.CITY}",
                    "postcode": f"{place.district} {inward}" if place.district else street.postcode,
                    "latitude": round(place.latitude + jitter, 5),
                    "longitude": round(place.longitude - jitter, 5),
                }
            self._open(
                place.key,
                Context.Kind.PLACE,
                name,
                ward=place.ward,
                summary=place.summary,
                place_kind=place.place_kind,
                exploitation_type=place.exploitation_type,
                **where,
            )
        for person in t.PERSONS:
            self._open(
                person.key,
                Context.Kind.PERSON,
                person.name,
                ward=person.ward,
                names=person.names,
                summary=person.summary,
                description=person.description,
                certainty=person.certainty,
                person_status=person.person_status,
                approximate_age=person.approximate_age,
                date_of_birth=dt.date(*person.born) if person.born else None,
            )
        for key, name, age_from, age_to, activities, ward in t.PEER_GROUPS:
            self._open(key, Context.Kind.PEER_GROUP, name, ward=ward, age_from=age_from,
                       age_to=age_to, activities=activities)  # fmt: skip

    # Links -------------------------------------------------------------------------------

    def _grading(self) -> dict:
        rng = self.rng
        grading = {
            "source_grade": _pick(rng, SOURCE_WEIGHTS),
            "intelligence_grade": _pick(rng, INTELLIGENCE_WEIGHTS),
            "handling": Grading.Handling.PERMITTED,
        }
        if rng.random() < CONDITIONS_SHARE:
            grading["handling"] = Grading.Handling.CONDITIONS
            grading["handling_conditions"] = rng.choice(t.HANDLING_CONDITIONS)
            grading["handling_roles"] = rng.choice(CONDITION_ROLES)
        return grading

    def _link(self, source: Node, target: Node, relation: str, when: dt.datetime, **fields):
        rng, day = self.rng, when.date()
        first = day - dt.timedelta(days=rng.randint(3, 75))
        last = max(first, day - dt.timedelta(days=rng.randint(0, 3)))
        fields.setdefault("origin", Link.Origin.DIRECT)
        with clock.set_to(when):
            link = link_add(
                actor=self.analyst,
                source=source,
                target=target,
                relation=relation,
                first_seen=first,
                last_seen=last,
                **self._grading(),
                **fields,
            )
        self.counts["links_proposed" if fields.get("proposed") else "links"] += 1
        return link

    def _person_links(self) -> None:
        start = self.opened_on + dt.timedelta(days=len(self.records) * 2 + 3)
        for n, group in enumerate(t.GROUPS):
            when = self._at(start + dt.timedelta(days=n * 5), 14)
            for key, identifier in group.identifiers:
                node = node_for_identifier(
                    kind=identifier.kind, text=identifier.text, detail=identifier.detail
                )
                self.nodes[identifier.text] = node
                self._link(self.nodes[key], node, R.USES, when)
            for i, person in enumerate(group.persons):
                relation = R.RUNS if i == 0 else R.USES
                self._link(self.nodes[person], self.nodes[group.places[0]], relation, when)
                for place in group.places[1:]:
                    self._link(self.nodes[person], self.nodes[place], R.SEEN_AT, when)
        when = self._at(start + dt.timedelta(days=25), 15)
        for a, relation, b in t.PERSON_LINKS:
            self._link(self.nodes[a], self.nodes[b], relation, when)

    def _pool(self, first_items, taken: set, gender: str, count: int) -> list[Child]:
        free = [c for c in first_items if c.pk not in taken]
        preferred = [c for c in free if c.gender == gender]
        others = [c for c in free if c.gender != gender]
        self.rng.shuffle(preferred)
        self.rng.shuffle(others)
        chosen = (preferred + others)[:count]
        # In the order they came to MACE, so the alerts follow the meetings.
        return sorted(chosen, key=lambda c: (first_items[c].meeting.date, c.pk))

    def _child_when(self, item: AgendaItem, position: int) -> dt.datetime:
        meeting = item.meeting
        return meeting.starts_at + dt.timedelta(minutes=meeting.slot_minutes * (position + 1))

    def _group(self, group: t.GroupSpec, first_items, taken: set) -> None:
        rng = self.rng
        children = self._pool(first_items, taken, group.gender, rng.randint(*group.children))
        taken.update(c.pk for c in children)
        person = self.nodes[group.persons[0]]
        places = [self.nodes[p] for p in group.places]
        phone = next((self.nodes[i.text] for _, i in group.identifiers if i.kind == "phone"), None)
        for index, child in enumerate(children):
            item = first_items[child]
            recent = index == len(children) - 1 and len(children) > 2
            if recent:
                day = self.today - dt.timedelta(days=rng.randint(*RECENT_DAYS))
                when, origin = self._at(day, 11, 15), {"origin": Link.Origin.DIRECT}
            else:
                when = self._child_when(item, index % 3)
                when = max(when, self._at(self.opened_on + dt.timedelta(days=80), 12))
                origin = {"origin": Link.Origin.MEETING, "agenda_item": item}
            node = node_for_child(child)
            text = group.child_texts[index % len(group.child_texts)] if group.child_texts else ""
            proposed = index == 1 and group.key in ("harehills", "belle_isle")
            self.child_links.append(
                self._link(
                    person,
                    node,
                    group.relation,
                    when,
                    description=text,
                    proposed=proposed,
                    proposal_reason=rng.choice(t.PROPOSAL_REASONS) if proposed else "",
                    **origin,
                )
            )
            for place in places[: rng.randint(1, len(places))]:
                relation = R.STAYS_AT if place is places[0] and rng.random() < 0.3 else R.SEEN_AT
                self.child_links.append(self._link(node, place, relation, when, **origin))
            if group.peer_group:
                self._link(node, self.nodes[group.peer_group], R.MEMBER, when, **origin)
            if phone is not None and rng.random() < 0.4:
                self._link(node, phone, R.CONTACTS, when, **origin)
        self.counts["children_in_networks"] += len(children)
        self.groups[group.key] = children

    def _school_groups(self, first_items, taken: set) -> None:
        """Peer groups in the two or three secondary schools most of the discussed
        children go to; some of their members are in a network already (bridges)."""
        by_school: dict[School, list[Child]] = defaultdict(list)
        for child in first_items:
            if child.school_id and child.school.phase == School.Phase.SECONDARY:
                by_school[child.school].append(child)
        schools = sorted(by_school, key=lambda s: (-len(by_school[s]), s.urn))[:3]
        when_day = self.today - dt.timedelta(days=200)
        members_all = []
        for school in schools:
            n = len([k for k in self.records if k.startswith("school_")])
            # Friends are of an age: those within a year of the commonest age.
            pupils = sorted(by_school[school], key=lambda c: c.pk)
            ages = {c.pk: _age(c.date_of_birth, self.today) for c in pupils if c.date_of_birth}
            common = Counter(ages.values()).most_common(1)[0][0] if ages else None
            members = [
                c for c in pupils if common is None or abs(ages.get(c.pk, common) - common) <= 1
            ][:6]
            if len(members) < 2:
                continue
            member_ages = [ages[c.pk] for c in members if c.pk in ages]
            age_from, age_to = (min(member_ages), max(member_ages)) if member_ages else (13, 16)
            key = f"school_{n}"
            self._open(
                key,
                Context.Kind.PEER_GROUP,
                f"Friendship group at {school.name}",
                ward=school.ward,
                age_from=age_from,
                age_to=age_to,
                activities=t.SCHOOL_GROUP_ACTIVITIES[n % len(t.SCHOOL_GROUP_ACTIVITIES)],
                summary=f"Pupils aged {age_from} to {age_to} at {school.name}, named by the "
                "school and the police; several known to MACE.",
            )
            when = self._at(when_day + dt.timedelta(days=n * 9), 14)
            for child in members:
                self._link(node_for_child(child), self.nodes[key], R.MEMBER, when)
            members_all += members
            taken.update(c.pk for c in members)
        self.groups["schools"] = members_all
        # The Snapchat group: pupils of the schools use it.
        when = self._at(when_day + dt.timedelta(days=40), 16)
        for child in members_all[::2][:6]:
            self._link(node_for_child(child), self.nodes["vape_group"], R.USES, when)

    def _bridges(self) -> None:
        """A few children seen in two networks: the contextual picture's joins."""
        rng, groups = self.rng, self.groups
        pairs = (
            ("harehills", "armley_park"),
            ("seacroft", "harehills_road"),
            ("armley", "seacroft_shops"),
            ("belle_isle", "vape_group"),
            ("schools", "harehills_trap"),
        )
        day = self.today - dt.timedelta(days=45)
        for n, (group, place) in enumerate(pairs):
            children = groups.get(group) or []
            if not children:
                continue
            child = rng.choice(children[:-1] or children)
            when = self._at(day + dt.timedelta(days=n * 4), 13)
            self.child_links.append(
                self._link(node_for_child(child), self.nodes[place], R.SEEN_AT, when)
            )
            self.counts["bridges"] += 1

    def _retract_some(self) -> None:
        confirmed = [link for link in self.child_links if link.status == Link.Status.CONFIRMED]
        for n, link in enumerate(self.rng.sample(confirmed, min(3, len(confirmed)))):
            later = min(link.created_at + dt.timedelta(days=21), self._at(self.today, 9))
            with clock.set_to(later):
                link_retract(actor=self.analyst, link=link, reason=t.RETRACTION_REASONS[n])
            self.counts["links_retracted"] += 1

    # Disruption, themes, alerts ------------------------------------------------------------

    def _disruption(self) -> None:
        for key, tactic, agency, ago, expires_in, reference, details, end in t.DISRUPTIONS:
            started = self.today - dt.timedelta(days=ago)
            expires = self.today + dt.timedelta(days=expires_in) if expires_in is not None else None
            with clock.set_to(self._at(started, 15)):
                row = disruption_record(
                    actor=self.analyst,
                    context=self.records[key],
                    tactic=tactic,
                    agency=self.agencies[agency],
                    started_on=started,
                    expires_on=expires,
                    reference=reference,
                    details=details,
                )
            self.counts["disruption"] += 1
            if end is not None:
                ended = self.today - dt.timedelta(days=end[0])
                with clock.set_to(self._at(ended, 16)):
                    disruption_end(actor=self.analyst, disruption=row, ended_on=ended,
                                   outcome=end[1])  # fmt: skip
                self.counts["disruption_ended"] += 1

    def _themes_tag(self) -> None:
        themes = {key: self.records[key] for key, *_ in t.THEMES}
        by_type = {"cce": themes["county_lines"], "cse": themes["taxis"],
                   "online": themes["snapchat"]}  # fmt: skip
        for record in self.records.values():
            theme = by_type.get(record.exploitation_type)
            if record.kind == Context.Kind.THEME or theme is None:
                continue
            self._tag(theme, record)
        for group in t.GROUPS:
            for person in group.persons:
                self._tag(themes[group.theme], self.records[person])
            if group.peer_group:
                self._tag(themes[group.theme], self.records[group.peer_group])
        for key in ("school_0", "school_1", "school_2"):
            if key in self.records:
                self._tag(themes["snapchat"], self.records[key])
        for theme in themes.values():
            self.themes_of[theme.pk].append(theme)

    def _tag(self, theme: Context, record: Context) -> None:
        with clock.set_to(self._at(record.opened_on, 10)):
            theme_tag(actor=self.analyst, theme=theme, target=record)
        self.themes_of[record.pk].append(theme)
        self.counts["theme_tags"] += 1

    def _alerts_close(self) -> None:
        """The older co-occurrence alerts were put on the contextual agenda (one dismissed);
        the recent ones are still new."""
        cutoff = clock.now() - dt.timedelta(days=ALERT_OPEN_DAYS)
        older = list(
            Alert.objects.filter(created_at__lt=cutoff).order_by(
                "created_at", "child_id", "context__name"
            )
        )
        for n, alert in enumerate(older):
            with clock.set_to(alert.created_at + dt.timedelta(days=2)):
                status = Alert.Status.DISMISSED if n == 1 else Alert.Status.ON_AGENDA
                reason = t.ALERT_DISMISSAL if n == 1 else ""
                alert_close(actor=self.coordinator, alert=alert, status=status, reason=reason)
        self.counts["alerts"] = Alert.objects.count()
        self.counts["alerts_open"] = Alert.objects.filter(status=Alert.Status.OPEN).count()
