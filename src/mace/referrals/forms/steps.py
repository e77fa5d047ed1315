"""One form per section of the referral, built from mace.referrals.sections.

The web form's steps, the Word form reader and the API all clean input through these, so a
value means the same whichever way it arrived.
"""

from __future__ import annotations

from functools import cache

from django import forms

from mace.core import clock
from mace.core.levels import Level
from mace.referrals.models import Referral, SuspectedPerpetrator, YesNoUnknown
from mace.referrals.sections import PERPETRATOR_FIELDS, Section
from mace.web.forms import date_field

LABELS = {
    "referrer_name": "Your full name",
    "referrer_agency": "Your agency or organisation",
    "referrer_role": "Your role",
    "referrer_email": "Your secure work email address",
    "referrer_phone": "Your phone number",
    "subject": "Is the referral about a named child?",
    "child_given_name": "First name(s)",
    "child_family_name": "Last name",
    "child_aliases": "Aliases and nicknames",
    "child_date_of_birth": "Date of birth",
    "child_age_estimate": "Approximate age, if you do not know the date of birth",
    "child_gender": "Gender",
    "child_first_language": "First language",
    "child_ethnicity": "Ethnicity",
    "child_nationality": "Nationality",
    "child_send": "Disability or special educational needs",
    "child_address": "Home address",
    "child_postcode": "Home postcode",
    "child_placement_address": "Placement address, if different",
    "child_school": "School or college",
    "child_year_group": "Year group",
    "child_gp": "GP or health worker",
    "child_household": "Siblings and other children in the household",
    "child_in_need": "Is the child on a Child in Need plan?",
    "child_protection": "Is the child on a Child Protection plan?",
    "looked_after": "Is the child looked after?",
    "care_leaver": "Is the young person a care leaver?",
    "open_to_social_work": "Is the child open to children's social work?",
    "allocated_social_worker": "Allocated social worker",
    "case_system_id": "Case-system ID",
    "known_to_police": "Known to police?",
    "known_to_youth_justice": "Known to youth justice?",
    "known_to_camhs": "Known to CAMHS?",
    "concerns": "What are you concerned about?",
    "exploitation_identified_before": "Has exploitation been identified before?",
    "risk_level": "Risk identification tool result, if you used it",
    "risk_analysis": "Your analysis of the risk",
    "push_factors": "Push factors (what drives the child away)",
    "pull_factors": "Pull factors (what draws the child in)",
    "missing_episodes": "Missing episodes",
    "context_description": "Describe the place, space or group",
    "places_of_concern": "Places and businesses of concern",
    "peer_groups": "Peer groups",
    "online_spaces": "Online spaces",
    "parents_aware": "Are the parents or carers aware of this referral?",
    "parents_consent": "Have they consented to it?",
    "parents_protective": "Are they protective?",
    "lawful_basis": "Lawful basis for sharing",
    "sharing_reason": "If you are sharing without consent, why is it necessary?",
    "what_tried": "What has been tried so far?",
    "why_mace": "Why is a MACE discussion warranted?",
    "cross_border": "Cross-border concerns",
}

HINTS = {
    "child_date_of_birth": "For example 2010-03-27",
    "child_postcode": "For example LS9 7QT",
    "missing_episodes": "How often, how long, where found",
    "sharing_reason": "Sharing can proceed without consent where necessary to safeguard a child",
    "risk_level": "Leave as not assessed if you did not use the tool",
}

RADIO_FIELDS = {
    "subject",
    "child_in_need",
    "child_protection",
    "looked_after",
    "care_leaver",
    "open_to_social_work",
    "known_to_police",
    "known_to_youth_justice",
    "known_to_camhs",
    "exploitation_identified_before",
    "parents_aware",
    "parents_consent",
    "parents_protective",
    "lawful_basis",
}
TEXTAREA_FIELDS = {
    "child_household",
    "risk_analysis",
    "push_factors",
    "pull_factors",
    "missing_episodes",
    "context_description",
    "places_of_concern",
    "peer_groups",
    "online_spaces",
    "sharing_reason",
    "what_tried",
    "why_mace",
    "cross_border",
}

RISK_LEVEL_CHOICES = [("", "Not assessed"), *Level.choices]


class _StepForm(forms.ModelForm):
    """Every field optional while drafting; referral_submit checks what must be there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = name == "subject"
            field.label = LABELS.get(name, field.label)
            field.help_text = HINTS.get(name, "")
            if isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
                field, forms.MultipleChoiceField
            ):
                field.choices = [c for c in field.choices if c[0] != ""]
        if "risk_level" in self.fields:
            self.fields["risk_level"] = forms.ChoiceField(
                label=LABELS["risk_level"],
                help_text=HINTS["risk_level"],
                choices=RISK_LEVEL_CHOICES,
                required=False,
            )
        if "concerns" in self.fields:
            self.fields["concerns"] = forms.MultipleChoiceField(
                label=LABELS["concerns"],
                help_text="Choose all that apply",
                choices=Referral.Concern.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        if "child_date_of_birth" in self.fields:
            old = self.fields["child_date_of_birth"]
            self.fields["child_date_of_birth"] = date_field(
                "Date of birth", required=old.required, help_text="For example, 27 3 2010"
            )
        if "child_age_estimate" in self.fields:
            self.fields["child_age_estimate"].error_messages["invalid"] = (
                "Enter the approximate age as a number, for example 14"
            )

    def clean_child_date_of_birth(self):

        dob = self.cleaned_data.get("child_date_of_birth")
        if dob and dob > clock.today():
            raise forms.ValidationError("The date of birth must be in the past")
        return dob

    def clean_child_age_estimate(self):
        age = self.cleaned_data.get("child_age_estimate")
        if age is not None and not 0 < age < 26:
            raise forms.ValidationError("Enter an approximate age from 1 to 25")
        return age

    def clean_child_postcode(self):
        return (self.cleaned_data.get("child_postcode") or "").upper().strip()


@cache
def step_form_class(section: Section) -> type[forms.ModelForm]:
    """The ModelForm for one section of the referral."""
    widgets = {}
    for name in section.fields:
        if name in RADIO_FIELDS:
            widgets[name] = forms.RadioSelect
        elif name in TEXTAREA_FIELDS:
            widgets[name] = forms.Textarea(attrs={"rows": 4})
    meta = type("Meta", (), {"model": Referral, "fields": list(section.fields), "widgets": widgets})
    return type(f"{section.slug.title()}StepForm", (_StepForm,), {"Meta": meta})


class PerpetratorForm(forms.ModelForm):
    class Meta:
        model = SuspectedPerpetrator
        fields = list(PERPETRATOR_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def has_content(self) -> bool:
        return any((self.cleaned_data.get(name) or "").strip() for name in PERPETRATOR_FIELDS)


PerpetratorFormSet = forms.formset_factory(PerpetratorForm, extra=0, max_num=6)

YES_NO_UNKNOWN = YesNoUnknown
