"""The forms for recording, changing and ending disruption."""

from __future__ import annotations

from django import forms

from mace.accounts.models import Agency
from mace.contexts.models import Disruption
from mace.contexts.services.disruption import AGAINST
from mace.core.forms import GovukForm
from mace.web.forms import date_field


def tactics_for(kind: str) -> list[tuple[str, str]]:
    """The tactics recorded against a context of this kind (services.disruption.AGAINST)."""
    return [(value, label) for value, label in Disruption.Tactic.choices if kind in AGAINST[value]]


class DisruptionForm(GovukForm):
    tactic = forms.ChoiceField(
        label="Disruption tactic",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the disruption tactic"},
    )
    agency = forms.ModelChoiceField(
        label="Agency that leads it",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the agency that leads it"},
    )
    started_on = date_field("Date it started or was granted")
    expires_on = date_field(
        "Expiry date",
        required=False,
        help_text="Orders and notices only. For example, 12 2 2027",
    )
    reference = forms.CharField(label="Court or case reference", required=False, max_length=100)
    details = forms.CharField(label="Details", required=False, widget=forms.Textarea)

    def __init__(self, *args, kind: str = "", with_tactic: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        if with_tactic:
            self.fields["tactic"].choices = tactics_for(kind)
        else:
            del self.fields["tactic"]


class DisruptionEndForm(GovukForm):
    ended_on = date_field("Date it ended", required=False, help_text="Leave empty for today")
    outcome = forms.CharField(
        label="What came of it",
        widget=forms.Textarea,
        error_messages={"required": "Say what came of it"},
    )
