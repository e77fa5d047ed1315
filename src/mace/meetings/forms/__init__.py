"""Forms for series, agendas, invitations, the live meeting, minutes and actions.

Forms check the shape of what was typed; the services check the rules.
"""

from __future__ import annotations

from django import forms

from mace.accounts.models import Agency, Role, User
from mace.meetings.models import (
    AgendaItem,
    Attendance,
    Discussion,
    Finding,
    Invitation,
    Meeting,
    MeetingSeries,
)
from mace.meetings.permissions import CHAIRING_ROLES
from mace.meetings.selectors.agenda import items_open_to, items_shown
from mace.meetings.services.schedule import rrule_validate
from mace.web.forms import TimeInput, date_field


def _items_offered(form: forms.Form, user, queryset) -> None:
    """Agenda items offered in a form's choice: the children named in its options are read,
    so the selector logs them (the options are limited to records open to the user)."""
    form.fields["item"].queryset = queryset
    items_shown(user=user, items=queryset, page="form")


def _required(form: forms.Form, messages: dict[str, str]) -> None:
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class SeriesForm(forms.ModelForm):
    first_date = date_field("First meeting date")
    online_link = forms.URLField(required=False, assume_scheme="https", label="Online link")

    class Meta:
        model = MeetingSeries
        fields = [
            "name",
            "kind",
            "rrule",
            "first_date",
            "start_time",
            "duration_minutes",
            "on_bank_holiday",
            "location",
            "online_link",
            "chair",
            "slot_minutes",
            "capacity",
        ]
        labels = {"rrule": "How often it meets (recurrence rule)", "kind": "Kind of meeting"}
        help_texts = {
            "rrule": "RFC 5545, as calendars use. Every two weeks on Wednesday: "
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE. Every two months on the second Tuesday: "
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        }
        widgets = {"start_time": TimeInput(), "kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = User.objects.filter(
            role__in=CHAIRING_ROLES, is_active=True
        ).order_by("full_name")
        self.fields["kind"].choices = MeetingSeries._meta.get_field("kind").choices
        _required(
            self,
            {
                "name": "Enter the name of the series",
                "kind": "Choose the kind of meeting",
                "rrule": "Enter how often the meeting happens",
                "start_time": "Enter the start time",
            },
        )

    def clean(self):
        data = super().clean()
        rule, first = data.get("rrule"), data.get("first_date")
        if rule and first:
            try:
                rrule_validate(rule, first)
            except forms.ValidationError as exc:
                self.add_error("rrule", exc.message_dict["rrule"])
        return data


class MemberForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        error_messages={"required": "Choose the agency"},
    )
    representative = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).exclude(role=Role.REFERRER),
        error_messages={"required": "Choose the agency's representative"},
    )
    deputy = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).exclude(role=Role.REFERRER), required=False
    )


class MoveForm(forms.Form):
    date = date_field("New date")
    start_time = forms.TimeField(required=False, widget=TimeInput(), label="New start time")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the meeting is moving"},
    )


class ItemAddForm(forms.Form):
    subject = forms.ChoiceField(
        choices=AgendaItem.Subject.choices,
        initial=AgendaItem.Subject.CHILD,
        widget=forms.RadioSelect,
    )
    child = forms.CharField(
        required=False,
        label="Child's name or case-system ID",
        help_text="As on the children list. Only children in the MACE cohort can be added.",
    )
    title = forms.CharField(
        required=False,
        label="What the item is about",
        help_text="For a place, peer group, person of concern or theme: name it",
    )
    for_information = forms.BooleanField(required=False, label="For information only")


class ShareForm(forms.Form):
    information = forms.CharField(
        label="What does your agency know?",
        help_text="What is relevant to this discussion: incidents, contacts, concerns.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
        error_messages={"required": "Enter what your agency knows"},
    )
    known_since = date_field("Date your agency has known this since", required=False)
    source = forms.CharField(
        label="Source (optional)",
        help_text="For example, a police intelligence report (graded B2), a school record.",
        max_length=200,
        required=False,
        error_messages={"max_length": "Enter the source in 200 characters or fewer"},
    )


class SlotForm(forms.Form):
    slot_minutes = forms.IntegerField(
        label="How many minutes for this discussion?",
        min_value=5,
        max_value=180,
        error_messages={
            "required": "Enter how many minutes the discussion takes",
            "invalid": "Enter the minutes as a whole number, like 20",
            "min_value": "Give the discussion 5 minutes or more",
            "max_value": "Give the discussion 180 minutes or less",
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason (it is kept with the agenda)"},
    )


class InvitationForm(forms.Form):
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        label="For the discussion of",
        error_messages={"required": "Choose the child"},
    )
    email = forms.EmailField(
        label="Practitioner's email address",
        help_text="They need an account on the service to read the papers",
        error_messages={
            "required": "Enter the practitioner's email address",
            "invalid": "Enter an email address like name@agency.gov.uk",
        },
    )
    capacity = forms.ChoiceField(
        choices=[
            c
            for c in Invitation.Capacity.choices
            if c[0] not in (Invitation.Capacity.CORE, Invitation.Capacity.DEPUTY)
        ],
        label="Involved as",
    )

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        _items_offered(
            self, user, items_open_to(user=user, meeting=meeting).filter(child__isnull=False)
        )
        self.fields["item"].label_from_instance = lambda item: item.child.full_name

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                "There is no active account with that email address: ask the administrator "
                "to create one"
            )
        self.cleaned_data["user"] = user
        return email


class DiscussionForm(forms.ModelForm):
    next_review_date = date_field("Next review date", required=False)

    class Meta:
        model = Discussion
        fields = [
            "risk_analysis",
            "push_factors",
            "pull_factors",
            "connectivity",
            "risk_level",
            "outcome",
            "statutory_recommendation",
            "next_review_date",
        ]
        labels = {
            "push_factors": "Push factors (what drives the child away)",
            "pull_factors": "Pull factors (what draws the child in)",
            "connectivity": "Connections: children, adults and places linked",
            "statutory_recommendation": "Statutory process recommended",
        }
        widgets = {
            "risk_analysis": forms.Textarea(attrs={"rows": 4}),
            "push_factors": forms.Textarea(attrs={"rows": 2}),
            "pull_factors": forms.Textarea(attrs={"rows": 2}),
            "connectivity": forms.Textarea(attrs={"rows": 2}),
            "statutory_recommendation": forms.Textarea(attrs={"rows": 2}),
            "risk_level": forms.RadioSelect,
            "outcome": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("risk_level", "outcome"):
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0]]


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=Attendance.Status.choices, widget=forms.RadioSelect)
    attendee_name = forms.CharField(required=False, label="Who attended")


class FindingForm(forms.Form):
    kind = forms.ChoiceField(
        choices=Finding.Kind.choices,
        label="What was identified",
        error_messages={"required": "Choose what was identified"},
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Describe what the meeting identified"},
    )


class ActionForm(forms.Form):
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label="For",
        empty_label="The meeting as a whole",
    )
    description = forms.CharField(
        label="What is to be done",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Describe the action"},
    )
    is_recommendation = forms.BooleanField(required=False, label="This is a recommendation")
    owner_agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        label="Owner agency",
        error_messages={"required": "Choose the agency that owns the action"},
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).exclude(role=Role.REFERRER),
        required=False,
        label="Owner (person)",
    )
    due_date = date_field("Due date")

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        _items_offered(self, user, items_open_to(user=user, meeting=meeting))
        self.fields["item"].label_from_instance = lambda item: item.label
        self.fields["owner"].label_from_instance = lambda u: (
            f"{u.full_name} ({u.agency})" if u.agency_id else u.full_name
        )


class MinutesForm(forms.Form):
    text = forms.CharField(
        label="General minutes",
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "The minutes cannot be empty"},
    )


class AddendumForm(forms.Form):
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="About", empty_label="General"
    )
    text = forms.CharField(
        label="Correction",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the correction"},
    )

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        _items_offered(self, user, items_open_to(user=user, meeting=meeting))
        self.fields["item"].label_from_instance = lambda item: item.label


class CompleteForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what was done to complete the action"},
    )
