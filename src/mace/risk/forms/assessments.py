"""Forms for the risk identification tool: built from the catalogue version in use."""

from __future__ import annotations

from django import forms

from mace.core import clock
from mace.risk.models import Assessment, Grade, Level
from mace.web.forms import date_field


def field_key(code: str) -> str:
    return code.replace(".", "-")


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of assessment",
        choices=Assessment.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose initial or review"},
    )
    assessed_on = date_field("Date of assessment", example="20 11 2026")
    analysis = forms.CharField(
        label="Your analysis",
        help_text="What the indicators mean together for this child, in your judgement",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )

    def __init__(self, *args, catalogue_content: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = catalogue_content
        self.sections = []
        for domain in catalogue_content["domains"]:
            indicators = []
            for indicator in domain["indicators"]:
                key = field_key(indicator["code"])
                self.fields[f"grade-{key}"] = forms.ChoiceField(
                    label=indicator["text"],
                    choices=Grade.choices,
                    initial=Grade.NOT_PRESENT,
                    widget=forms.RadioSelect,
                    required=False,  # an indicator left ungraded is not present
                )
                self.fields[f"evidence-{key}"] = forms.CharField(
                    label="Evidence seen",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    max_length=4000,
                )
                indicators.append((indicator["code"], f"grade-{key}", f"evidence-{key}"))
            self.fields[f"protective-{field_key(domain['code'])}"] = forms.CharField(
                label=f"Protective factors: {domain['title'].lower()}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=4000,
            )
            self.sections.append(
                {
                    "code": domain["code"],
                    "title": domain["title"],
                    "indicators": indicators,
                    "protective": f"protective-{field_key(domain['code'])}",
                }
            )

    def clean_assessed_on(self):
        day = self.cleaned_data["assessed_on"]
        if day > clock.today():
            raise forms.ValidationError("The date of the assessment cannot be in the future")
        return day

    def bound_sections(self):
        """Sections with bound fields, for the template."""
        return [
            {
                "title": s["title"],
                "indicators": [(self[g], self[e]) for _, g, e in s["indicators"]],
                "protective": self[s["protective"]],
            }
            for s in self.sections
        ]

    def service_data(self) -> dict:
        """Cleaned data in the shape assessment_save_draft takes."""
        data = self.cleaned_data
        grades, evidence, protective = {}, {}, {}
        for section in self.sections:
            for code, grade_field, evidence_field in section["indicators"]:
                grades[code] = data.get(grade_field) or Grade.NOT_PRESENT
                evidence[code] = data.get(evidence_field, "")
            protective[section["code"]] = data.get(section["protective"], "")
        return {
            "kind": data["kind"],
            "assessed_on": data["assessed_on"],
            "analysis": data.get("analysis", ""),
            "grades": grades,
            "evidence": evidence,
            "protective_factors": protective,
        }

    @classmethod
    def initial_from(cls, assessment: Assessment) -> dict:
        initial = {
            "kind": assessment.kind,
            "assessed_on": assessment.assessed_on,
            "analysis": assessment.analysis,
        }
        for code, grade in assessment.grades.items():
            initial[f"grade-{field_key(code)}"] = grade
        for code, text in assessment.evidence.items():
            initial[f"evidence-{field_key(code)}"] = text
        for code, text in assessment.protective_factors.items():
            initial[f"protective-{field_key(code)}"] = text
        return initial


class LevelForm(forms.Form):
    final_level = forms.ChoiceField(
        label="What is the overall level of risk, in your judgement?",
        choices=Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the overall level of risk"},
    )
    override_rationale = forms.CharField(
        label="If your judgement differs from the proposed level, why?",
        help_text="Required when you choose a level other than the one proposed",
        required=False,
        widget=forms.Textarea,
        max_length=4000,
    )
