from __future__ import annotations

import base64
import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mace.core.models import TimeStampedModel


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


def new_reference() -> str:
    """A short reference people can read out on the phone, e.g. MACE-7K3QX9."""
    code = base64.b32encode(uuid.uuid4().bytes).decode()[:6]
    return f"MACE-{code}"


class Referral(TimeStampedModel):
    """A referral to MACE, about a child or about a context (a place or a group)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        NEW = "new", "Received"
        AWAITING_INFORMATION = "awaiting_information", "Awaiting more information"
        ACCEPTED = "accepted", "Accepted for MACE"
        SIGNPOSTED = "signposted", "Signposted"
        DECLINED = "declined", "Declined"

    class Channel(models.TextChoices):
        WEB = "web", "Web form"
        EMAIL = "email", "Secure mailbox"
        API = "api", "API"

    class Subject(models.TextChoices):
        CHILD = "child", "A child"
        CONTEXT = "context", "A place, space or group (no named child)"

    class Concern(models.TextChoices):
        CSE = "cse", "Child sexual exploitation"
        CCE = "cce", "Child criminal exploitation"
        COUNTY_LINES = "county_lines", "County lines"
        GANG = "gang", "Gang-related"
        TRAFFICKING = "trafficking", "Trafficking or modern slavery"
        ONLINE = "online", "Online exploitation"
        MISSING = "missing", "Going missing"

    class LookedAfter(models.TextChoices):
        NO = "no", "Not looked after"
        S20 = "s20", "Section 20"
        S31 = "s31", "Section 31 (care order)"
        S38 = "s38", "Section 38 (interim care order)"
        UNKNOWN = "unknown", "Not known"

    class LawfulBasis(models.TextChoices):
        CONSENT_GIVEN = "consent", "Parents or carers consented"
        SAFEGUARDING = (
            "safeguarding",
            ("Without consent: necessary to safeguard the child (DPA 2018 safeguarding condition)"),
        )
        PUBLIC_TASK = "public_task", "Public task (UK GDPR Article 6(1)(e))"

    reference = models.CharField(max_length=16, unique=True, default=new_reference)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.DRAFT)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    subject = models.CharField(max_length=8, choices=Subject.choices, default=Subject.CHILD)
    form_missing = models.BooleanField(
        default=False, help_text="Arrived by email without the referral form."
    )

    # Referrer.
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_made",
    )
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_agency = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)

    # The child, as the referrer describes them.
    child_given_name = models.CharField(max_length=100, blank=True)
    child_family_name = models.CharField(max_length=100, blank=True)
    child_aliases = models.CharField("aliases and nicknames", max_length=300, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_age_estimate = models.PositiveSmallIntegerField(null=True, blank=True)
    child_gender = models.CharField(max_length=40, blank=True)
    child_first_language = models.CharField(max_length=60, blank=True)
    child_ethnicity = models.CharField(max_length=100, blank=True)
    child_nationality = models.CharField(max_length=60, blank=True)
    child_send = models.CharField("disability or SEND", max_length=300, blank=True)
    child_address = models.CharField("home address", max_length=300, blank=True)
    child_postcode = models.CharField(max_length=10, blank=True)
    child_placement_address = models.CharField(max_length=300, blank=True)
    child_school = models.CharField(max_length=200, blank=True)
    child_year_group = models.CharField(max_length=20, blank=True)
    child_gp = models.CharField("GP or health worker", max_length=200, blank=True)
    child_household = models.TextField("siblings and other children in the household", blank=True)

    # Legal and service status.
    child_in_need = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    child_protection = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    looked_after = models.CharField(max_length=8, choices=LookedAfter.choices, blank=True)
    care_leaver = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    open_to_social_work = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    allocated_social_worker = models.CharField(max_length=200, blank=True)
    case_system_id = models.CharField(max_length=40, blank=True)
    known_to_police = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    known_to_youth_justice = models.CharField(
        max_length=8, choices=YesNoUnknown.choices, blank=True
    )
    known_to_camhs = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)

    # Concerns and risk.
    concerns = models.JSONField(default=list, blank=True)
    exploitation_identified_before = models.CharField(
        max_length=8, choices=YesNoUnknown.choices, blank=True
    )
    risk_level = models.CharField(max_length=10, blank=True)  # mace.core.levels.Level values
    risk_assessment = models.ForeignKey(
        "risk.Assessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    risk_analysis = models.TextField("practitioner's analysis", blank=True)
    push_factors = models.TextField(blank=True)
    pull_factors = models.TextField(blank=True)
    missing_episodes = models.TextField("missing episodes", blank=True)

    # Context: places, peer groups, online spaces.
    context_description = models.TextField(blank=True)
    places_of_concern = models.TextField(blank=True)
    peer_groups = models.TextField(blank=True)
    online_spaces = models.TextField(blank=True)

    # Parents, consent and lawful basis.
    parents_aware = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    parents_consent = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    parents_protective = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    lawful_basis = models.CharField(max_length=16, choices=LawfulBasis.choices, blank=True)
    sharing_reason = models.TextField("why share without consent", blank=True)

    # Why MACE.
    what_tried = models.TextField("what has been tried", blank=True)
    why_mace = models.TextField("why a MACE discussion is warranted", blank=True)
    cross_border = models.TextField("cross-border concerns", blank=True)
    narrative = models.TextField(blank=True, help_text="The email body, when no form came.")

    # Raw inputs of a step that did not validate yet: nothing typed is lost.
    draft_data = models.JSONField(default=dict, blank=True)
    last_step = models.CharField(max_length=30, blank=True)

    # Triage.
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    signpost_to = models.CharField(max_length=200, blank=True)
    accepted_for = models.DateField(
        null=True, blank=True, help_text="The MACE meeting date the referral is accepted for."
    )
    source_message = models.ForeignKey(
        "referrals.InboundMessage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    history = HistoricalRecords(excluded_fields=["draft_data"])

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["referrer", "status"]),
            models.Index(fields=["child", "submitted_at"]),
        ]

    @property
    def channel_phrase(self) -> str:
        """How it arrived, mid-sentence: "web form", "secure mailbox", "API" (an acronym
        keeps its capitals)."""
        label = self.get_channel_display()
        return label if label.isupper() else label[:1].lower() + label[1:]

    def __str__(self) -> str:
        return self.reference

    @property
    def child_display_name(self) -> str:
        name = f"{self.child_given_name} {self.child_family_name}".strip()
        if self.subject == self.Subject.CONTEXT:
            return "Context referral"
        return name or "Name not given"


class SuspectedPerpetrator(TimeStampedModel):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="perpetrators")
    name = models.CharField(max_length=200, blank=True)
    aliases = models.CharField("aliases or street names", max_length=300, blank=True)
    date_of_birth = models.CharField("date of birth or age", max_length=40, blank=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=60, blank=True)
    vehicle = models.CharField(max_length=200, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    relationship = models.CharField("relationship to the child", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]


class ReferralDecision(TimeStampedModel):
    """One triage decision; a referral may get several (more information, then accept)."""

    class Decision(models.TextChoices):
        ACCEPT = "accept", "Accept for a child-focused MACE"
        SIGNPOST = "signpost", "Signpost to a statutory process or another service"
        DECLINE = "decline", "Decline"
        MORE_INFORMATION = "more_information", "Ask for more information"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField()
    signpost_to = models.CharField(max_length=200, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    referrer_notified_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    @staticmethod
    def label_for(decision: str, subject: str) -> str:
        """The decision in words for a referral of this subject: a referral about a place or
        group is accepted for the contextual MACE, a child for the child-focused one."""
        if decision == ReferralDecision.Decision.ACCEPT and subject == Referral.Subject.CONTEXT:
            return "Accept for the contextual MACE"
        return ReferralDecision.Decision(decision).label

    @property
    def label(self) -> str:
        return self.label_for(self.decision, self.referral.subject)


class ReferralLink(TimeStampedModel):
    """The coordinator's confirmation that a referral is about a known (or new) child."""

    class How(models.TextChoices):
        MATCHED = "matched", "Matched to a known child"
        CREATED = "created", "New child created"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="+")
    how = models.CharField(max_length=10, choices=How.choices)
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undo_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
