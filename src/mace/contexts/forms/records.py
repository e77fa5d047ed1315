"""Forms of contextual MACE's pages (GOV.UK markup through mace.core.forms)."""

from __future__ import annotations

from django import forms

from mace.accounts.models import Agency
from mace.contexts.models import (
    HANDLING_ROLE_CHOICES,
    Context,
    ContextAssessment,
    ContextName,
    Grading,
    Link,
    Node,
)
from mace.contexts.services.records import COMMON_FIELDS, KIND_FIELDS
from mace.core.forms import GovukForm, GovukModelForm
from mace.core.levels import Level
from mace.people.models import Ward
from mace.web.forms import date_field

IDENTIFIER_CHOICES = [
    ("", "Choose what it is"),
    (Node.Kind.PHONE, "Phone"),
    (Node.Kind.VEHICLE, "Vehicle"),
    (Node.Kind.ONLINE_ACCOUNT, "Online account"),
]


class ReasonForm(GovukForm):
    """Why: keeping two persons apart, or retracting a proposed link."""

    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why"},
    )

    def __init__(self, *args, label: str = "Why", required_message: str = "Say why", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = required_message


class ItemLinkForm(GovukForm):
    """A connection recorded at the meeting: the other record (an open context, or a phone,
    vehicle or online account typed in), how they are related, when, and the grading."""

    other = forms.ChoiceField(label="A record already open", required=False)
    identifier_kind = forms.ChoiceField(
        label="Or a phone, vehicle or online account", choices=IDENTIFIER_CHOICES, required=False
    )
    identifier = forms.CharField(
        label="The number, registration or account", max_length=200, required=False
    )
    relation = forms.ChoiceField(
        label="How they are related",
        choices=[("", "Choose the relation"), *Link.Relation.choices],
        error_messages={"required": "Choose how the two are related"},
    )
    description = forms.CharField(
        label="What was said (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    first_seen = date_field("First seen", required=False)
    last_seen = date_field("Last seen", required=False)
    source_grade = forms.ChoiceField(
        label="Source evaluation",
        choices=Grading.Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Grade the source: 1 reliable, 2 untested or 3 not reliable"},
    )
    intelligence_grade = forms.ChoiceField(
        label="Intelligence assessment",
        choices=Grading.Intelligence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Grade the intelligence from A (known directly) to E"},
    )
    handling = forms.ChoiceField(
        label="Handling code",
        choices=Grading.Handling.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the handling code: P or C"},
    )
    handling_conditions = forms.CharField(
        label="Conditions on sharing (handling code C)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    handling_roles = forms.MultipleChoiceField(
        label="Who the conditions allow to see it (handling code C)",
        choices=HANDLING_ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, contexts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = [("", "Choose a record")] + [
            (str(c.pk), f"{c.name} ({c.get_kind_display().lower()})") for c in contexts
        ]

    def clean(self):
        data = super().clean()
        other, kind, text = data.get("other"), data.get("identifier_kind"), data.get("identifier")
        text = (text or "").strip()
        if other and (kind or text):
            self.add_error("other", "Choose a record or type an identifier, not both")
        elif not other and not text:
            self.add_error("other", "Choose the record this is connected to, or type one in")
        elif text and not kind:
            self.add_error("identifier_kind", "Say whether it is a phone, vehicle or account")
        return data


class RecordLinkForm(ItemLinkForm):
    """A link from a context's page: as at a meeting, and the other end may be a child of
    the cohort, found by case-system ID or full name."""

    child = forms.CharField(
        label="Or a child: their case system ID or full name", max_length=200, required=False
    )
    direction = forms.ChoiceField(
        label="Which way the relation reads",
        choices=[
            ("out", "This record, then the relation, then the other"),
            ("in", "The other, then the relation, then this record"),
        ],
        widget=forms.RadioSelect,
        initial="out",
        required=False,
    )

    def clean(self):
        data = forms.Form.clean(self)
        given = [
            bool(data.get("other")),
            bool((data.get("identifier") or "").strip()),
            bool((data.get("child") or "").strip()),
        ]
        if sum(given) > 1:
            self.add_error("other", "Choose one record, identifier or child, not more")
        elif not any(given):
            self.add_error(
                "other", "Choose the record this is linked to, type an identifier, or name a child"
            )
        elif given[1] and not data.get("identifier_kind"):
            self.add_error("identifier_kind", "Say whether it is a phone, vehicle or account")
        return data


LABELS = {
    "name": "Name",
    "summary": "What is known",
    "ward": "Ward",
    "place_kind": "Kind of place",
    "address": "Address or description of where it is",
    "postcode": "Postcode",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "age_from": "Youngest age",
    "age_to": "Oldest age",
    "activities": "What the group does, and where",
    "approximate_age": "Approximate age",
    "description": "Description (appearance, manner)",
    "certainty": "Suspected or known",
    "person_status": "Status",
    "exploitation_type": "Exploitation type",
}
EXPLOITATION_TYPES = [
    ("", "Not stated"),
    ("cse", "Child sexual exploitation"),
    ("cce", "Child criminal exploitation"),
    ("county_lines", "County lines"),
    ("trafficking", "Trafficking or modern slavery"),
    ("online", "Online exploitation"),
    ("serious_violence", "Serious youth violence"),
]


class ContextForm(GovukModelForm):
    """A context's details: the fields its kind keeps."""

    class Meta:
        model = Context
        fields = [*COMMON_FIELDS, *sorted({f for fs in KIND_FIELDS.values() for f in fs})]

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = ["name", *KIND_FIELDS[kind], "summary", "ward"]
        if kind != Context.Kind.THEME:
            wanted.append("exploitation_type")
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        self.order_fields(wanted)
        for name, field in self.fields.items():
            field.label = LABELS.get(name, field.label)
            field.required = name == "name"
        if "ward" in self.fields:
            self.fields["ward"].queryset = Ward.objects.order_by("name")
            self.fields["ward"].empty_label = "Not known"
        if "exploitation_type" in self.fields:
            self.fields["exploitation_type"] = forms.ChoiceField(
                label=LABELS["exploitation_type"], choices=EXPLOITATION_TYPES, required=False
            )
        if "place_kind" in self.fields:
            self.fields["place_kind"].choices = [("", "Choose")] + list(Context.PlaceKind.choices)
        if "certainty" in self.fields:
            self.fields["certainty"].widget = forms.RadioSelect(choices=Context.Certainty.choices)
        if "date_of_birth" in KIND_FIELDS[kind]:
            self.fields["date_of_birth"] = date_field(
                "Date of birth", required=False, example="27 3 1994"
            )
            self.order_fields(wanted)


class NameForm(GovukForm):
    name = forms.CharField(label="Name, alias or street name", max_length=200)
    kind = forms.ChoiceField(
        label="Kind of name", choices=ContextName.Kind.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, aliases_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if aliases_only:  # opening a person: their name is asked for above
            self.fields["name"].label = "Alias or street name"
            self.fields["kind"].choices = [
                c for c in ContextName.Kind.choices if c[0] != ContextName.Kind.NAME
            ]


class NoteForm(GovukForm):
    text = forms.CharField(label="Note", widget=forms.Textarea)


class ActionForm(GovukForm):
    description = forms.CharField(label="What is to be done", widget=forms.Textarea)
    owner_agency = forms.ModelChoiceField(
        label="Agency that owns it", queryset=Agency.objects.order_by("name")
    )
    due_date = date_field("Due date")


class CompleteForm(GovukForm):
    note = forms.CharField(label="What was done", widget=forms.Textarea)


class AssessmentForm(GovukForm):
    """One field pair (grade, evidence) per factor of the catalogue, then the level and the
    weighting."""

    level = forms.ChoiceField(
        label="Level of risk this context poses (agreed)",
        choices=[("", "Choose"), *Level.choices],
        required=False,
    )
    weighting = forms.TypedChoiceField(
        label="Context weighting: against the other contexts, this one",
        choices=ContextAssessment.Weighting.choices,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    weighting_reason = forms.CharField(
        label="Why it must change first, soon, or be watched",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, factors, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors = factors
        fields = {}
        for factor in factors:
            code = factor["code"]
            fields[f"grade_{code}"] = forms.ChoiceField(
                label=factor["text"], choices=grades, widget=forms.RadioSelect, required=False
            )
            fields[f"evidence_{code}"] = forms.CharField(
                label="Evidence", widget=forms.Textarea, required=False
            )
        self.fields = {**fields, **self.fields}

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            f["code"]: {
                "grade": data.get(f"grade_{f['code']}", ""),
                "evidence": data.get(f"evidence_{f['code']}", ""),
            }
            for f in self.factors
        }

    def factor_rows(self):
        return [
            (f, self[f"grade_{f['code']}"], self[f"evidence_{f['code']}"]) for f in self.factors
        ]
