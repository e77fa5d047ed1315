"""Tagging a record with themes (the trends page's period is the shared PeriodForm)."""

from __future__ import annotations

from django import forms

from mace.core.forms import GovukForm


class ThemeTagForm(GovukForm):
    themes = forms.MultipleChoiceField(
        label="Themes", required=False, widget=forms.CheckboxSelectMultiple
    )
    new_theme = forms.CharField(
        label="Or open a new theme",
        required=False,
        max_length=200,
        help_text="For example, taxi use, or a social-media app",
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(str(t.pk), t.name) for t in themes]

    def clean(self):
        data = super().clean()
        if not data.get("themes") and not (data.get("new_theme") or "").strip():
            field = "themes" if self.fields["themes"].choices else "new_theme"
            self.add_error(field, "Choose a theme, or name a new one")
        return data
