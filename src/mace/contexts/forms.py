"""Forms of contextual MACE's pages (GOV.UK markup through mace.core.forms)."""

from __future__ import annotations

from django import forms

from mace.contexts.models import HANDLING_ROLE_CHOICES, Grading, Link, Node
from mace.core.forms import GovukForm
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
