"""Silver and Gold (issue 13, ADR 35): what MACE escalates, the partnership strategy and
action plan with its assurance audits, recommendations to Gold and Gold's challenges."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mace.core.models import TimeStampedModel


class Audience(models.TextChoices):
    """The group an escalation goes to."""

    SILVER = "silver", "Silver"
    GOLD = "gold", "Gold"


class Escalation(TimeStampedModel):
    """A theme, trend, emerging risk, practice issue, resource pressure or individual child
    raised to Silver or Gold, with the children, contexts, meetings, findings and actions
    behind it. A child named here opens to the audience's members (an escalation grant)."""

    class Kind(models.TextChoices):
        THEME = "theme", "Theme"
        TREND = "trend", "Trend"
        EMERGING_RISK = "emerging_risk", "Emerging risk"
        PRACTICE_ISSUE = "practice_issue", "Practice issue"
        RESOURCE_PRESSURE = "resource_pressure", "Resource pressure"
        CHILD = "child", "Individual child"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESPONDED = "responded", "Responded"
        CLOSED = "closed", "Closed"

    to = models.CharField(max_length=8, choices=Audience.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    # Where it came from: a meeting's finding, a child's outcome "Escalate to Gold", a Silver
    # escalation raised on to Gold, or none of these (a chair at any time).
    raised_from_finding = models.ForeignKey(
        "meetings.Finding", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_from_discussion = models.ForeignKey(
        "meetings.Discussion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="raised_on"
    )
    # What lies behind it.
    children = models.ManyToManyField("people.Child", blank=True, related_name="+")
    contexts = models.ManyToManyField("contexts.Context", blank=True, related_name="+")
    meetings = models.ManyToManyField("meetings.Meeting", blank=True, related_name="+")
    findings = models.ManyToManyField("meetings.Finding", blank=True, related_name="+")
    actions = models.ManyToManyField("meetings.Action", blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["to", "status"])]

    def __str__(self) -> str:
        return self.title


class RAG(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


class Objective(TimeStampedModel):
    """An objective of the partnership strategy (by default the national three)."""

    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class PlanItem(TimeStampedModel):
    """An item of the action plan: owner, due date, RAG status, and what drove it."""

    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="items")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField()
    rag = models.CharField("RAG status", max_length=10, choices=RAG.choices, default=RAG.AMBER)
    escalations = models.ManyToManyField(Escalation, blank=True, related_name="plan_items")
    findings = models.ManyToManyField("meetings.Finding", blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "created_at"]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(TimeStampedModel):
    """A dated note of progress on a plan item, with its RAG status at the time."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    text = models.TextField()
    rag = models.CharField("RAG status", max_length=10, choices=RAG.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-on", "-created_at"]


class AssuranceActivity(TimeStampedModel):
    """A multi-agency case audit: which children, by whom, when, against which standard,
    and what was found."""

    title = models.CharField(max_length=200)
    standard = models.TextField(help_text="The standard or procedure audited against.")
    carried_out_on = models.DateField()
    carried_out_by = models.TextField(help_text="Who audited: the people and their agencies.")
    summary = models.TextField(help_text="What was found, in a sentence or two.")
    children = models.ManyToManyField("people.Child", blank=True, related_name="+")
    plan_item = models.ForeignKey(
        PlanItem, null=True, blank=True, on_delete=models.PROTECT, related_name="assurance"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-carried_out_on", "-created_at"]
        verbose_name_plural = "assurance activities"

    def __str__(self) -> str:
        return self.title


class AssuranceFinding(TimeStampedModel):
    """One finding of an assurance activity, and how far the standard was met."""

    class Rating(models.TextChoices):
        MET = "met", "Met"
        PARTLY = "partly_met", "Partly met"
        NOT_MET = "not_met", "Not met"

    activity = models.ForeignKey(
        AssuranceActivity, on_delete=models.CASCADE, related_name="findings"
    )
    text = models.TextField()
    rating = models.CharField(max_length=12, choices=Rating.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]


class Recommendation(TimeStampedModel):
    """What Silver asks Gold to decide: commissioning, a change of policy, a resource
    pressure; and Gold's decision and its date."""

    class Kind(models.TextChoices):
        COMMISSIONING = "commissioning", "Commissioning"
        POLICY = "policy_change", "Policy change"
        RESOURCE = "resource_pressure", "Resource pressure"

    class Decision(models.TextChoices):
        AGREED = "agreed", "Agreed"
        NOT_AGREED = "not_agreed", "Not agreed"
        DEFERRED = "deferred", "Deferred"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    text = models.TextField()
    escalation = models.ForeignKey(
        Escalation, null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations"
    )
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decision_note = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Challenge(TimeStampedModel):
    """Gold challenging practice, and Silver's answer."""

    text = models.TextField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    escalation = models.ForeignKey(
        Escalation, null=True, blank=True, on_delete=models.PROTECT, related_name="challenges"
    )
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at"]


# Dashboards (issue 13 item 4): the city's child population, for disproportionality.

# The age bands of Gold's figures (years, both ends included): the reference table gives
# the city's children (0 to 17) in the first four; a child at risk may be older, or of an
# age not known.
AGE_BANDS: tuple[tuple[str, str, int, int], ...] = (
    ("0-9", "Under 10", 0, 9),
    ("10-13", "10 to 13", 10, 13),
    ("14-15", "14 to 15", 14, 15),
    ("16-17", "16 to 17", 16, 17),
    ("18+", "18 or over", 18, 200),
)


class PopulationReference(TimeStampedModel):
    """How many children (0 to 17) live in the city, by one dimension's category: the
    denominator of Gold's disproportionality figures. Loaded from a table (configurable;
    the demo ships a synthetic one), replaced as a whole."""

    class Dimension(models.TextChoices):
        ETHNICITY = "ethnicity", "Ethnicity"
        SEX = "sex", "Sex"
        AGE_BAND = "age_band", "Age band"
        WARD = "ward", "Ward"

    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    # A Child.Ethnicity value, "female" or "male", an AGE_BANDS code, or a ward's code.
    category = models.CharField(max_length=40)
    children = models.PositiveIntegerField()
    source = models.TextField(help_text="Where the figure comes from.")
    year = models.PositiveSmallIntegerField(help_text="The year the figure describes.")

    class Meta:
        ordering = ["dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "category"], name="governance_population_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} {self.category}: {self.children}"
