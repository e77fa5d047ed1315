"""The GOV.UK form tags render each widget as the Design System expects."""

from __future__ import annotations

from django import forms
from django.template import Context, Template


class _Form(forms.Form):
    many = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, label="Many"
    )
    one = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def _render(form, name):
    return Template("{% load govuk %}{% govuk_field form." + name + " %}").render(
        Context({"form": form})
    )


def test_checkboxes_are_checkboxes_not_radios():
    html = _render(_Form(data={"many": ["a", "b"]}), "many")
    assert html.count('type="checkbox"') == 2
    assert html.count("checked") == 2
    assert 'type="radio"' not in html


def test_radios_are_radios():
    html = _render(_Form(data={"one": "y"}), "one")
    assert html.count('type="radio"') == 2
    assert 'value="y" checked' in html


def test_a_date_input_keeps_its_type_and_iso_value():
    import datetime as dt

    html = _render(_Form(initial={"when": dt.date(2026, 11, 5)}), "when")
    assert 'type="date"' in html
    assert 'value="2026-11-05"' in html


def test_errors_are_shown_and_linked_from_the_summary():
    form = _Form(data={})
    form.is_valid()
    summary = Template("{% load govuk %}{% govuk_error_summary form %}").render(
        Context({"form": form})
    )
    assert 'href="#id_many_0"' in summary
    assert 'href="#id_when"' in summary
    assert "govuk-form-group--error" in _render(form, "when")
