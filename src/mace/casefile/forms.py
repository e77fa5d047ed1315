"""Forms of the casefile's own pages."""

from __future__ import annotations

from django import forms


class ReviewForm(forms.Form):
    note = forms.CharField(
        label="What did the review find?",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Enter what the review found"},
    )
