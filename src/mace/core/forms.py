"""GOV.UK Design System error messages for every form, named by the field's label.

Django's defaults ("This field is required.", "Ensure this value is greater than or equal
to 0.", "Enter a whole number.") do not say which answer is wrong or how to put it right.
``GovukForm`` and ``GovukModelForm`` give each field that has not been given its own
message the wording the Design System's guidance uses. A message a form sets itself always
wins. Below every app (it imports Django only), so the accounts and audit forms use it too.
"""

from __future__ import annotations

from django import forms
from django.core import validators

_LIMITS = {
    validators.MaxLengthValidator: "max_length",
    validators.MinLengthValidator: "min_length",
    validators.MaxValueValidator: "max_value",
    validators.MinValueValidator: "min_value",
}
_CHOOSING = (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField)


def _named(field, name: str) -> tuple[str, str]:
    """The field's label as a sentence's start and middle: "Due date", "the due date"."""
    label = str(field.label or name.replace("_", " ")).strip()
    label = label.removesuffix("(optional)").strip().rstrip("?:").strip()
    return label[:1].upper() + label[1:], label[:1].lower() + label[1:]


def _default(field, code: str) -> str | None:
    for klass in type(field).__mro__:
        message = getattr(klass, "default_error_messages", {}).get(code)
        if message is not None:
            return str(message)
    return None


def govuk_messages(form: forms.BaseForm) -> None:
    """Give each of the form's fields the Design System's messages where it has none."""
    for name, field in form.fields.items():
        start, middle = _named(field, name)
        wanted = {}
        if isinstance(field, _CHOOSING):
            wanted["required"] = f"Select {middle}"
        else:
            wanted["required"] = f"Enter {middle}"
        if isinstance(field, forms.IntegerField):
            wanted["invalid"] = f"{start} must be a whole number"
        elif isinstance(field, forms.DecimalField | forms.FloatField):
            wanted["invalid"] = f"{start} must be a number"
        elif isinstance(field, forms.EmailField):
            wanted["invalid"] = (
                "Enter an email address in the correct format, like name@example.com"
            )
        elif isinstance(field, forms.URLField):
            wanted["invalid"] = (
                "Enter a web address in the correct format, like https://www.example.com"
            )
        elif isinstance(field, forms.TimeField):
            wanted["invalid"] = f"{start} must be a real time, like 14:30"
        for validator in field.validators:
            code = _LIMITS.get(type(validator))
            if code is None:
                continue
            limit = validator.limit_value
            wanted[code] = {
                "max_length": f"{start} must be {limit} characters or fewer",
                "min_length": f"{start} must be {limit} characters or more",
                "max_value": f"{start} must be {limit} or less",
                "min_value": f"{start} must be {limit} or more",
            }[code]
        for code, message in wanted.items():
            current = field.error_messages.get(code)
            if current is None or str(current) == _default(field, code):
                field.error_messages[code] = message


class GovukForm(forms.Form):
    """A form whose fields say what is wrong in the Design System's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk_messages(self)


class GovukModelForm(forms.ModelForm):
    """A model form whose fields say what is wrong in the Design System's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk_messages(self)
