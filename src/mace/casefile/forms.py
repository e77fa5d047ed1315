"""Forms of the casefile's own pages."""

from __future__ import annotations

from django import forms

from mace.people.models import ChildAccess


class ReviewForm(forms.Form):
    finding = forms.ChoiceField(
        label="Was the access justified?",
        choices=ChildAccess.ReviewFinding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the review found"},
    )
    note = forms.CharField(
        label="What did the review find?",
        help_text="For example, who you spoke to and what the access was for.",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Enter what the review found"},
    )
    follow_up = forms.CharField(
        label="If it was not justified, what follows?",
        help_text="For example, raised with their line manager, or a disciplinary referral.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
