from __future__ import annotations

from django import forms

from mace.core.forms import GovukForm


class ChildSearchForm(GovukForm):
    q = forms.CharField(
        label="Search by name, alias or case-system ID", required=False, max_length=100
    )


class BreakGlassForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need this record now?",
        help_text=(
            "Your reason is recorded, the access lasts a few hours, and the data protection "
            "officer reviews every break-glass access."
        ),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter why you need this record now"},
    )
