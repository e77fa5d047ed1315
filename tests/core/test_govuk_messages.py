"""Every form says what is wrong in the GOV.UK Design System's words (issue 11.5)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms

import mace
from mace.core.forms import GovukForm, GovukModelForm


class _Series(GovukForm):
    name = forms.CharField(label="Name of the series", max_length=10)
    capacity = forms.IntegerField(label="Children discussed at most", min_value=1, max_value=50)
    kind = forms.ChoiceField(label="Kind of meeting", choices=[("child", "Child-focused")])
    email = forms.EmailField(label="Email address", required=False)
    link = forms.URLField(label="Online link (optional)", required=False, assume_scheme="https")
    start = forms.TimeField(label="Start time", required=False)
    custom = forms.IntegerField(
        label="Minutes", error_messages={"required": "Enter the minutes for each discussion"}
    )


def _errors(data: dict) -> dict:
    form = _Series(data)
    form.is_valid()
    return form.errors


def test_a_missing_answer_names_the_field():
    errors = _errors({})
    assert errors["name"] == ["Enter name of the series"]
    assert errors["capacity"] == ["Enter children discussed at most"]
    assert errors["kind"] == ["Select kind of meeting"]


def test_numbers_say_their_limits_and_not_djangos_ensure_this_value():
    assert _errors({"capacity": "0"})["capacity"] == [
        "Children discussed at most must be 1 or more"
    ]
    assert _errors({"capacity": "51"})["capacity"] == [
        "Children discussed at most must be 50 or less"
    ]
    assert _errors({"capacity": "a few"})["capacity"] == [
        "Children discussed at most must be a whole number"
    ]


def test_text_email_links_and_times_say_how_to_put_them_right():
    errors = _errors(
        {"name": "x" * 11, "email": "priya at leeds", "link": "meet dot example", "start": "2pm"}
    )
    assert errors["name"] == ["Name of the series must be 10 characters or fewer"]
    assert errors["email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert errors["link"] == [
        "Enter a web address in the correct format, like https://www.example.com"
    ]
    assert errors["start"] == ["Start time must be a real time, like 14:30"]


def test_a_message_the_form_sets_itself_wins():
    assert _errors({})["custom"] == ["Enter the minutes for each discussion"]


def _project_forms():
    for module in pkgutil.walk_packages(mace.__path__, "mace."):
        if ".migrations" in module.name or module.name.endswith((".admin", "management")):
            continue
        importlib.import_module(module.name)

    def subclasses(klass):
        for sub in klass.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(
        {
            form
            for form in subclasses(forms.BaseForm)
            if form.__module__.startswith("mace.") and not form.__module__.endswith(".admin")
        },
        key=lambda form: f"{form.__module__}.{form.__qualname__}",
    )


def test_every_form_of_ours_uses_the_govuk_messages():
    ours = _project_forms()
    assert len(ours) > 30
    strays = [
        f"{form.__module__}.{form.__qualname__}"
        for form in ours
        if not issubclass(form, GovukForm | GovukModelForm)
    ]
    # Django's AuthenticationForm is the sign-in form's base: it calls govuk_messages itself.
    assert strays == ["mace.accounts.forms.SignInForm"]
    from mace.accounts.forms import SignInForm

    form = SignInForm(data={"username": "priya at leeds", "password": "x"})
    form.is_valid()
    assert form.errors["username"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]


@pytest.mark.django_db
def test_the_series_form_no_longer_says_ensure_this_value():
    from mace.meetings.forms import SeriesForm

    form = SeriesForm({"capacity": "-1", "slot_minutes": "x"})
    form.is_valid()
    text = " ".join(str(m) for messages in form.errors.values() for m in messages)
    assert "Ensure this value" not in text and "Enter a whole number." not in text
    assert "must be 0 or more" in text or "must be 1 or more" in text
