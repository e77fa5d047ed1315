"""Contextual MACE's records (ADR 29).

A *context* is a place or space, a peer group, a person of concern or a theme, each opened
as a case with notes, an assessment, a plan and a chronology. Everything that can stand in
the network (a child, a context, a vehicle, a phone, an online account) is a ``Node``; a
``Link`` joins two nodes with a relation, dates, where it came from and its intelligence
grading (3x5x2). Links are retracted, never deleted.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from mace.core.fields import StampField
from mace.core.levels import Level
from mace.core.models import OwnedAction, TimeStampedModel
from mace.core.roles import Role


class Context(TimeStampedModel):
    """A place or space, peer group, person of concern or theme: a contextual case."""

    class Kind(models.TextChoices):
        PLACE = "place", "Place or space"
        PEER_GROUP = "peer_group", "Peer group"
        PERSON = "person", "Person of concern"
        THEME = "theme", "Theme"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class PlaceKind(models.TextChoices):
        PARK = "park", "Park or open space"
        SHOP = "shop", "Shop"
        TAKEAWAY = "takeaway", "Takeaway"
        HOTEL = "hotel", "Hotel or short-let"
        SCHOOL = "school", "School or college"
        TRANSPORT_HUB = "transport_hub", "Transport hub"
        ADDRESS = "address", "Address"
        ONLINE_PLATFORM = "online_platform", "Online platform"
        OTHER = "other", "Other place"

    class Certainty(models.TextChoices):
        SUSPECTED = "suspected", "Suspected"
        KNOWN = "known", "Known"

    class PersonStatus(models.TextChoices):
        ACTIVE = "active", "Active in the community"
        UNDER_INVESTIGATION = "investigation", "Under investigation"
        CHARGED = "charged", "Charged"
        IN_CUSTODY = "custody", "In custody"
        CONVICTED = "convicted", "Convicted"
        NO_FURTHER_ACTION = "nfa", "No further action"
        LEFT_AREA = "left_area", "Left the area"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=200)
    summary = models.TextField(blank=True, help_text="What is known, in a few sentences.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)
    ward = models.ForeignKey(
        "people.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A place or space.
    place_kind = models.CharField(max_length=16, choices=PlaceKind.choices, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    # A peer group.
    age_from = models.PositiveSmallIntegerField(null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(null=True, blank=True)
    activities = models.TextField(blank=True)
    # A person of concern.
    date_of_birth = models.DateField(null=True, blank=True)
    approximate_age = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True, help_text="What they look like, how they act.")
    certainty = models.CharField(max_length=10, choices=Certainty.choices, blank=True)
    person_status = models.CharField(max_length=14, choices=PersonStatus.choices, blank=True)
    # A theme (and the exploitation type a theme or context is mostly about).
    exploitation_type = models.CharField(max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        indexes = [
            models.Index(fields=["kind", "status", "name"]),
            models.Index(fields=["ward", "kind"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_person(self) -> bool:
        return self.kind == self.Kind.PERSON


class ContextName(TimeStampedModel):
    """A name a person of concern goes by: their name, an alias or a street name. Matched
    when a referral names a suspected perpetrator."""

    class Kind(models.TextChoices):
        NAME = "name", "Name"
        ALIAS = "alias", "Alias"
        STREET_NAME = "street_name", "Street name"

    context = models.ForeignKey(Context, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ALIAS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Node(models.Model):
    """One record in the network: a child, a context, or an identifier (vehicle, phone,
    online account) that has no case of its own. Made when first linked."""

    class Kind(models.TextChoices):
        CHILD = "child", "Child"
        PERSON = "person", "Person of concern"
        PLACE = "place", "Place or space"
        PEER_GROUP = "peer_group", "Peer group"
        THEME = "theme", "Theme"
        VEHICLE = "vehicle", "Vehicle"
        PHONE = "phone", "Phone"
        ONLINE_ACCOUNT = "online_account", "Online account"

    IDENTIFIER_KINDS = (Kind.VEHICLE, Kind.PHONE, Kind.ONLINE_ACCOUNT)

    kind = models.CharField(max_length=16, choices=Kind.choices)
    child = models.OneToOneField(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    context = models.OneToOneField(
        Context, null=True, blank=True, on_delete=models.PROTECT, related_name="node"
    )
    # An identifier: the value as matched (digits of a phone, a registration without spaces,
    # an account in lower case), as written, and what it is (a grey Vauxhall Corsa).
    value = models.CharField(max_length=200, blank=True)
    label = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = StampField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "value"],
                name="contexts_node_identifier_once",
                condition=~Q(value=""),
            ),
            models.CheckConstraint(
                name="contexts_node_one_record",
                condition=(Q(kind="child") & Q(child__isnull=False) & Q(context__isnull=True))
                | (
                    Q(kind__in=["person", "place", "peer_group", "theme"])
                    & Q(context__isnull=False)
                    & Q(child__isnull=True)
                )
                | (
                    Q(kind__in=["vehicle", "phone", "online_account"])
                    & Q(child__isnull=True)
                    & Q(context__isnull=True)
                    & ~Q(value="")
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class Grading:
    """Intelligence grading, 3x5x2 (DOMAIN): source, intelligence, handling."""

    class Source(models.TextChoices):
        RELIABLE = "1", "1: reliable"
        UNTESTED = "2", "2: untested"
        NOT_RELIABLE = "3", "3: not reliable"

    class Intelligence(models.TextChoices):
        KNOWN_DIRECTLY = "A", "A: known directly"
        CORROBORATED = "B", "B: known indirectly and corroborated"
        INDIRECT = "C", "C: known indirectly"
        NOT_KNOWN = "D", "D: not known"
        SUSPECTED_FALSE = "E", "E: suspected false"

    class Handling(models.TextChoices):
        PERMITTED = "P", "P: lawful sharing permitted"
        CONDITIONS = "C", "C: sharing permitted with conditions"


class Link(TimeStampedModel):
    """A relation between two records, graded, with where it came from. ``source`` is the
    subject of the relation (a person of concern *is suspected of exploiting* a child)."""

    class Relation(models.TextChoices):
        EXPLOITS = "exploits", "is suspected of exploiting"
        ASSOCIATES = "associates", "associates with"
        MEMBER = "member", "is seen as part of"
        SEEN_AT = "seen_at", "has been seen at"
        STAYS_AT = "stays_at", "lives or stays at"
        RUNS = "runs", "runs or works at"
        USES = "uses", "uses"
        CONTACTS = "contacts", "has been in contact with"
        FAMILY = "family", "is family of"
        TAGGED = "tagged", "is about"

    class Origin(models.TextChoices):
        REFERRAL = "referral", "A referral"
        MEETING = "meeting", "A meeting discussion"
        DIRECT = "direct", "Entered directly"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed, to be confirmed"
        CONFIRMED = "confirmed", "Confirmed"
        RETRACTED = "retracted", "Retracted"

    source = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="links_out")
    target = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="links_in")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    description = models.TextField(blank=True)
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices)
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_grade = models.CharField(
        "source evaluation", max_length=1, choices=Grading.Source.choices
    )
    intelligence_grade = models.CharField(
        "intelligence assessment", max_length=1, choices=Grading.Intelligence.choices
    )
    handling = models.CharField("handling code", max_length=1, choices=Grading.Handling.choices)
    handling_conditions = models.TextField(blank=True)
    # Handling code C: the roles its conditions allow to see the link (ARCHITECTURE §4),
    # written ",coordinator,analyst," so that one LIKE finds them on either database.
    handling_roles = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    proposal_reason = models.CharField(max_length=300, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    retracted_at = models.DateTimeField(null=True, blank=True)
    retracted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    retraction_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["source", "status"]),
            models.Index(fields=["target", "status"]),
            models.Index(fields=["status", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="contexts_link_two_records", condition=~Q(source=models.F("target"))
            ),
            models.CheckConstraint(
                name="contexts_link_conditions_recorded",
                condition=Q(handling="P") | (~Q(handling_conditions="") & ~Q(handling_roles="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.relation} {self.target_id}"

    @property
    def grading(self) -> str:
        return f"{self.source_grade}{self.intelligence_grade}{self.handling}"

    @property
    def relation_shown(self) -> str:
        """The relation as pages print it: a child is never shown exploiting anyone (a row
        that says so, from before the rule or an import, reads "associates with")."""
        if self.relation == self.Relation.EXPLOITS and self.source.kind == Node.Kind.CHILD:
            return self.Relation.ASSOCIATES.label
        return self.get_relation_display()

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.RETRACTED

    @property
    def handling_role_list(self) -> list[str]:
        return [role for role in self.handling_roles.split(",") if role]


HANDLING_ROLE_CHOICES = [
    (Role.COORDINATOR, Role.COORDINATOR.label),
    (Role.CHAIR, Role.CHAIR.label),
    (Role.ANALYST, Role.ANALYST.label),
    (Role.MEMBER, Role.MEMBER.label),
]


class PersonMention(TimeStampedModel):
    """A suspected perpetrator a referral named, and the person of concern it is resolved
    to: proposed by matching, then confirmed or kept apart by the coordinator."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Possibly a known person: to decide"
        CONFIRMED = "confirmed", "Confirmed as the known person"
        KEPT_APART = "kept_apart", "Kept apart: a new person"
        NEW = "new", "A new person (nobody like them known)"

    perpetrator = models.OneToOneField(
        "referrals.SuspectedPerpetrator", on_delete=models.PROTECT, related_name="+"
    )
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    candidate = models.ForeignKey(
        Context, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    person = models.ForeignKey(
        Context, null=True, blank=True, on_delete=models.PROTECT, related_name="mentions"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]


class Disruption(TimeStampedModel):
    """Disruption recorded against a person, place or business (DOMAIN)."""

    class Tactic(models.TextChoices):
        CAWN = "cawn", "Child Abduction Warning Notice"
        SRO = "sro", "Sexual Risk Order"
        STRO = "stro", "Slavery and Trafficking Risk Order"
        STPO = "stpo", "Slavery and Trafficking Prevention Order"
        HOTEL_NOTICE = "hotel_notice", "Hotel information notice"
        CLOSURE_ORDER = "closure_order", "Closure order"
        LICENSING_REVIEW = "licensing_review", "Licensing review"
        BUSINESS_ENGAGEMENT = "business_engagement", "Business engagement"
        PATROLS = "patrols", "Targeted patrols"
        ARREST = "arrest", "Arrest and prosecution"

    class Status(models.TextChoices):
        ACTIVE = "active", "In force or under way"
        ENDED = "ended", "Ended"

    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="disruptions")
    tactic = models.CharField(max_length=20, choices=Tactic.choices)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    reference = models.CharField("court or case reference", max_length=100, blank=True)
    details = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-created_at"]
        indexes = [models.Index(fields=["status", "expires_on"])]

    def __str__(self) -> str:
        return f"{self.get_tactic_display()}, {self.context}"


class ThemeTag(models.Model):
    """A theme attached to a referral, a discussion, a finding or a context."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    theme = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="theme_tags")
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.UUIDField()
    target = GenericForeignKey("target_type", "target_id")
    # When what was tagged happened (a referral's submission, a meeting's date): the
    # trends count by this.
    occurred_on = models.DateField(db_index=True)
    tagged_at = StampField(auto_now_add=True)
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "target_type", "target_id"], name="contexts_theme_tag_once"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.theme_id} on {self.target_type_id}:{self.target_id}"


class ContextCatalogue(models.Model):
    """One version of the contextual assessment tool, as loaded: immutable once stored
    (as the child's risk tool is)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    content = models.JSONField()
    source = models.TextField()
    sha256 = models.CharField(max_length=64)
    loaded_at = StampField(auto_now_add=True)
    is_active = models.BooleanField(default=False)

    class Meta:
        ordering = ["-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="contexts_one_active_catalogue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (update_fields is None or set(update_fields) - {"is_active"}):
            raise ValueError("A catalogue version cannot be changed; load a new version.")
        super().save(*args, **kwargs)


class ContextAssessment(TimeStampedModel):
    """A contextual assessment: each factor of the catalogue graded with its evidence, the
    level, and the context weighting (which context must change first, and why)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    class Weighting(models.IntegerChoices):
        FIRST = 1, "Must change first"
        SOON = 2, "Must change soon"
        WATCH = 3, "Watch"

    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="assessments")
    catalogue = models.ForeignKey(ContextCatalogue, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=dict, blank=True)  # factor id -> {grade, evidence}
    level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    weighting = models.PositiveSmallIntegerField(choices=Weighting.choices, null=True, blank=True)
    weighting_reason = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    completed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]


class ContextNote(TimeStampedModel):
    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]


class ContextAction(OwnedAction):
    """An action of a context's plan (a meeting's actions on a contextual item are the
    meeting's own, and the plan shows both)."""

    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="actions")
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "created_at"]
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return self.description[:60]


class Alert(TimeStampedModel):
    """A co-occurrence: a child newly linked to a person or place already linked to other
    children. Shown to the analyst and the coordinator until it is put on the contextual
    agenda or dismissed."""

    class Status(models.TextChoices):
        OPEN = "open", "New"
        ON_AGENDA = "on_agenda", "Put on the contextual agenda"
        DISMISSED = "dismissed", "Dismissed"

    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="alerts")
    link = models.ForeignKey(Link, on_delete=models.PROTECT, related_name="alerts")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    children_linked = models.PositiveIntegerField(
        help_text="Children linked to the context when the alert was raised, this one included."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
