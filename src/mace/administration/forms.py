"""Forms of the administration pages. They check the shape of what was typed; the services
check the rules."""

from __future__ import annotations

from django import forms

from mace.accounts.models import Agency, Role, User
from mace.meetings.models import Kind, MeetingSeries
from mace.meetings.permissions import CHAIRING_ROLES
from mace.web.forms import TimeInput, date_field

CATALOGUE_MAX_BYTES = 1024 * 1024

ROLE_HINT = (
    "Need to know follows the role: administrators and auditors see no case data, "
    "agency members see a child only while invited to discuss them."
)


def _agencies(current: Agency | None = None):
    """Agencies switched on, and the user's own even if it has been switched off since."""
    agencies = Agency.objects.filter(is_active=True)
    if current is not None:
        agencies = Agency.objects.filter(pk=current.pk) | agencies
    return agencies.order_by("name")


def _people():
    return User.objects.filter(is_active=True).exclude(role=Role.REFERRER).order_by("full_name")


class ConfirmForm(forms.Form):
    """No fields: a confirmation button, and somewhere to show a service's refusal."""


class UserFilterForm(forms.Form):
    q = forms.CharField(label="Name or email address", required=False, max_length=200)
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "Any role"), *Role.choices]
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        required=False,
        queryset=Agency.objects.order_by("name"),
        empty_label="Any agency",
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )
    active = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Switched on or off"), ("yes", "Switched on"), ("no", "Switched off")],
    )


class _PersonFields(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the person's full name"},
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False)
    role = forms.ChoiceField(
        label="Role",
        help_text=ROLE_HINT,
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the user's role"},
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        help_text="Leave as 'No agency' only for administrators and auditors.",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="No agency",
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )


class InviteForm(_PersonFields):
    email = forms.EmailField(
        label="Work email address",
        max_length=254,
        help_text="The invitation is sent here. They sign in with this address.",
        error_messages={
            "required": "Enter the person's work email address",
            "invalid": "Enter an email address in the right format, like name@leeds.gov.uk",
        },
    )
    field_order = ["full_name", "email", "job_title", "role", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _agencies()


class UserChangeForm(_PersonFields):
    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.full_name,
                "job_title": user.job_title,
                "role": user.role,
                "agency": user.agency_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _agencies(user.agency)


class AgencyForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={"required": "Enter the agency's name"},
    )
    kind = forms.ChoiceField(
        label="Kind of agency",
        choices=[("", "Choose the kind"), *Agency.Kind.choices],
        error_messages={"required": "Choose the kind of agency"},
    )


class AgencyChangeForm(AgencyForm):
    is_active = forms.BooleanField(
        label="Switched on (its users can be chosen for seats, actions and invitations)",
        required=False,
    )


class DomainForm(forms.Form):
    pattern = forms.CharField(
        label="Email domain",
        max_length=200,
        help_text="The part after the @. nhs.net allows that domain only; *.gov.uk allows "
        "every domain ending .gov.uk, such as leeds.gov.uk.",
        error_messages={"required": "Enter the email domain, for example nhs.net or *.gov.uk"},
    )
    description = forms.CharField(
        label="Who it is for (optional)",
        max_length=200,
        required=False,
        help_text="For example: Schools",
    )


class _SeriesFields(forms.Form):
    name = forms.CharField(
        label="Name of the series", max_length=200, error_messages={"required": "Enter the name"}
    )
    rrule = forms.CharField(
        label="How often it meets (recurrence rule)",
        max_length=300,
        help_text="RFC 5545, as calendars use. Every two weeks on Wednesday: "
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE. Every two months on the second Tuesday: "
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        error_messages={"required": "Enter how often the meeting happens"},
    )
    start_time = forms.TimeField(
        label="Start time",
        widget=TimeInput(),
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time as hours and minutes, like 10:00",
        },
    )
    duration_minutes = forms.IntegerField(
        label="Length in minutes",
        min_value=15,
        max_value=600,
        initial=180,
        error_messages={
            "required": "Enter how long the meeting lasts, in minutes",
            "invalid": "Enter the length as a whole number of minutes, like 180",
            "min_value": "A meeting lasts 15 minutes or more",
            "max_value": "A meeting lasts 600 minutes (10 hours) or less",
        },
    )
    on_bank_holiday = forms.ChoiceField(
        label="When a date falls on a bank holiday",
        choices=MeetingSeries.OnBankHoliday.choices,
        initial=MeetingSeries.OnBankHoliday.SKIP,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens on a bank holiday"},
    )
    location = forms.CharField(label="Where (optional)", max_length=300, required=False)
    online_link = forms.URLField(
        label="Online link (optional)",
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": "Enter the online link as a web address, like https://…"},
    )
    chair = forms.ModelChoiceField(
        label="Chair (optional)",
        required=False,
        queryset=User.objects.none(),
        empty_label="No chair set",
        error_messages={"invalid_choice": "Choose a chair from the list"},
    )
    slot_minutes = forms.IntegerField(
        label="Minutes for each child's discussion",
        min_value=5,
        max_value=180,
        initial=20,
        error_messages={
            "required": "Enter the minutes for each discussion",
            "invalid": "Enter the minutes as a whole number, like 20",
            "min_value": "Give each discussion 5 minutes or more",
            "max_value": "Give each discussion 180 minutes or less",
        },
    )
    capacity = forms.IntegerField(
        label="Children discussed at most in one meeting",
        min_value=1,
        max_value=50,
        initial=8,
        error_messages={
            "required": "Enter how many children one meeting can discuss",
            "invalid": "Enter a whole number, like 8",
            "min_value": "A meeting discusses at least 1 child",
            "max_value": "A meeting discusses 50 children at most",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = User.objects.filter(
            role__in=CHAIRING_ROLES, is_active=True
        ).order_by("full_name")


class SeriesCreateForm(_SeriesFields):
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of meeting"},
    )
    first_date = date_field("First meeting date", example="13 1 2027")
    field_order = ["name", "kind", "rrule", "first_date", "start_time"]


class SeriesChangeForm(_SeriesFields):
    is_active = forms.BooleanField(
        label="Active (meetings keep being scheduled for this series)", required=False
    )

    def __init__(self, *args, series: MeetingSeries, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": series.name,
                "rrule": series.rrule,
                "start_time": series.start_time,
                "duration_minutes": series.duration_minutes,
                "on_bank_holiday": series.on_bank_holiday,
                "location": series.location,
                "online_link": series.online_link,
                "chair": series.chair_id,
                "slot_minutes": series.slot_minutes,
                "capacity": series.capacity,
                "is_active": series.is_active,
            },
        )
        super().__init__(*args, **kwargs)
        if series.chair_id is not None:
            self.fields["chair"].queryset = (
                User.objects.filter(pk=series.chair_id) | self.fields["chair"].queryset
            ).order_by("full_name")


class MemberForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        empty_label="Choose the agency",
        error_messages={
            "required": "Choose the agency",
            "invalid_choice": "Choose an agency from the list",
        },
    )
    representative = forms.ModelChoiceField(
        label="Representative",
        queryset=User.objects.none(),
        empty_label="Choose the representative",
        error_messages={
            "required": "Choose the agency's representative",
            "invalid_choice": "Choose a representative from the list",
        },
    )
    deputy = forms.ModelChoiceField(
        label="Deputy (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="No deputy",
        error_messages={"invalid_choice": "Choose a deputy from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _agencies()
        self.fields["representative"].queryset = _people()
        self.fields["deputy"].queryset = _people()


class CatalogueUploadForm(forms.Form):
    file = forms.FileField(
        label="Catalogue file (YAML)",
        help_text="A .yaml file in the shape of the bundled catalogue, with a new version.",
        error_messages={
            "required": "Choose the catalogue file to load",
            "empty": "The file is empty. Choose the catalogue file",
            "invalid": "Choose the catalogue file to load",
        },
    )
    activate = forms.BooleanField(
        label="Make it the active version now (new assessments use it)",
        required=False,
        initial=True,
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > CATALOGUE_MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 1 MB")
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file must be text (UTF-8), as saved by a text editor"
            ) from None


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label="Create a password",
        strip=False,
        help_text="12 characters or more. Not only numbers, and not like your name or email.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def clean(self):
        data = super().clean()
        first, again = data.get("password"), data.get("password_again")
        if first and again and first != again:
            self.add_error("password_again", "The passwords do not match. Type the same twice")
        return data
