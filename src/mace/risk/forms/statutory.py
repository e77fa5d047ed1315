"""Form for a statutory process. The rules (dates, NRM decisions) live in the service."""

from __future__ import annotations

from django import forms

from mace.accounts.models import Agency
from mace.core.forms import GovukForm
from mace.risk.models import StatutoryProcess
from mace.web.forms import date_field

EXAMPLE = "28/03/2026"  # the hint and message show the date as people write it

DECISION_CHOICES = [("", "None recorded"), *StatutoryProcess.Decision.choices]


class StatutoryProcessForm(GovukForm):
    kind = forms.ChoiceField(
        label="Process",
        choices=StatutoryProcess.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the statutory process"},
    )
    started_on = date_field("Start date", example=EXAMPLE)
    ended_on = date_field(
        "End date",
        example=EXAMPLE,
        required=False,
        help_text="Leave blank while the process is open",
    )
    lead_professional = forms.CharField(label="Lead professional", required=False, max_length=200)
    lead_agency = forms.ModelChoiceField(
        label="Lead agency",
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label="Not known",
    )
    reference = forms.CharField(label="Case-system reference", required=False, max_length=60)
    notes = forms.CharField(
        label="Notes", required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )
    reasonable_grounds = forms.ChoiceField(
        label="Reasonable grounds decision",
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    reasonable_grounds_on = date_field(
        "Date of the reasonable grounds decision", example=EXAMPLE, required=False
    )
    conclusive_grounds = forms.ChoiceField(
        label="Conclusive grounds decision",
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        help_text="Only after a positive reasonable grounds decision",
    )
    conclusive_grounds_on = date_field(
        "Date of the conclusive grounds decision", example=EXAMPLE, required=False
    )

    PROCESS_FIELDS = (
        "kind",
        "started_on",
        "ended_on",
        "lead_professional",
        "lead_agency",
        "reference",
        "notes",
    )
    NRM_FIELDS = (
        "reasonable_grounds",
        "reasonable_grounds_on",
        "conclusive_grounds",
        "conclusive_grounds_on",
    )

    @classmethod
    def initial_from(cls, process: StatutoryProcess | None) -> dict:
        """The form's starting values: the process's, or none for a new one."""
        if process is None:
            return {}
        initial = {name: getattr(process, name) for name in cls.base_fields}
        initial["lead_agency"] = process.lead_agency_id
        return initial
