"""Forms for the Vulnerability and Risk Management Plan."""

from __future__ import annotations

import datetime as dt

from django import forms

from mace.accounts.models import Agency, User
from mace.core.forms import GovukForm, GovukModelForm
from mace.risk.models import VrmpReview, VrmpVersion
from mace.risk.services.vrmp import VRMP_CONTENT_FIELDS
from mace.web.forms import date_field


class VrmpForm(GovukModelForm):
    next_review_date = date_field("Next review date")

    class Meta:
        model = VrmpVersion
        fields = list(VRMP_CONTENT_FIELDS)
        labels = {
            "push_factors": "Push factors (what drives the child away)",
            "pull_factors": "Pull factors (what draws the child in)",
            "review_frequency_weeks": "Review the plan every (weeks)",
        }
        help_texts = {
            "contingency_plan": "For example an alternative address if the placement breaks down",
            "review_frequency_weeks": "Commonly 12 weeks or less",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields[:10]}

    def clean_review_frequency_weeks(self):
        weeks = self.cleaned_data["review_frequency_weeks"]
        if not 1 <= weeks <= 52:
            raise forms.ValidationError("Enter a review frequency from 1 to 52 weeks")
        return weeks

    def clean_next_review_date(self):
        day = self.cleaned_data["next_review_date"]
        if day < dt.date.today():
            raise forms.ValidationError("The next review date must be today or later")
        return day


class ReviewForm(GovukForm):
    reviewed_on = date_field("Date of the review", help_text="For example 2026-11-20")
    effect = forms.ChoiceField(
        label="Is the plan having the desired effect?",
        choices=VrmpReview.Effect.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the plan is having the desired effect"},
    )
    notes = forms.CharField(
        label="What the review found", widget=forms.Textarea, required=False, max_length=8000
    )
    next_review_date = date_field("Next review date")


class ActionForm(GovukForm):
    description = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Describe the action"},
    )
    owner_agency = forms.ModelChoiceField(
        label="Owning agency",
        queryset=Agency.objects.filter(is_active=True),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the agency that owns the action"},
    )
    owner = forms.ModelChoiceField(
        label="Owner (optional)",
        help_text="The person in that agency who will do it; they will see the child while "
        "the action is open",
        queryset=User.objects.filter(is_active=True, role__in=["member", "coordinator", "chair"]),
        required=False,
        empty_label="Not yet named",
    )
    due_date = date_field("Due date")

    def clean(self):
        data = super().clean()
        owner, agency = data.get("owner"), data.get("owner_agency")
        if owner and agency and owner.agency_id != agency.pk:
            self.add_error("owner", f"{owner.full_name} does not work for {agency.name}")
        return data


class CompleteActionForm(GovukForm):
    note = forms.CharField(
        label="What was done?",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Say what was done to complete the action"},
    )
