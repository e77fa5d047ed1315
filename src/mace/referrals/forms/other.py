from __future__ import annotations

from django import forms

from mace.referrals.models import Referral, ReferralDecision
from mace.web.forms import date_field


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="Your work email address",
        help_text="We will email you a link to sign in. It works once, for 30 minutes.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@leeds.gov.uk",
        },
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=ReferralDecision.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="The referrer is emailed the decision and this reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Give the reason for the decision"},
    )
    signpost_to = forms.CharField(
        label="Signposted to (for a signpost)",
        help_text="For example: strategy discussion, Early Help, a youth service",
        required=False,
        max_length=200,
    )
    meeting_date = date_field(
        "MACE meeting date (for an acceptance, if known)", required=False, example="3 12 2026"
    )

    def __init__(self, *args, subject: str = Referral.Subject.CHILD, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            (value, ReferralDecision.label_for(value, subject))
            for value in ReferralDecision.Decision.values
        ]


class UnlinkForm(forms.Form):
    reason = forms.CharField(
        label="Why was the match wrong?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why the match was wrong"},
    )
