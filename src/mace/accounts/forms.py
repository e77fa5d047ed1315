from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from mace.core.forms import GovukForm, govuk_messages


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Work email address",
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
        error_messages={"required": "Enter your work email address"},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def clean_username(self) -> str:
        # Addresses are stored in lower case: Priya.Shah@Leeds.gov.uk signs in as typed.
        return self.cleaned_data["username"].strip().lower()

    error_messages = {
        "invalid_login": "The email address or password is not right. Check them and try again.",
        "inactive": "This account has been switched off. Contact your MACE coordinator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk_messages(self)


class TokenForm(GovukForm):
    token = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code, for example 123456",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_token(self) -> str:
        digits = "".join(ch for ch in self.cleaned_data["token"] if ch.isdigit())
        if len(digits) != 6:
            raise forms.ValidationError("Enter the code as 6 digits, for example 123456")
        return digits
