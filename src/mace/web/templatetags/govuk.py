"""GOV.UK Design System markup for Django forms: one field tag and the error summary."""

from __future__ import annotations

from django import forms, template

from mace.web.forms import GovukDateInput

register = template.Library()


def _kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, GovukDateInput):
        return "date"
    # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.inclusion_tag("govuk/field.html")
def govuk_field(
    field, label_size: str = "s", width: str = "", autocomplete: str = "", inline: bool = False
):
    """Render a bound field with its label, hint and error in GOV.UK markup."""
    widget = field.field.widget
    input_type = widget.attrs.get("type") or getattr(widget, "input_type", "text")
    value = field.value()
    if value is not None and _kind(field) == "input":
        value = widget.format_value(value)
    return {
        "field": field,
        "kind": _kind(field),
        "input_type": input_type,
        "label_size": label_size,
        "inline": inline,
        "width": width,
        "autocomplete": autocomplete or widget.attrs.get("autocomplete", ""),
        "inputmode": widget.attrs.get("inputmode", ""),
        "errors": field.errors,
        "value": value if value is not None else "",
        "parts": GovukDateInput.parts(field.value()) if _kind(field) == "date" else None,
    }


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(form):
    """The error summary at the top of a form, linking to each field in error."""
    items = []
    if form is not None and form.errors:
        for error in form.non_field_errors():
            items.append(("", error))
        for field in form:
            for error in field.errors:
                target = field.auto_id
                if _kind(field) in {"radios", "checkboxes"}:
                    target = f"{field.auto_id}_0"
                items.append((target, error))
    return {"items": items}
