from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mace.core.models import TimeStampedModel
from mace.meetings.models.series import Kind, MeetingSeries


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """The aware moment of a wall-clock time in the service's zone (BST or GMT as it falls)."""
    return dt.datetime.combine(day, time, tzinfo=timezone.get_default_timezone())


class Meeting(TimeStampedModel):
    """One occurrence of a series (or a one-off meeting)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    series = models.ForeignKey(
        MeetingSeries, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    date = models.DateField(db_index=True)
    start_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=180)
    scheduled_date = models.DateField(
        null=True,
        blank=True,
        help_text="The date the series' rule gave, when the meeting was moved from it.",
    )
    move_reason = models.TextField(blank=True)
    location = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    slot_minutes = models.PositiveSmallIntegerField(default=20)
    capacity = models.PositiveSmallIntegerField(default=8)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            # One occurrence per date of the rule, moved or not.
            models.UniqueConstraint(
                fields=["series", "scheduled_date"],
                name="meetings_meeting_occurrence_unique",
                condition=Q(scheduled_date__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.title}, {self.date:%-d %B %Y}"

    @property
    def starts_at(self) -> dt.datetime:
        return local_datetime(self.date, self.start_time)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def access_until(self) -> dt.datetime:
        """Invitations open a child's papers until this moment (ARCHITECTURE §4)."""
        return self.ends_at + dt.timedelta(days=settings.MACE_INVITATION_ACCESS_DAYS)

    @property
    def is_child_focused(self) -> bool:
        return self.kind == Kind.CHILD


class AgendaItem(TimeStampedModel):
    """One item of an agenda: a child, or (contextual MACE) a place, group, person or theme.

    The subject of a contextual item is a generic relation, so the records a later issue
    builds (places, peer groups, persons of concern) can be put on an agenda unchanged;
    until then a contextual item names its subject in ``title``.
    """

    class Subject(models.TextChoices):
        CHILD = "child", "Child"
        PLACE = "place", "Place or space"
        PEER_GROUP = "peer_group", "Peer group"
        PERSON = "person", "Person of concern"
        THEME = "theme", "Theme or trend"
        OTHER = "other", "Other business"

    class Source(models.TextChoices):
        REFERRAL = "referral", "New referral"
        REVIEW = "review", "Review"
        DEFERRED = "deferred", "Deferred from an earlier meeting"
        ADDED = "added", "Added by the coordinator"

    class Status(models.TextChoices):
        LISTED = "listed", "On the agenda"
        DEFERRED = "deferred", "Deferred"
        REMOVED = "removed", "Removed"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    subject = models.CharField(max_length=12, choices=Subject.choices, default=Subject.CHILD)
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.UUIDField(null=True, blank=True)
    subject_object = GenericForeignKey("subject_type", "subject_id")
    title = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ADDED)
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    for_information = models.BooleanField(
        "for information only", default=False, help_text="Shared with the meeting, not discussed."
    )
    slot_minutes = models.PositiveSmallIntegerField(default=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LISTED)
    status_reason = models.TextField(blank=True)
    deferred_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="deferred_from"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "child"],
                name="meetings_item_child_once",
                condition=Q(status="listed", child__isnull=False),
            ),
            models.CheckConstraint(
                name="meetings_item_child_subject",
                condition=(Q(subject="child") & Q(child__isnull=False))
                | (~Q(subject="child") & Q(child__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    # Set by selectors.agenda.items_mark_locked: a restricted record this reader may not
    # open, shown without anything that identifies the child.
    locked = False

    @property
    def label(self) -> str:
        if self.child_id and self.locked:
            return "A restricted record"
        if self.child_id:
            return self.child.full_name
        if self.subject_object is not None:
            return str(self.subject_object)
        return self.title or self.get_subject_display()


class Invitation(TimeStampedModel):
    """An invitation to a meeting: the whole of it (core members) or one child's slot.

    An invitation to a slot opens that child's papers to the invitee until 28 days after
    the meeting; the grant it made is kept here so that it can be revoked with the item.
    """

    class Capacity(models.TextChoices):
        CORE = "core", "Core member"
        DEPUTY = "deputy", "Deputy"
        SOCIAL_WORKER = "social_worker", "Social worker"
        TEAM_MANAGER = "team_manager", "Team manager"
        REFERRER = "referrer", "Referrer"
        PRACTITIONER = "practitioner", "Practitioner involved"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_invitations"
    )
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="invitations"
    )
    capacity = models.CharField(max_length=16, choices=Capacity.choices)
    sent_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="meetings_invitation_whole_once",
                condition=Q(item__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["meeting", "user", "item"],
                name="meetings_invitation_slot_once",
                condition=Q(item__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} to {self.meeting}"


class Attendance(TimeStampedModel):
    """Who came, per agency: present, sent apologies (and a deputy came?), or absent."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        DEPUTY = "deputy", "Deputy attended"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    attendee_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agency"], name="meetings_attendance_unique")
        ]


class InvitationGrant(models.Model):
    """The access grant an invitation opened for one child, so it can be revoked with the
    item (deferred or removed) or moved with the meeting."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="grants")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="grants")
    grant = models.OneToOneField("people.ChildAccess", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.invitation_id} → {self.grant_id}"
