"""Form for a missing episode and its return interview. The rules live in the service."""

from __future__ import annotations

from django import forms

from mace.core.forms import GovukForm
from mace.risk.models import MissingEpisode
from mace.web.forms import datetime_field


def _text(label: str, *, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=8000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class MissingEpisodeForm(GovukForm):
    kind = forms.ChoiceField(
        label="Type of episode",
        choices=MissingEpisode.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of episode"},
    )
    started_at = datetime_field("When the episode started", required=True)
    ended_at = datetime_field(
        "When the child returned",
        required=False,
        help_text="Leave blank while the child is still missing",
    )
    police_risk = forms.ChoiceField(
        label="Police risk grading",
        choices=[("", "Not graded"), *MissingEpisode.PoliceRisk.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    police_reference = forms.CharField(label="Police reference", required=False, max_length=40)
    reported_by = forms.CharField(label="Reported missing by", required=False, max_length=200)
    where_found = forms.CharField(label="Where the child was found", required=False, max_length=300)

    interview_status = forms.ChoiceField(
        label="Return interview",
        choices=MissingEpisode.InterviewStatus.choices,
        initial=MissingEpisode.InterviewStatus.NOT_YET,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the return interview is up to"},
    )
    interview_offered_at = datetime_field("When the interview was offered", required=False)
    interview_completed_at = datetime_field(
        "When the interview was completed",
        required=False,
        help_text="Only for a completed interview. It is due within 72 hours of the return.",
    )
    interview_not_done_reason = _text(
        "Why the interview was not done, or who refused it and why",
        help_text="Needed if the child refused or the interview was not done",
    )
    why_left = _text("Why the child left")
    where_went = _text("Where they went")
    with_whom = _text("Who they were with")
    how_travelled = _text("How they travelled, and how they got home")
    harm = _text("Harm suffered")
    push_factors = _text("Push factors (what drove the child away)")
    pull_factors = _text("Pull factors (what drew the child in)")

    EPISODE_FIELDS = (
        "kind",
        "started_at",
        "ended_at",
        "police_risk",
        "police_reference",
        "reported_by",
        "where_found",
    )
    INTERVIEW_FIELDS = (
        "interview_status",
        "interview_offered_at",
        "interview_completed_at",
        "interview_not_done_reason",
    )
    FINDINGS_FIELDS = (
        "why_left",
        "where_went",
        "with_whom",
        "how_travelled",
        "harm",
        "push_factors",
        "pull_factors",
    )

    @classmethod
    def initial_from(cls, episode: MissingEpisode | None) -> dict:
        """The form's starting values: the episode's, or the defaults for a new one."""
        if episode is None:
            return {}
        return {name: getattr(episode, name) for name in cls.base_fields}
