"""Children known to MACE, where they live and go to school, and who may see them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from mace.core import clock
from mace.core.fields import StampField
from mace.core.models import TimeStampedModel


class Ward(models.Model):
    """An electoral ward of the city: the unit of place for hotspots and aggregates."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    class Phase(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        SPECIAL = "special", "Special school"
        ALTERNATIVE = "alternative", "Alternative provision / pupil referral unit"
        COLLEGE = "college", "Further education college"

    urn = models.CharField("unique reference number", max_length=8, unique=True)
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    postcode = models.CharField(max_length=10)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="schools")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Child(TimeStampedModel):
    """A child known to MACE. Need not be known to children's social care."""

    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Other"
        NOT_KNOWN = "not_known", "Not known"

    class Ethnicity(models.TextChoices):
        # Census 2021 (England and Wales) high-level groups with their main categories.
        WHITE_BRITISH = (
            "white_british",
            "White: English, Welsh, Scottish, Northern Irish or British",
        )
        WHITE_IRISH = "white_irish", "White: Irish"
        WHITE_GYPSY = "white_gypsy", "White: Gypsy or Irish Traveller"
        WHITE_ROMA = "white_roma", "White: Roma"
        WHITE_OTHER = "white_other", "White: any other White background"
        MIXED_WHITE_BLACK_CARIBBEAN = "mixed_wbc", "Mixed: White and Black Caribbean"
        MIXED_WHITE_BLACK_AFRICAN = "mixed_wba", "Mixed: White and Black African"
        MIXED_WHITE_ASIAN = "mixed_wa", "Mixed: White and Asian"
        MIXED_OTHER = "mixed_other", "Mixed: any other mixed or multiple background"
        ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
        ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
        ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
        ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
        ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
        BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
        BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
        BLACK_OTHER = "black_other", "Black, Black British, Caribbean or African: any other"
        ARAB = "arab", "Other ethnic group: Arab"
        OTHER = "other", "Other ethnic group: any other"
        NOT_KNOWN = "not_known", "Not known"

    class Send(models.TextChoices):
        NONE = "none", "No special educational needs"
        SEN_SUPPORT = "sen_support", "SEN support"
        EHCP = "ehcp", "Education, health and care plan"
        NOT_KNOWN = "not_known", "Not known"

    class LegalStatus(models.TextChoices):
        NONE = "none", "None known"
        CHILD_IN_NEED = "cin", "Child in Need plan"
        CHILD_PROTECTION = "cp", "Child Protection plan"
        LOOKED_AFTER_S20 = "la_s20", "Looked after (section 20)"
        LOOKED_AFTER_S31 = "la_s31", "Looked after (section 31 care order)"
        LOOKED_AFTER_S38 = "la_s38", "Looked after (section 38 interim care order)"
        CARE_LEAVER = "care_leaver", "Care leaver"

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_birth_is_estimated = models.BooleanField(default=False)
    gender = models.CharField(max_length=12, choices=Gender.choices, default=Gender.NOT_KNOWN)
    ethnicity = models.CharField(
        max_length=24, choices=Ethnicity.choices, default=Ethnicity.NOT_KNOWN
    )
    first_language = models.CharField(max_length=60, blank=True)
    nationality = models.CharField(max_length=60, blank=True)
    send = models.CharField(
        "special educational needs", max_length=12, choices=Send.choices, default=Send.NOT_KNOWN
    )
    learning_disability = models.BooleanField(default=False)
    disability_notes = models.CharField(max_length=300, blank=True)
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    year_group = models.PositiveSmallIntegerField(null=True, blank=True)
    legal_status = models.CharField(
        max_length=12, choices=LegalStatus.choices, default=LegalStatus.NONE
    )
    open_to_social_work = models.BooleanField(default=False)
    case_system_id = models.CharField("case system ID", max_length=40, blank=True)
    restricted = models.BooleanField(
        default=False,
        help_text="Only named users may open a restricted record; anyone else must break glass.",
    )
    restriction_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class ChildAlias(TimeStampedModel):
    class Kind(models.TextChoices):
        ALIAS = "alias", "Alias"
        NICKNAME = "nickname", "Nickname"
        STREET_NAME = "street_name", "Street name"
        PREVIOUS_NAME = "previous_name", "Previous name"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ALIAS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ChildAddress(TimeStampedModel):
    class Kind(models.TextChoices):
        HOME = "home", "Home"
        PLACEMENT = "placement", "Placement"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.HOME)
    line_1 = models.CharField(max_length=200)
    line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10, db_index=True)
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.PROTECT)
    date_from = models.DateField()
    date_to = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date_from"]
        verbose_name_plural = "child addresses"

    def __str__(self) -> str:
        return f"{self.line_1}, {self.town} {self.postcode}"

    @property
    def is_current(self) -> bool:
        return self.date_to is None


class ChildAccessQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or clock.now()
        return self.filter(
            Q(revoked_at__isnull=True),
            Q(starts_at__lte=at),
            Q(expires_at__isnull=True) | Q(expires_at__gt=at),
        )


class ChildAccess(models.Model):
    """A grant that lets one user see one child: the basis of need-to-know.

    Later issues create grants (a meeting invitation, an owned action, an escalation to
    Silver or Gold); mace.people.selectors reads them. Break-glass grants are time-limited
    and queued for the auditor's review.
    """

    class Basis(models.TextChoices):
        NAMED = "named", "Named on a restricted record"
        INVITATION = "invitation", "Invited to a meeting where the child is discussed"
        ACTION = "action", "Owns an action for the child"
        ESCALATION = "escalation", "Escalated to Silver or Gold"
        BREAK_GLASS = "break_glass", "Break glass"

    class ReviewFinding(models.TextChoices):
        """What the auditor found when reviewing a break-glass access."""

        JUSTIFIED = "justified", "Justified"
        NOT_JUSTIFIED = "not_justified", "Not justified"
        REFERRED_DPO = "referred_dpo", "Referred to the data protection officer"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="child_access"
    )
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="access_grants")
    basis = models.CharField(max_length=16, choices=Basis.choices)
    reason = models.TextField(blank=True)
    starts_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = StampField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_finding = models.CharField(max_length=16, choices=ReviewFinding.choices, blank=True)
    review_note = models.TextField(blank=True)
    review_follow_up = models.TextField(blank=True)  # what follows an unjustified access
    history = HistoricalRecords()

    objects = ChildAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "child", "basis"])]
        verbose_name_plural = "child access grants"

    def __str__(self) -> str:
        return f"{self.get_basis_display()}: {self.user_id} → {self.child_id}"
