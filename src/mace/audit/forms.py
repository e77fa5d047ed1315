from __future__ import annotations

from django import forms

from mace.audit.models import Event
from mace.core.forms import GovukForm


class LogFilterForm(GovukForm):
    actor_email = forms.CharField(label="User's email", required=False, max_length=254)
    child = forms.CharField(
        label="Child", help_text="Record ID or name", required=False, max_length=100
    )
    date_from = forms.DateField(
        label="From (date)",
        help_text="For example 2026-11-01",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the from date as a real date, for example 2026-11-01"},
    )
    date_to = forms.DateField(
        label="To (date)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the to date as a real date, for example 2026-11-30"},
    )
    verb = forms.ChoiceField(
        label="What happened", required=False, choices=[("", "Anything"), *Event.Verb.choices]
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return data
