"""The trends page's period, and tagging a record with themes."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django import forms

from mace.core.forms import GovukForm
from mace.web.forms import date_field

LONGEST_PERIOD = relativedelta(years=10)


class PeriodForm(GovukForm):
    """A period, both days included: it ends on or after its start, and is at most
    ``longest`` (None: any length). The trends page's; the dashboards and the inspection
    pack extend it with their own rules."""

    longest: relativedelta | None = LONGEST_PERIOD

    start = date_field("From", example="1 1 2026")
    end = date_field("To", example="31 12 2026")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end of the period must be on or after its start")
            elif self.longest and end > start + self.longest:
                self.add_error("end", f"The period can be at most {self.longest.years} years")
        return data


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
